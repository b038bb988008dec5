using System.Net;
using Kap.Application.Common.Identity;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>Changing a user's roles (or signing them out everywhere) takes effect on their sessions within a minute (issue 8).</summary>
public sealed class SecurityStampTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    [Fact]
    public async Task A_user_whose_roles_change_loses_access_within_a_minute()
    {
        var client = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignIn.PostLoginAsync(client, DemoData.NpTaylor.Email, DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/caseload")).StatusCode);

        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<KapUser>>();
            var user = (await users.FindByEmailAsync(DemoData.NpTaylor.Email))!;
            Assert.True((await users.RemoveFromRoleAsync(user, Kap.Application.Common.Security.KapRoles.NursePractitioner)).Succeeded);
        }

        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var response = await client.GetAsync("/caseload");

        // The cookie is re-checked against the user's current record: no longer a nurse practitioner, no caseload.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/account/(login|access-denied)", response.Headers.Location!.PathAndQuery);
    }
}
