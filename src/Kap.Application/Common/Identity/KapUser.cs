using Microsoft.AspNetCore.Identity;

namespace Kap.Application.Common.Identity;

/// <summary>A person who signs in: staff member or patient.</summary>
public sealed class KapUser : IdentityUser<Guid>
{
    public KapUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public string DisplayName { get; set; } = "";

    /// <summary>Set for Patient users: the patient record they may see.</summary>
    public Guid? PatientId { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>A one-time link that lets a new user choose their password. Only the hash of the token is kept.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
