namespace Kap.Domain.Courses;

/// <summary>Why a course's plan was revised. The numeric values are stored.</summary>
public enum PlanRevisionKind
{
    /// <summary>Maintenance or booster dosing added after the series (domain.md §1, AND17).</summary>
    Maintenance = 0,
}

/// <summary>
/// One revision of a course's plan: what it was, what it became, who decided and why (domain.md §1: "a
/// course may add maintenance dosing sessions after Integration — a new plan revision, audited").
/// </summary>
public sealed class CoursePlanRevision
{
    private CoursePlanRevision()
    {
    }

    public CoursePlanRevision(int number, PlanRevisionKind kind, int dosingSessionsBefore, int dosingSessionsAfter, string reason, DateTime atUtc, Guid byUserId)
    {
        Number = number;
        Kind = kind;
        DosingSessionsBefore = dosingSessionsBefore;
        DosingSessionsAfter = dosingSessionsAfter;
        Reason = reason;
        AtUtc = atUtc;
        ByUserId = byUserId;
    }

    public int Id { get; private set; }

    /// <summary>1 for the first revision after the original plan, then 2, 3…</summary>
    public int Number { get; private set; }

    public PlanRevisionKind Kind { get; private set; }
    public int DosingSessionsBefore { get; private set; }
    public int DosingSessionsAfter { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public Guid ByUserId { get; private set; }

    public int AddedDosingSessions => DosingSessionsAfter - DosingSessionsBefore;
}
