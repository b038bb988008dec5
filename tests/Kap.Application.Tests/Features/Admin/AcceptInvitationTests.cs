using Kap.Application.Common.Identity;
using Kap.Application.Common.Results;
using Kap.Application.Features.Admin.AcceptInvitation;
using Kap.Application.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Application.Tests.Features.Admin;

public sealed class AcceptInvitationTests : ClinicTest
{
    private async Task<string> InviteAsync()
    {
        _clinic.AsTherapistA();
        await _clinic.RegisterPatientAsync();
        _app.SignOut();
        var link = Assert.Single(_app.Invitations.Sent).Link;
        return Uri.UnescapeDataString(link.Query.Split("token=")[1]);
    }

    [Fact]
    public async Task A_patient_sets_their_password_once_from_the_invitation()
    {
        var token = await InviteAsync();
        const string password = "river stone lantern quiet";

        var result = await _app.SendAsync(new AcceptInvitationCommand(token, password, password));

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapUser>>();
        var user = await users.FindByNameAsync(result.Value);
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, password));
        Assert.True(user.EmailConfirmed);

        var again = await _app.SendAsync(new AcceptInvitationCommand(token, "another long password", "another long password"));
        Assert.Equal(ErrorKind.Rule, again.Error!.Kind);
    }

    [Fact]
    public async Task A_short_or_mismatched_password_is_refused_and_the_invitation_stays_usable()
    {
        var token = await InviteAsync();

        var tooShort = await _app.SendAsync(new AcceptInvitationCommand(token, "short", "short"));
        var mismatch = await _app.SendAsync(new AcceptInvitationCommand(token, "long enough password", "long enough passw0rd"));

        Assert.Contains("Password", tooShort.Error!.Fields!.Keys);
        Assert.Contains("ConfirmPassword", mismatch.Error!.Fields!.Keys);
        await using var db = _app.Db();
        Assert.Null((await db.Invitations.SingleAsync()).UsedAtUtc);
    }

    [Fact]
    public async Task An_expired_or_unknown_invitation_is_refused()
    {
        var token = await InviteAsync();
        _app.Clock.Advance(TimeSpan.FromDays(8));

        var expired = await _app.SendAsync(new AcceptInvitationCommand(token, "long enough password", "long enough password"));
        var unknown = await _app.SendAsync(new AcceptInvitationCommand("made-up", "long enough password", "long enough password"));

        Assert.Equal(ErrorKind.Rule, expired.Error!.Kind);
        Assert.Equal(ErrorKind.Rule, unknown.Error!.Kind);
        Assert.Contains("expired or was already used", expired.Error.Message);
    }

    [Fact]
    public void The_command_never_prints_the_password()
    {
        var command = new AcceptInvitationCommand("token", "secret password here", "secret password here");

        Assert.DoesNotContain("secret", command.ToString());
    }
}

public sealed class InitialAdminTests
{
    [Fact]
    public async Task A_new_database_gets_its_first_admin_from_configuration_with_an_invitation()
    {
        await using var app = await KapTestApp.CreateAsync(new() { ["Kap:InitialAdminEmail"] = "owner@clinic.test", ["Kap:InitialAdminName"] = "Clinic Owner" });

        var sent = Assert.Single(app.Invitations.Sent);
        Assert.Equal("owner@clinic.test", sent.Email);
        var token = Uri.UnescapeDataString(sent.Link.Query.Split("token=")[1]);
        var accepted = await app.SendAsync(new AcceptInvitationCommand(token, "a long admin passphrase", "a long admin passphrase"));
        Assert.True(accepted.IsSuccess, accepted.Error?.Message);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapUser>>();
        var admin = Assert.Single(await users.GetUsersInRoleAsync(Kap.Application.Common.Security.KapRoles.Admin));
        Assert.Equal("Clinic Owner", admin.DisplayName);
    }

    [Fact]
    public async Task No_admin_is_created_when_none_is_configured()
    {
        await using var app = await KapTestApp.CreateAsync();

        await using var db = app.Db();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Empty(app.Invitations.Sent);
    }
}

public sealed class InitialAdminRetryTests
{
    [Fact]
    public async Task An_initial_admin_whose_invitation_failed_gets_a_new_one_at_the_next_start()
    {
        var settings = new Dictionary<string, string?> { ["Kap:InitialAdminEmail"] = "owner@clinic.test" };
        await using var first = await KapTestApp.CreateAsync(settings);
        first.Invitations.Sent.Clear();
        await using (var db = first.Db())
        {
            // As if delivery had failed: no usable invitation is left.
            foreach (var i in db.Invitations)
            {
                i.UsedAtUtc = KapTestApp.Now.UtcDateTime;
            }

            await db.SaveChangesAsync();
        }

        await using var second = await KapTestApp.CreateAsync(settings, sharedDirectory: first.DataDirectory);

        Assert.Equal("owner@clinic.test", Assert.Single(second.Invitations.Sent).Email);
        await using var check = second.Db();
        Assert.Equal(1, await check.Users.CountAsync());
    }
}
