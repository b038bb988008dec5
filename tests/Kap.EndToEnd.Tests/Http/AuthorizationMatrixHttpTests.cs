using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Kap.Domain.Auditing;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Persistence;
using Kap.Infrastructure.Seeding;
using Kap.Tests.Security;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Feed = Kap.Domain.Portal.CalendarFeed;
using Relation = Kap.Tests.Security.AuthorizationMatrix.Relation;
using RouteAttribute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>
/// The authorization matrix over every page and HTTP endpoint (issue 8), as the one table in
/// <see cref="AuthorizationMatrix"/> writes it down: each cell is a real HTTP request to the real app (demo clinic),
/// as anonymous, patient, therapist, NP and admin, and for a route carrying a record id as that record's care team,
/// another clinician, and that clinician after breaking the glass. Prerendered pages answer 200 whether or not the
/// record is theirs to see, so "not found" is asserted on what the page says (and that it says nothing of the
/// patient). A signed-in user refused a page or endpoint, or a record, must leave an audit entry. Pages are found by
/// reflection over the <c>@page</c> routes of Kap.Web and endpoints from the app's <see cref="EndpointDataSource"/>:
/// one missing from the table fails.
/// </summary>
public sealed partial class AuthorizationMatrixHttpTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private const string NotFoundText = "was not found, or you do not have access to it";

    /// <summary>The record the record pages open: Elena García (preferred name Ellie), therapist Sam Okafor, NP Taylor Brooks.</summary>
    private static readonly string[] RecordNames = ["Elena", "Ellie", "Garc"];

    private static readonly char[] RoleCodes = ['-', 'P', 'T', 'N', 'A'];

    private KapWebFactory Factory => fixture.Factory;

    [Fact]
    public void Every_page_and_endpoint_is_in_the_table_and_every_row_is_one()
    {
        using var client = NewClient(); // starts the app, so that every endpoint is mapped
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToHashSet();
        Assert.Empty(pages.Except(AuthorizationMatrix.Pages.Keys));
        Assert.Empty(AuthorizationMatrix.Pages.Keys.Except(pages));

        var mappedPages = new HashSet<string>();
        var endpoints = new HashSet<string>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                mappedPages.Add(route);
            }
            else if (!IsFramework(endpoint, route))
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
                endpoints.Add($"{(methods is { Count: > 0 } ? string.Join(",", methods) : "ANY")} {route}");
            }
        }

        // Every page is reachable by its route (none is only a component), and every other endpoint has its row.
        Assert.Equal(pages.Order(), mappedPages.Order());
        Assert.Empty(endpoints.Except(AuthorizationMatrix.Endpoints.Keys));
        Assert.Empty(AuthorizationMatrix.Endpoints.Keys.Except(endpoints));
    }

    /// <summary>
    /// The Blazor hub and scripts, and the static assets (with the Development-only fallback for files added while the app
    /// runs): they serve no record and take no id. The hub runs the pages above, whose messages are each authorized.
    /// </summary>
    private static bool IsFramework(RouteEndpoint endpoint, string route) =>
        route.StartsWith("/_blazor", StringComparison.Ordinal)
        || route.StartsWith("/_framework/", StringComparison.Ordinal)
        || endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        || (route == "/{**path:file}" && endpoint.DisplayName?.StartsWith("Fallback", StringComparison.Ordinal) == true);

    [Fact]
    public async Task Each_page_gives_each_role_and_relation_exactly_what_the_table_says()
    {
        var record = await RecordAsync();
        var users = new Users(this);
        var wrong = new List<string>();
        var cells = 0;

        // Emergency grants change what "other" sees, so every other cell is asked before the glass is broken.
        foreach (var pass in new[] { Relation.Own, Relation.Other, Relation.Glass })
        {
            if (pass == Relation.Glass)
            {
                await BreakTheGlassAsync(record);
            }

            foreach (var (route, row) in AuthorizationMatrix.Pages.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var isRecord = route.Contains("Id:guid}", StringComparison.Ordinal);
                var cellsOfRow = AuthorizationMatrix.Cells(row);
                for (var i = 0; i < RoleCodes.Length; i++)
                {
                    var role = RoleCodes[i];
                    // Pages without a record, and roles without a care team, are asked once (in the "own" pass). A patient
                    // asking for the record page is asking for another patient's record.
                    if (pass != Relation.Own && !(isRecord && role is 'T' or 'N'))
                    {
                        continue;
                    }

                    var relation = role == 'P' && isRecord ? Relation.Other : pass;
                    var expected = AuthorizationMatrix.Outcome(cellsOfRow[i], relation);
                    cells++;
                    var problem = await CheckPageAsync(await users.ClientAsync(role, pass), users.Id(role, pass), Path(route, record), route, isRecord, expected);
                    if (problem is not null)
                    {
                        wrong.Add($"{route} as {role} ({relation.ToString().ToLowerInvariant()}): {problem}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} page cells differ from the table:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task Each_endpoint_gives_each_role_exactly_what_the_table_says()
    {
        using var _ = NewClient();
        var feedToken = await LiveCalendarFeedAsync();
        var users = new Users(this);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var wrong = new List<string>();
        var cells = 0;
        foreach (var (key, row) in AuthorizationMatrix.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var route = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            var cellsOfRow = AuthorizationMatrix.Cells(row);
            for (var i = 0; i < RoleCodes.Length; i++)
            {
                var role = RoleCodes[i];
                var expected = AuthorizationMatrix.Outcome(cellsOfRow[i], Relation.Own);
                // Signing out ends the client's session, so those two rows get a client of their own.
                var signsOut = route.StartsWith("/account/", StringComparison.Ordinal);
                var client = signsOut ? await users.NewSignedInClientAsync(role) : await users.ClientAsync(role, Relation.Own);
                var userId = users.Id(role, Relation.Own);
                var lastAudit = await LastAuditIdAsync();
                var response = route switch
                {
                    "/account/logout" => await client.PostAsync(route, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, role),
                    })),
                    "/ledger/export.csv" => await client.GetAsync($"{route}?from={today.AddDays(-60):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
                    "/calendar/{token}.ics" => await client.GetAsync($"/calendar/{feedToken}.ics"),
                    "/jobs/{**path}" => await client.GetAsync("/jobs"),
                    _ => await client.GetAsync(route),
                };
                cells++;
                var problem = await CheckResponseAsync(response, expected, route);
                if (problem is null && expected is "denied" or "403")
                {
                    var action = route == "/jobs/{**path}" ? Kap.Infrastructure.Jobs.AdminOnlyDashboardFilter.Action : key;
                    problem = await RefusalAuditedAsync(userId, lastAudit, "forbidden", action);
                }

                if (problem is not null)
                {
                    wrong.Add($"{key} as {role}: {problem}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} endpoint cells differ from the table:\n" + string.Join("\n", wrong));
    }

    private async Task<string?> CheckPageAsync(HttpClient client, Guid? userId, string path, string route, bool isRecord, string expected)
    {
        var lastAudit = await LastAuditIdAsync();
        var response = await client.GetAsync(path);
        var problem = await CheckResponseAsync(response, expected, path);
        if (problem is not null)
        {
            return problem;
        }

        var html = await response.Content.ReadAsStringAsync();
        switch (expected)
        {
            case "ok" when isRecord:
                return html.Contains(NotFoundText, StringComparison.Ordinal) ? "the page says the record was not found"
                    : !RecordNames.Any(n => html.Contains(n, StringComparison.Ordinal)) ? "the page does not show the record's patient"
                    : null;
            case "nf":
                return !html.Contains(NotFoundText, StringComparison.Ordinal) ? "the page does not say \"not found\""
                    : RecordNames.FirstOrDefault(n => html.Contains(n, StringComparison.Ordinal)) is { } leaked ? $"the refusal shows \"{leaked}\""
                    : await RefusalAuditedAsync(userId, lastAudit, "not-found", action: null);
            case "denied":
                return await RefusalAuditedAsync(userId, lastAudit, "forbidden", "Open page " + route);
            default:
                return null;
        }
    }

    /// <summary>The status and redirect of one response against a cell's outcome (ok, nf, login, denied, &gt;/path, or a status code).</summary>
    private static async Task<string?> CheckResponseAsync(HttpResponseMessage response, string expected, string path)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location is { } l ? new Uri(new Uri("http://localhost/"), l).PathAndQuery : null;
        var actual = status is 301 or 302 or 303 or 307 ? $"redirect to {location}" : $"{status}";
        switch (expected)
        {
            case "ok" or "nf":
                if (status != 200)
                {
                    return $"expected 200, got {actual}";
                }

                // A page or file of its own, never the access-denied or sign-in page served in its place.
                var body = await response.Content.ReadAsStringAsync();
                return !path.StartsWith("/account/", StringComparison.Ordinal)
                    && (body.Contains("id=\"denied-title\"", StringComparison.Ordinal) || body.Contains("id=\"signin-title\"", StringComparison.Ordinal))
                    ? "got the access-denied or sign-in page with 200" : null;
            case "login":
                return location?.StartsWith("/account/login", StringComparison.Ordinal) == true ? null : $"expected a redirect to sign in, got {actual}";
            case "denied":
                return location?.StartsWith("/account/access-denied", StringComparison.Ordinal) == true ? null : $"expected a redirect to access denied, got {actual}";
            case ['>', .. var target]:
                return location == target ? null : $"expected a redirect to {target}, got {actual}";
            default:
                return int.TryParse(expected, out var code) && code == status ? null : $"expected {expected}, got {actual}";
        }
    }

    /// <summary>Whether a refusal of <paramref name="userId"/> after <paramref name="after"/> was audited (with the given action, if any).</summary>
    private async Task<string?> RefusalAuditedAsync(Guid? userId, long after, string outcome, string? action)
    {
        await using var db = await Db();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > after && e.UserId == userId && !e.Success && e.Outcome == outcome).ToListAsync();
        return entries.Any(e => action is null || e.Action == action)
            ? null
            : $"no \"{outcome}\" audit entry{(action is null ? "" : $" for \"{action}\"")} (found: {string.Join(", ", entries.Select(Describe))})";
    }

    private static string Describe(AuditEntry e) => $"{e.Action} {e.Outcome}";

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = await Db();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private Task<KapDbContext> Db() => Factory.Services.GetRequiredService<IDbContextFactory<KapDbContext>>().CreateDbContextAsync();

    private HttpClient NewClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private sealed record Record(Guid Course, Guid Session, Guid Patient);

    private async Task<Record> RecordAsync()
    {
        using var _ = NewClient();
        await using var db = await Db();
        var elena = await db.Patients.Where(p => p.LegalName == "Elena García").Select(p => p.Id).SingleAsync();
        var course = await db.Courses.Where(c => c.PatientId == elena).Select(c => c.Id).SingleAsync();
        var session = await db.DosingSessions.Where(s => s.CourseId == course).Select(s => s.Id).FirstAsync();
        return new Record(course, session, elena);
    }

    private static string Path(string route, Record record) => route
        .Replace("{CourseId:guid}", record.Course.ToString(), StringComparison.Ordinal)
        .Replace("{SessionId:guid}", record.Session.ToString(), StringComparison.Ordinal)
        .Replace("{PatientId:guid}", record.Patient.ToString(), StringComparison.Ordinal)
        .Replace("{Slug}", "phq-9", StringComparison.Ordinal);

    /// <summary>Dr Morgan Reyes and Jordan Lee, on none of Elena's care, open her course in an emergency (as the course page does).</summary>
    private async Task BreakTheGlassAsync(Record record)
    {
        await using var db = await Db();
        foreach (var email in new[] { DemoData.TherapistMorgan.Email, DemoData.NpJordan.Email })
        {
            var user = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.EmergencyAccesses.Add(new EmergencyAccess(user, record.Course, record.Patient, "On call tonight; the patient rang in distress.",
                Factory.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromHours(4)));
        }

        await db.SaveChangesAsync();
    }

    private async Task<string> LiveCalendarFeedAsync()
    {
        await using var db = await Db();
        var riley = await db.Patients.Where(p => p.Email == DemoData.PatientRiley.Email).Select(p => p.Id).SingleAsync();
        var (feed, token) = Feed.Create(riley, DateTime.UtcNow);
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync();
        return token;
    }

    /// <summary>The sign-out form's token, from a page that shows it to this user (the sign-in form's, for a visitor).</summary>
    private static Task<string> AntiforgeryTokenAsync(HttpClient client, char role) =>
        SignIn.AntiforgeryTokenAsync(client, role switch { '-' => "/account/login", 'P' => "/portal", _ => "/caseload" });

    /// <summary>
    /// One signed-in client per demo user, made on first use. Own: Sam Okafor (T) and Taylor Brooks (N), Elena's care team;
    /// other and glass: Dr Morgan Reyes (T) and Jordan Lee (N); the patient Riley Chen; the admin.
    /// </summary>
    private sealed class Users(AuthorizationMatrixHttpTests test)
    {
        private readonly Dictionary<string, HttpClient> _clients = [];
        private readonly Dictionary<string, Guid> _ids = [];

        private static string? Email(char role, Relation relation) => role switch
        {
            '-' => null,
            'P' => DemoData.PatientRiley.Email,
            'T' => relation == Relation.Own ? DemoData.TherapistSam.Email : DemoData.TherapistMorgan.Email,
            'N' => relation == Relation.Own ? DemoData.NpTaylor.Email : DemoData.NpJordan.Email,
            'A' => DemoData.Admin.Email,
            _ => throw new ArgumentOutOfRangeException(nameof(role)),
        };

        public Guid? Id(char role, Relation relation) => Email(role, relation) is { } email ? _ids[email] : null;

        public async Task<HttpClient> ClientAsync(char role, Relation relation)
        {
            var key = Email(role, relation) ?? "-";
            if (!_clients.TryGetValue(key, out var client))
            {
                client = await NewSignedInClientAsync(role, relation);
                _clients[key] = client;
            }

            return client;
        }

        public async Task<HttpClient> NewSignedInClientAsync(char role, Relation relation = Relation.Own)
        {
            var client = test.NewClient();
            if (Email(role, relation) is { } email)
            {
                var login = await SignIn.PostLoginAsync(client, email, DemoData.Password);
                Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"{email} signs in");
                await using var db = await test.Db();
                _ids[email] = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            }

            return client;
        }
    }
}
