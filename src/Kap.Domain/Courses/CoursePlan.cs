using Kap.Domain.Common;

namespace Kap.Domain.Courses;

/// <summary>
/// The clinician's plan for a course (domain.md §1): there is no standard protocol, so every count is
/// editable; the defaults are what clinics publish.
/// </summary>
public sealed record CoursePlan(int PreparationSessions, int DosingSessions, int IntegrationSessionsPerDose, int IntegrationSessionsAfterSeries)
{
    public const int MaxSessionsOfAKind = 24;

    public static CoursePlan Default { get; } = new(PreparationSessions: 1, DosingSessions: 6, IntegrationSessionsPerDose: 1, IntegrationSessionsAfterSeries: 1);

    public int TotalIntegrationSessions => (DosingSessions * IntegrationSessionsPerDose) + IntegrationSessionsAfterSeries;

    public DomainResult Validate()
    {
        var problems = new List<string>();
        if (PreparationSessions is < 1 or > MaxSessionsOfAKind)
        {
            problems.Add($"Plan at least 1 and at most {MaxSessionsOfAKind} preparation sessions.");
        }

        if (DosingSessions is < 1 or > MaxSessionsOfAKind)
        {
            problems.Add($"Plan at least 1 and at most {MaxSessionsOfAKind} dosing sessions.");
        }

        if (IntegrationSessionsPerDose is < 1 or > 5)
        {
            problems.Add("Plan between 1 and 5 integration sessions after each dosing session.");
        }

        if (IntegrationSessionsAfterSeries is < 1 or > MaxSessionsOfAKind)
        {
            problems.Add($"Plan at least 1 and at most {MaxSessionsOfAKind} integration sessions after the series.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }
}
