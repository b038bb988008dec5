using Kap.Domain.Common;

namespace Kap.Domain.Auditing;

/// <summary>
/// "Break the glass": a clinician opens a course outside their assignment, giving a reason. The grant lasts a few
/// hours (a clinic setting, default 4), is audited and notifies every admin; it is never extended, only requested again.
/// </summary>
public sealed class EmergencyAccess : Entity
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 1000;

    private EmergencyAccess()
    {
    }

    public EmergencyAccess(Guid userId, Guid courseId, Guid patientId, string reason, DateTime grantedAtUtc, TimeSpan lasts)
    {
        UserId = userId;
        CourseId = courseId;
        PatientId = patientId;
        Reason = reason.Trim();
        GrantedAtUtc = grantedAtUtc;
        ExpiresAtUtc = grantedAtUtc + lasts;
    }

    public Guid UserId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime GrantedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }

    public bool IsActiveAt(DateTime nowUtc) => nowUtc < ExpiresAtUtc;

    public static DomainResult CheckReason(string? reason) =>
        reason is null || reason.Trim().Length < MinReasonLength
            ? DomainResult.Fail($"Say why you need this record now (at least {MinReasonLength} characters); the reason is audited and sent to the administrators.")
            : reason.Trim().Length > MaxReasonLength
                ? DomainResult.Fail($"Keep the reason under {MaxReasonLength} characters.")
                : DomainResult.Ok;
}
