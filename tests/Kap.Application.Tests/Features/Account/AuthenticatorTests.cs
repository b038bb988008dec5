using Kap.Application.Common.Identity;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Account.Authenticator;
using Kap.Application.Features.Courses.GetCaseload;
using Kap.Application.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Kap.Application.Tests.Features.Account;

/// <summary>
/// Staff multi-factor sign-in (issue 8): the authenticator app's set-up through the real pipeline on SQLite, the codes
/// checked against the app's clock, each code accepted once, recovery codes stored hashed and used once, and staff
/// messages refused to a sign-in that has the password only.
/// </summary>
public sealed class AuthenticatorTests : ClinicTest
{
    private string CodeAt(string key, TimeSpan offset = default) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(_app.Clock.GetUtcNow().UtcDateTime + offset);

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableForTherapistAAsync()
    {
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);
        var setup = await _app.SendAsync(new BeginAuthenticatorSetupCommand());
        var enabled = await _app.SendAsync(new EnableAuthenticatorCommand(CodeAt(setup.Value.SharedKey!)));
        Assert.True(enabled.IsSuccess, enabled.Error?.Message);
        return (setup.Value.SharedKey!, enabled.Value);
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<KapUser>, KapUser, Task<T>> act)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapUser>>();
        var user = await users.FindByIdAsync(_clinic.TherapistA.ToString());
        return await act(users, user!);
    }

    [Fact]
    public async Task A_staff_sign_in_with_the_password_only_reaches_no_patient_record_and_the_refusal_is_audited()
    {
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);

        var caseload = await _app.SendAsync(new GetCaseloadQuery());

        Assert.Equal(ErrorKind.Forbidden, caseload.Error?.Kind);
        await using var db = _app.Db();
        Assert.Contains(await db.AuditEntries.Where(a => a.UserId == _clinic.TherapistA).ToListAsync(),
            a => a.Action == "GetCaseload" && !a.Success && a.Outcome == "forbidden");

        _app.SignInAs(_clinic.TherapistA, KapRoles.Therapist);
        Assert.True((await _app.SendAsync(new GetCaseloadQuery())).IsSuccess, "the same therapist with the app confirmed");
    }

    [Fact]
    public async Task Development_can_relax_the_requirement()
    {
        await using var relaxed = await KapTestApp.CreateAsync(new() { ["Security:RequireStaffMfa"] = "false" });
        var therapist = await relaxed.CreateUserAsync(KapRoles.Therapist, "Relaxed Therapist");
        relaxed.SignInWithPasswordOnly(therapist, KapRoles.Therapist);

        Assert.True((await relaxed.SendAsync(new GetCaseloadQuery())).IsSuccess);
    }

    [Fact]
    public async Task Setting_up_gives_one_key_kept_until_the_app_is_on()
    {
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);

        var first = (await _app.SendAsync(new BeginAuthenticatorSetupCommand())).Value;
        var second = (await _app.SendAsync(new BeginAuthenticatorSetupCommand())).Value;

        Assert.False(first.Enabled);
        Assert.Equal(first.SharedKey, second.SharedKey);
        Assert.Matches("^[A-Z2-7]{32}$", first.SharedKey!);
        Assert.StartsWith("otpauth://totp/", first.AuthenticatorUri);
        Assert.Contains($"secret={first.SharedKey}", first.AuthenticatorUri);
        Assert.Contains("issuer=Kap", first.AuthenticatorUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("1234567")]
    public async Task A_malformed_code_is_refused_with_a_message(string code)
    {
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);
        await _app.SendAsync(new BeginAuthenticatorSetupCommand());

        var result = await _app.SendAsync(new EnableAuthenticatorCommand(code));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Contains("6-digit code", result.Error!.Message);
    }

    [Fact]
    public async Task A_wrong_code_turns_nothing_on()
    {
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);
        var key = (await _app.SendAsync(new BeginAuthenticatorSetupCommand())).Value.SharedKey!;
        var wrong = CodeAt(key, TimeSpan.FromMinutes(10)); // a real code, but not now's

        var result = await _app.SendAsync(new EnableAuthenticatorCommand(wrong));

        Assert.False(result.IsSuccess);
        Assert.Contains("not right", result.Error!.Message);
        Assert.False(await WithUsersAsync((users, user) => users.GetTwoFactorEnabledAsync(user)));
    }

    [Fact]
    public async Task The_current_code_turns_the_app_on_with_ten_recovery_codes_kept_only_as_hashes()
    {
        var (_, codes) = await EnableForTherapistAAsync();

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(await WithUsersAsync((users, user) => users.GetTwoFactorEnabledAsync(user)));
        await using var db = _app.Db();
        var stored = await db.Set<IdentityUserToken<Guid>>().Where(t => t.UserId == _clinic.TherapistA && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync();
        Assert.All(codes, c => Assert.DoesNotContain(c, stored!, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Action == "EnableAuthenticator" && a.Success && a.Outcome!.Contains("mfa-enabled"));
        var state = (await _app.SendAsync(new BeginAuthenticatorSetupCommand())).Value;
        Assert.True(state.Enabled);
        Assert.Null(state.SharedKey);
        Assert.Equal(10, state.RecoveryCodesLeft);
    }

    [Fact]
    public async Task A_code_is_accepted_once_and_only_near_its_time()
    {
        var (key, _) = await EnableForTherapistAAsync();
        Task<bool> Verify(string code) => WithUsersAsync((users, user) => users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code));

        Assert.False(await Verify(CodeAt(key)), "the code used to turn the app on cannot be used again");
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await Verify(CodeAt(key, TimeSpan.FromSeconds(-90))), "a code three steps old");
        Assert.False(await Verify(CodeAt(key, TimeSpan.FromSeconds(90))), "a code three steps ahead");
        var now = CodeAt(key);
        Assert.True(await Verify(now[..3] + " " + now[3..]), "the code the app shows now, grouped as apps show it");
        Assert.False(await Verify(now), "the same code twice");
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await Verify(CodeAt(key, TimeSpan.FromSeconds(25))), "a phone whose clock runs a little fast");
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_new_codes_replace_the_old()
    {
        var (_, codes) = await EnableForTherapistAAsync();

        Assert.True(await WithUsersAsync(async (users, user) => (await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0].ToLowerInvariant())).Succeeded), "typed in lower case");
        Assert.False(await WithUsersAsync(async (users, user) => (await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded), "used twice");
        Assert.Equal(9, await WithUsersAsync((users, user) => users.CountRecoveryCodesAsync(user)));

        _app.SignInAs(_clinic.TherapistA, KapRoles.Therapist);
        var fresh = await _app.SendAsync(new RegenerateRecoveryCodesCommand());

        Assert.Equal(10, fresh.Value.Count);
        Assert.False(await WithUsersAsync(async (users, user) => (await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[1])).Succeeded), "an old code after new ones were made");
        Assert.True(await WithUsersAsync(async (users, user) => (await users.RedeemTwoFactorRecoveryCodeAsync(user, fresh.Value[5])).Succeeded));
    }

    [Fact]
    public async Task New_recovery_codes_need_the_app_to_be_on()
    {
        _app.SignInWithPasswordOnly(_clinic.TherapistA, KapRoles.Therapist);

        var result = await _app.SendAsync(new RegenerateRecoveryCodesCommand());

        Assert.Equal(ErrorKind.Rule, result.Error?.Kind);
    }
}
