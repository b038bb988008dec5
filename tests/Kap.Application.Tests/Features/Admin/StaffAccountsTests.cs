using Kap.Application.Common.Identity;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Account.Authenticator;
using Kap.Application.Features.Admin.StaffAccounts;
using Kap.Application.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Kap.Application.Tests.Features.Admin;

/// <summary>An administrator sees who has the authenticator app on and resets it for someone who lost phone and codes (issue 8).</summary>
public sealed class StaffAccountsTests : ClinicTest
{
    private async Task EnableForTherapistAAsync()
    {
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);
        var key = (await _app.SendAsync(new BeginAuthenticatorSetupCommand())).Value.SharedKey!;
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(_app.Clock.GetUtcNow().UtcDateTime);
        Assert.True((await _app.SendAsync(new EnableAuthenticatorCommand(code))).IsSuccess);
    }

    private async Task<KapUser> TherapistAAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<KapUser>>().FindByIdAsync(_clinic.TherapistA.ToString()))!;
    }

    [Fact]
    public async Task The_list_shows_staff_only_with_whether_their_app_is_on()
    {
        await EnableForTherapistAAsync();
        await _app.CreateUserAsync(KapRoles.Patient, "Pat Ient");
        _clinic.AsAdmin();

        var accounts = (await _app.SendAsync(new GetStaffAccountsQuery())).Value;

        Assert.DoesNotContain(accounts, a => a.Name == "Pat Ient");
        Assert.True(accounts.Single(a => a.Id == _clinic.TherapistA).AuthenticatorOn);
        Assert.False(accounts.Single(a => a.Id == _clinic.NpA).AuthenticatorOn);
        Assert.Equal([KapRoles.Therapist], accounts.Single(a => a.Id == _clinic.TherapistA).Roles);
    }

    [Fact]
    public async Task A_reset_turns_the_app_off_ends_the_sessions_tells_the_user_and_is_audited()
    {
        await EnableForTherapistAAsync();
        var stampBefore = (await TherapistAAsync()).SecurityStamp;
        _clinic.AsAdmin();

        var result = await _app.SendAsync(new ResetStaffAuthenticatorCommand(_clinic.TherapistA, "Lost phone; confirmed in person at reception"));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var user = await TherapistAAsync();
        Assert.False(user.TwoFactorEnabled);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        await using var db = _app.Db();
        Assert.Equal(0, await db.Set<IdentityUserToken<Guid>>().CountAsync(t => t.UserId == _clinic.TherapistA && t.Name == "RecoveryCodes" && t.Value != ""));
        Assert.Contains(await db.InboxMessages.Where(m => m.UserId == _clinic.TherapistA).ToListAsync(), m => m.Subject == "Your authenticator app was reset");
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Action == "ResetStaffAuthenticator" && a.UserId == _clinic.Admin && a.EntityId == _clinic.TherapistA && a.Outcome!.Contains("mfa-reset"));

        // The next set-up gives a new key.
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);
        var again = (await _app.SendAsync(new BeginAuthenticatorSetupCommand())).Value;
        Assert.False(again.Enabled);
        Assert.NotNull(again.SharedKey);
    }

    [Fact]
    public async Task A_reset_needs_a_reason_and_another_administrator_and_a_staff_account()
    {
        await EnableForTherapistAAsync();
        _clinic.AsAdmin();

        Assert.Equal(ErrorKind.Validation, (await _app.SendAsync(new ResetStaffAuthenticatorCommand(_clinic.TherapistA, "lost"))).Error?.Kind);
        Assert.Equal(ErrorKind.Rule, (await _app.SendAsync(new ResetStaffAuthenticatorCommand(_clinic.Admin, "My own phone was lost yesterday"))).Error?.Kind);
        var patient = await _app.CreateUserAsync(KapRoles.Patient, "Pat Ient");
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new ResetStaffAuthenticatorCommand(patient, "Not a staff account at all"))).Error?.Kind);
        Assert.True((await TherapistAAsync()).TwoFactorEnabled, "nothing was reset");
    }
}
