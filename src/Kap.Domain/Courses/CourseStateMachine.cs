using Kap.Domain.Common;

namespace Kap.Domain.Courses;

/// <summary>
/// The legal moves between course phases (domain.md §1):
/// Referred → Screening → Preparation → Dosing → Integration → Completed, with OnHold (resumable to the
/// phase it left) and Discontinued (with a reason) reachable from every active phase.
/// </summary>
public static class CourseStateMachine
{
    private static readonly CoursePhase[] ActivePhases =
        [CoursePhase.Referred, CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing, CoursePhase.Integration];

    public static bool IsActive(CoursePhase phase) => ActivePhases.Contains(phase);

    public static bool IsClosed(CoursePhase phase) => phase is CoursePhase.Completed or CoursePhase.Discontinued;

    /// <summary>The next phase on the main path, or null at its end or outside it.</summary>
    public static CoursePhase? NextOnPath(CoursePhase phase) => phase switch
    {
        CoursePhase.Referred => CoursePhase.Screening,
        CoursePhase.Screening => CoursePhase.Preparation,
        CoursePhase.Preparation => CoursePhase.Dosing,
        CoursePhase.Dosing => CoursePhase.Integration,
        CoursePhase.Integration => CoursePhase.Completed,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="to"/> may follow <paramref name="from"/>. <paramref name="resumePhase"/> is
    /// the phase an on-hold course left, the only phase it can resume to.
    /// </summary>
    public static DomainResult CheckTransition(CoursePhase from, CoursePhase to, CoursePhase? resumePhase = null)
    {
        if (from == to)
        {
            return DomainResult.Fail($"The course is already in {Describe(from)}.");
        }

        if (IsClosed(from))
        {
            return DomainResult.Fail($"The course is {Describe(from).ToLowerInvariant()}; a closed course cannot change phase.");
        }

        if (to == CoursePhase.Discontinued || (to == CoursePhase.OnHold && IsActive(from)))
        {
            return DomainResult.Ok;
        }

        if (from == CoursePhase.OnHold)
        {
            return to == resumePhase
                ? DomainResult.Ok
                : DomainResult.Fail(resumePhase is { } p
                    ? $"An on-hold course resumes in the phase it left ({Describe(p)}), not {Describe(to)}."
                    : "This on-hold course does not record the phase it left.");
        }

        if (NextOnPath(from) == to)
        {
            return DomainResult.Ok;
        }

        var next = NextOnPath(from);
        return DomainResult.Fail(next is { } n
            ? $"A course in {Describe(from)} moves next to {Describe(n)}, not {Describe(to)}."
            : $"A course in {Describe(from)} cannot move to {Describe(to)}.");
    }

    public static string Describe(CoursePhase phase) => phase switch
    {
        CoursePhase.OnHold => "On hold",
        _ => phase.ToString(),
    };
}
