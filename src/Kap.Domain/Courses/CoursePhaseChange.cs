namespace Kap.Domain.Courses;

/// <summary>One step in a course's history: who moved it, when, and why.</summary>
public sealed class CoursePhaseChange
{
    private CoursePhaseChange()
    {
    }

    public CoursePhaseChange(CoursePhase from, CoursePhase to, DateTime atUtc, Guid byUserId, string? reason)
    {
        From = from;
        To = to;
        AtUtc = atUtc;
        ByUserId = byUserId;
        Reason = reason;
    }

    public int Id { get; private set; }
    public CoursePhase From { get; private set; }
    public CoursePhase To { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid ByUserId { get; private set; }
    public string? Reason { get; private set; }
}
