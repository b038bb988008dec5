using Kap.Domain.Common;

namespace Kap.Domain.Courses;

public sealed class Course : Entity, IVersioned
{
    public const int MaxMaintenanceSessionsPerRevision = 12;

    private readonly List<CoursePhaseChange> _history = [];
    private readonly List<CoursePlanRevision> _revisions = [];

    private Course()
    {
    }

    public Course(Guid patientId, Guid primaryTherapistId, Guid prescriberId, Indication indications, CoursePlan plan, DateTime openedAtUtc, Guid openedBy)
    {
        PatientId = patientId;
        PrimaryTherapistId = primaryTherapistId;
        PrescriberId = prescriberId;
        Indications = indications;
        Plan = plan;
        OpenedAtUtc = openedAtUtc;
        OpenedBy = openedBy;
        Phase = CoursePhase.Referred;
        PhaseChangedAtUtc = openedAtUtc;
    }

    public Guid PatientId { get; private set; }
    public Guid PrimaryTherapistId { get; private set; }
    public Guid PrescriberId { get; private set; }
    public Indication Indications { get; private set; }
    public CoursePlan Plan { get; private set; } = CoursePlan.Default;
    public CoursePhase Phase { get; private set; }

    /// <summary>The phase an on-hold course left and resumes to.</summary>
    public CoursePhase? PhaseBeforeHold { get; private set; }

    public DateTime PhaseChangedAtUtc { get; private set; }
    public string? DiscontinuedReason { get; private set; }
    public DateTime OpenedAtUtc { get; private set; }
    public Guid OpenedBy { get; private set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public IReadOnlyList<CoursePhaseChange> History => _history;

    /// <summary>The plan's revisions in order; the original plan is revision 0 and is not listed.</summary>
    public IReadOnlyList<CoursePlanRevision> Revisions => _revisions;

    /// <summary>
    /// Moves the course to <paramref name="to"/> if the state machine allows it. Entering Dosing also
    /// needs the preparation gate met; going on hold or discontinuing needs a reason.
    /// </summary>
    public DomainResult TransitionTo(CoursePhase to, DateTime atUtc, Guid byUserId, string? reason = null, DosingReadiness? readiness = null)
    {
        var check = CourseStateMachine.CheckTransition(Phase, to, PhaseBeforeHold);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (to is CoursePhase.Discontinued or CoursePhase.OnHold && string.IsNullOrWhiteSpace(reason))
        {
            return DomainResult.Fail(to == CoursePhase.Discontinued
                ? "Give the reason the course is discontinued."
                : "Give the reason the course is put on hold.");
        }

        // The gate applies to the first entry into Dosing, not to resuming a course that was already dosing.
        if (to == CoursePhase.Dosing && Phase == CoursePhase.Preparation)
        {
            if (readiness is null)
            {
                return DomainResult.Fail("The gate to Dosing has not been checked.");
            }

            if (!readiness.IsMet)
            {
                return DomainResult.Fail(readiness.Missing.Select(m => "Before dosing: " + m));
            }
        }

        _history.Add(new CoursePhaseChange(Phase, to, atUtc, byUserId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
        PhaseBeforeHold = to == CoursePhase.OnHold ? Phase : null;
        if (to == CoursePhase.Discontinued)
        {
            DiscontinuedReason = reason!.Trim();
        }

        Phase = to;
        PhaseChangedAtUtc = atUtc;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Adds maintenance (booster) dosing sessions to a course that finished its series (Integration or
    /// Completed), as a new plan revision: the planned dosing sessions grow by <paramref name="additionalSessions"/>
    /// and the course re-enters Dosing. Every pre-dose gate still applies to each session (consent, a current
    /// clearance, the interval), because the dosing session checks them itself.
    /// </summary>
    public DomainResult AddMaintenanceDosing(int additionalSessions, string? reason, DateTime atUtc, Guid byUserId)
    {
        var problems = new List<string>();
        if (Phase is not (CoursePhase.Completed or CoursePhase.Integration))
        {
            problems.Add(Phase == CoursePhase.Dosing
                ? "The course is still in Dosing: plan the remaining sessions within the series instead."
                : $"Maintenance dosing is added after the series, to a course in Integration or Completed; this course is {CourseStateMachine.Describe(Phase).ToLowerInvariant()}.");
        }

        if (additionalSessions is < 1 or > MaxMaintenanceSessionsPerRevision)
        {
            problems.Add($"Add between 1 and {MaxMaintenanceSessionsPerRevision} maintenance sessions at a time.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add("Give the clinical reason for maintenance dosing.");
        }

        var revised = Plan with { DosingSessions = Plan.DosingSessions + Math.Max(additionalSessions, 0) };
        if (problems.Count == 0)
        {
            problems.AddRange(revised.Validate().Problems);
        }

        if (problems.Count > 0)
        {
            return DomainResult.Fail(problems);
        }

        var why = reason!.Trim();
        _revisions.Add(new CoursePlanRevision(_revisions.Count + 1, PlanRevisionKind.Maintenance, Plan.DosingSessions, revised.DosingSessions, why, atUtc, byUserId));
        _history.Add(new CoursePhaseChange(Phase, CoursePhase.Dosing, atUtc, byUserId, $"Maintenance dosing (+{additionalSessions}): {why}"));
        Plan = revised;
        Phase = CoursePhase.Dosing;
        PhaseBeforeHold = null;
        PhaseChangedAtUtc = atUtc;
        return DomainResult.Ok;
    }

    /// <summary>What the care team should do next, in a few words for the caseload.</summary>
    public static string NextStep(CoursePhase phase, CoursePhase? phaseBeforeHold = null) => phase switch
    {
        CoursePhase.Referred => "Book the consultation and start screening",
        CoursePhase.Screening => "Record the suitability decision",
        CoursePhase.Preparation => "Complete clearance, consent, baseline measures and preparation sessions",
        CoursePhase.Dosing => "Run the planned dosing sessions",
        CoursePhase.Integration => "Hold integration sessions and record outcomes",
        CoursePhase.OnHold => phaseBeforeHold is { } p ? $"Resume to {CourseStateMachine.Describe(p)} or discontinue" : "Resume or discontinue",
        CoursePhase.Completed => "Follow-up measures at 1 and 3 months",
        CoursePhase.Discontinued => "None: the course is closed",
        _ => "",
    };
}
