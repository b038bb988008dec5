namespace Kap.Domain.Courses;

/// <summary>The phases of a KAP course (domain.md §1). The numeric values are stored: never renumber.</summary>
public enum CoursePhase
{
    Referred = 0,
    Screening = 1,
    Preparation = 2,
    Dosing = 3,
    Integration = 4,
    Completed = 5,
    OnHold = 6,
    Discontinued = 7,
}
