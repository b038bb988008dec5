namespace Kap.Application.Common.Interfaces;

/// <summary>Where a user stands with their authenticator app; the key and its otpauth:// URI only while not yet enabled.</summary>
public sealed record AuthenticatorState(bool Enabled, int RecoveryCodesLeft, string? SharedKey, string? AuthenticatorUri);

/// <summary>
/// A user's authenticator app (TOTP) and recovery codes, kept by ASP.NET Core Identity in the operation's own
/// DbContext, so that an enrolment commits together with its audit entry.
/// </summary>
public interface IAuthenticatorAccounts
{
    /// <summary>The user's state; a user who has not enabled the app gets a key to enrol with (made once, kept until enabled). Null: no such user.</summary>
    Task<AuthenticatorState?> BeginAsync(IKapDbContext db, Guid userId, CancellationToken cancellationToken);

    /// <summary>Enables the app when <paramref name="code"/> is its current code, and returns new recovery codes; null when the code is not right.</summary>
    Task<IReadOnlyList<string>?> EnableAsync(IKapDbContext db, Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>Replaces the recovery codes (the old ones stop working); null when the app is not enabled.</summary>
    Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(IKapDbContext db, Guid userId, CancellationToken cancellationToken);

    /// <summary>Turns the app off and forgets its key and recovery codes (signing the user out everywhere); false: no such user.</summary>
    Task<bool> ResetAsync(IKapDbContext db, Guid userId, CancellationToken cancellationToken);
}
