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
}
