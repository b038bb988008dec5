using System.Security.Claims;
using Bunit;
using Kap.Application.Common.Security;
using Kap.Web.Components;
using Kap.Web.Components.Pages.Courses;
using Kap.Web.Components.Shared;
using Kap.Web.Infrastructure;
using Kap.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Web.Tests.Components.Shared;

/// <summary>
/// A page refused inside the circuit (a link followed without a page load, or roles changed while it is open) is
/// audited like a refused HTTP request (issue 8), by route template and record id; over HTTP the authorization
/// middleware has already refused and audited the request, so the prerender writes nothing.
/// </summary>
public sealed class AccessRefusedTests : KapComponentTest
{
    private readonly RecordingRefusals _refusals = new();

    public AccessRefusedTests()
    {
        Services.AddSingleton<IAccessRefusals>(_refusals);
        Services.AddOptions();
        Services.AddSingleton<IdleSessions>();
    }

    [Fact]
    public void A_page_the_router_refuses_in_the_circuit_says_so_and_is_audited_by_its_route()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Navigation.NavigateTo("/admin/audit");

        var routes = Render<Routes>();

        routes.WaitForAssertion(() => Assert.Contains("You do not have access to this page.", routes.Markup, StringComparison.Ordinal));
        var refusal = Assert.Single(_refusals.Refusals);
        Assert.Equal("Open page /admin/audit", refusal.Action);
        Assert.Equal("Terry Therapist", refusal.User.Identity!.Name);
        Assert.True(refusal.User.IsInRole(KapRoles.Therapist));
    }

    [Fact]
    public void Staff_still_to_confirm_the_authenticator_app_are_sent_to_it_not_refused()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Auth.SetClaims(); // the therapist signed in with the password only
        Navigation.NavigateTo("/admin/audit");

        Render<Routes>();

        Assert.EndsWith("/account/two-factor?returnUrl=%2Fadmin%2Faudit", Navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(_refusals.Refusals);
    }

    [Fact]
    public void The_refusal_names_the_record_in_the_route()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var course = Guid.NewGuid();

        Render<AccessRefused>(p => p.Add(c => c.RouteData, new RouteData(typeof(CourseDetail), new Dictionary<string, object?> { ["CourseId"] = course })));

        var refusal = Assert.Single(_refusals.Refusals);
        Assert.Equal("Open page /courses/{CourseId:guid}", refusal.Action);
        Assert.Equal(course, refusal.RouteValues["CourseId"]);
    }

    [Fact]
    public void A_prerender_writes_nothing_because_the_request_was_refused_and_audited_before_it()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var refused = Render<AccessRefused>(p => p.Add(c => c.RouteData, new RouteData(typeof(CourseDetail), new Dictionary<string, object?>())));

        Assert.Contains("You do not have access to this page.", refused.Markup, StringComparison.Ordinal);
        Assert.Empty(_refusals.Refusals);
    }

    private sealed class RecordingRefusals : IAccessRefusals
    {
        public List<(ClaimsPrincipal User, string Action, IReadOnlyDictionary<string, object?> RouteValues)> Refusals { get; } = [];

        public Task RefusedAsync(ClaimsPrincipal user, string action, IReadOnlyDictionary<string, object?> routeValues, CancellationToken cancellationToken)
        {
            Refusals.Add((user, action, routeValues));
            return Task.CompletedTask;
        }
    }
}
