namespace Kap.Domain.Auditing;

/// <summary>
/// One append-only line of the audit trail: who did what to which record of which patient, when, and
/// whether it succeeded. No code path updates or deletes an entry.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(DateTime atUtc, Guid? userId, string? userName, string? roles, string action, string? entityType, Guid? entityId, Guid? patientId, bool success, string? outcome)
    {
        AtUtc = atUtc;
        UserId = userId;
        UserName = userName;
        Roles = roles;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        PatientId = patientId;
        Success = success;
        Outcome = outcome;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? Roles { get; private set; }
    public string Action { get; private set; } = "";
    public string? EntityType { get; private set; }
    public Guid? EntityId { get; private set; }
    public Guid? PatientId { get; private set; }
    public bool Success { get; private set; }

    /// <summary>A short, health-information-free word on the outcome: "ok", "forbidden", "invalid", "conflict", "not-found", "error".</summary>
    public string? Outcome { get; private set; }

    /// <summary>
    /// The entry's place in the hash chain: 1, 2, 3, … with no gaps, assigned when it is appended (not the database
    /// identity, which is only known after the insert and may skip numbers). Null only for an entry written before
    /// the chain existed and not yet sealed by the start-up back-fill.
    /// </summary>
    public long? Sequence { get; private set; }

    /// <summary>The <see cref="Hash"/> of the entry before this one in the chain (<see cref="AuditChain.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>SHA-256 (lowercase hex) of <see cref="AuditChain.Canonical(AuditEntry)"/>: this entry's content and <see cref="PreviousHash"/>.</summary>
    public string? Hash { get; private set; }

    /// <summary>Links the entry after the one whose sequence and hash are given (null when it is the first).</summary>
    public void Seal(long? previousSequence, string? previousHash)
    {
        if (Sequence is not null)
        {
            throw new InvalidOperationException("The audit entry is already in the chain.");
        }

        var sequence = (previousSequence ?? 0) + 1;
        var previous = previousHash ?? AuditChain.Genesis;
        Hash = AuditChain.Hash(AuditChain.Canonical(sequence, previous, this));
        Sequence = sequence;
        PreviousHash = previous;
    }
}
