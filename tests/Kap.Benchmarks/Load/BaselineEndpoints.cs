using System.Globalization;
using System.Security.Claims;
using System.Text;
using Kap.Domain.Portal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Kap.Benchmarks.Load;

/// <summary>
/// The practical limit beside each measured page, in the same process: the same rows with one hand-written ADO.NET
/// query, written out as plain text — no Mediator pipeline, no EF Core, no audit entry, no rendering.
/// <list type="bullet">
/// <item><c>/bench/baseline/portal</c>: the signed-in patient's (cookie authenticated by the app's own scheme, as for
/// <c>/portal</c>) next 30 booked appointments with clinician and room, as GetMyAppointments selects them.</item>
/// <item><c>/bench/baseline/calendar/{token}.ics</c>: the feed's patient (SHA-256 of the token, as the app looks it up) and
/// their non-cancelled appointments from 30 days back, as GetCalendarFeedIcs selects them.</item>
/// </list>
/// </summary>
public static class BaselineEndpoints
{
    public const string PortalPath = "/bench/baseline/portal";
    public const string FeedPrefix = "/bench/baseline/calendar/";

    private const string PortalSql = """
        SELECT a.Id, a.Kind, a.StartUtc, a.EndUtc, a.Location, u.DisplayName, r.Name
        FROM Patients p
        JOIN Appointments a ON a.PatientId = p.Id
        LEFT JOIN AspNetUsers u ON u.Id = a.ClinicianId
        LEFT JOIN Rooms r ON r.Id = a.RoomId
        WHERE p.UserId = $user AND a.Status = 0 AND a.EndUtc > $now
        ORDER BY a.StartUtc
        LIMIT 30
        """;

    private const string FeedSql = """
        SELECT a.Id, a.Kind, a.StartUtc, a.EndUtc, a.Location, r.Name, p.TimeZone
        FROM CalendarFeeds f
        JOIN Patients p ON p.Id = f.PatientId
        JOIN Appointments a ON a.PatientId = f.PatientId
        LEFT JOIN Rooms r ON r.Id = a.RoomId
        WHERE f.TokenHash = $hash AND f.RevokedAtUtc IS NULL AND a.Status <> 3 AND a.StartUtc >= $from
        ORDER BY a.StartUtc
        LIMIT 500
        """;

    public sealed class StartupFilter(string connectionString) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                var path = http.Request.Path.Value ?? "";
                if (path == PortalPath)
                {
                    await PortalAsync(http, connectionString);
                }
                else if (path.StartsWith(FeedPrefix, StringComparison.Ordinal) && path.EndsWith(".ics", StringComparison.Ordinal))
                {
                    await FeedAsync(http, connectionString, path[FeedPrefix.Length..^4]);
                }
                else
                {
                    await nextMiddleware(http);
                }
            });
            next(app);
        };
    }

    private static async Task PortalAsync(HttpContext http, string connectionString)
    {
        var auth = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (auth.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(http.RequestAborted);
        await using var command = connection.CreateCommand();
        command.CommandText = PortalSql;
        command.Parameters.AddWithValue("$user", Guid.Parse(userId).ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$now", DateTime.UtcNow);
        await WriteRowsAsync(http, command, "text/plain; charset=utf-8");
    }

    private static async Task FeedAsync(HttpContext http, string connectionString, string token)
    {
        if (!CalendarFeed.LooksLikeToken(token))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(http.RequestAborted);
        await using var command = connection.CreateCommand();
        command.CommandText = FeedSql;
        command.Parameters.AddWithValue("$hash", CalendarFeed.Hash(token));
        command.Parameters.AddWithValue("$from", DateTime.UtcNow.AddDays(-30));
        await WriteRowsAsync(http, command, "text/calendar; charset=utf-8");
    }

    private static async Task WriteRowsAsync(HttpContext http, SqliteCommand command, string contentType)
    {
        var text = new StringBuilder();
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            while (await reader.ReadAsync(http.RequestAborted))
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(i + 1 < reader.FieldCount ? '\t' : '\n');
                }
            }
        }

        http.Response.Headers["X-Rows"] = rows.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(text.ToString(), http.RequestAborted);
    }
}
