namespace Kap.Application.Common.Interfaces;

/// <summary>
/// A second staff member's own sign-in, typed on the device where the first one is working: how a witness
/// confirms waste or destruction (domain.md §7). The password is never stored or logged.
/// </summary>
public sealed record StaffCredentials(string UserName, string Password)
{
    /// <summary>Never prints the password, whatever logs or debuggers do with the record.</summary>
    public override string ToString() => $"StaffCredentials {{ UserName = {UserName}, Password = *** }}";
}

/// <summary>The witness, when the credentials are a current staff user's.</summary>
public sealed record VerifiedStaff(Guid UserId, string DisplayName);

public interface IStaffCredentialVerifier
{
    /// <summary>
    /// The staff user the credentials belong to, or null when they are wrong, the account is locked out or
    /// disabled, or it is not a staff account. A wrong password counts toward the account's lockout.
    /// </summary>
    Task<VerifiedStaff?> VerifyAsync(StaffCredentials credentials, CancellationToken cancellationToken);
}
