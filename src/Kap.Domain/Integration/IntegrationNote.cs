using Kap.Domain.Common;

namespace Kap.Domain.Integration;

/// <summary>The risk check every integration session ends with (domain.md §5, §2 C-SSRS). The numeric values are stored.</summary>
public enum IntegrationRiskCheck
{
    /// <summary>Asked about thoughts of self-harm or suicide; none reported, nothing of concern.</summary>
    NoConcerns = 0,

    /// <summary>A concern was raised: it counts as a risk alert until a risk assessment is recorded.</summary>
    ConcernRaised = 1,
}

/// <summary>
/// The structured notes of one integration session (domain.md §5): what the patient experienced, the
/// insights and themes that came up, the practices agreed until next time, and the risk check. A note
/// follows one dosing session, or the series as a whole when <see cref="DosingSessionId"/> is null.
/// Notes are signed once and kept as written: a correction is a later note, never an edit.
/// </summary>
public sealed class IntegrationNote : Entity
{
    public const int MaxTextLength = 8000;
    public const int MaxThemesLength = 500;

    private IntegrationNote()
    {
    }

    private IntegrationNote(Guid courseId, Guid? dosingSessionId, Guid? appointmentId, DateTime heldAtUtc, string experience, string? insights,
        string? themes, string? homework, IntegrationRiskCheck riskCheck, string? riskNote, Guid recordedBy, DateTime recordedAtUtc)
    {
        CourseId = courseId;
        DosingSessionId = dosingSessionId;
        AppointmentId = appointmentId;
        HeldAtUtc = heldAtUtc;
        Experience = experience;
        Insights = insights;
        Themes = themes;
        Homework = homework;
        RiskCheck = riskCheck;
        RiskNote = riskNote;
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    public Guid CourseId { get; private set; }

    /// <summary>The dosing session this integration follows; null for integration after the series.</summary>
    public Guid? DosingSessionId { get; private set; }

    /// <summary>The booked integration appointment the note is for, when there was one.</summary>
    public Guid? AppointmentId { get; private set; }

    public DateTime HeldAtUtc { get; private set; }
    public string Experience { get; private set; } = "";
    public string? Insights { get; private set; }

    /// <summary>Themes as the therapist names them, comma-separated ("grief, connection").</summary>
    public string? Themes { get; private set; }

    /// <summary>Homework and practices agreed until the next session.</summary>
    public string? Homework { get; private set; }

    public IntegrationRiskCheck RiskCheck { get; private set; }
    public string? RiskNote { get; private set; }
    public Guid RecordedBy { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>A concern raised here stands as a risk alert until a risk assessment is recorded after <see cref="HeldAtUtc"/>.</summary>
    public bool RequiresRiskAssessment => RiskCheck == IntegrationRiskCheck.ConcernRaised;

    /// <summary>The themes one by one, trimmed, duplicates (ignoring case) removed.</summary>
    public IReadOnlyList<string> ThemeList => SplitThemes(Themes);

    /// <summary>
    /// A note, checked: the experience is required, a raised concern needs what was said and done, and a
    /// session cannot be noted before it was held or in the future.
    /// </summary>
    public static (IntegrationNote? Note, DomainResult Result) Create(Guid courseId, Guid? dosingSessionId, Guid? appointmentId, DateTime heldAtUtc, string? experience,
        string? insights, string? themes, string? homework, IntegrationRiskCheck riskCheck, string? riskNote, Guid recordedBy, DateTime nowUtc,
        DateTime? dosingSessionEndedAtUtc)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(experience))
        {
            problems.Add("Describe the patient's experience: it is the heart of the note.");
        }

        if (!Enum.IsDefined(riskCheck))
        {
            problems.Add("Record the risk check: no concerns, or a concern raised.");
        }
        else if (riskCheck == IntegrationRiskCheck.ConcernRaised && string.IsNullOrWhiteSpace(riskNote))
        {
            problems.Add("A concern was raised: record what the patient said and what was done.");
        }

        if (heldAtUtc > nowUtc)
        {
            problems.Add("An integration session is noted once it has been held, not before.");
        }

        if (dosingSessionEndedAtUtc is { } ended && heldAtUtc < ended)
        {
            problems.Add("Integration follows the dosing session: the session was held before that dosing session ended.");
        }

        if (problems.Count > 0)
        {
            return (null, DomainResult.Fail(problems));
        }

        var cleanThemes = SplitThemes(themes);
        return (new IntegrationNote(courseId, dosingSessionId, appointmentId, heldAtUtc, experience!.Trim(), Clean(insights),
            cleanThemes.Count == 0 ? null : string.Join(", ", cleanThemes), Clean(homework), riskCheck, Clean(riskNote), recordedBy, nowUtc), DomainResult.Ok);
    }

    public static IReadOnlyList<string> SplitThemes(string? themes) =>
        string.IsNullOrWhiteSpace(themes)
            ? []
            : themes.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(t => t.Length > 0)
                .DistinctBy(t => t.ToUpperInvariant())
                .ToList();

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
