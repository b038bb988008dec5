using System.Globalization;
using Kap.Domain.Common;
using Kap.Domain.Measures;

namespace Kap.Domain.Portal;

/// <summary>
/// A questionnaire a patient has started in the portal, saved answer by answer so that a closed tab resumes
/// where it stopped. It becomes a <see cref="MeasureRecord"/> when submitted, and is then deleted.
/// </summary>
public sealed class QuestionnaireDraft : Entity
{
    private QuestionnaireDraft()
    {
    }

    public QuestionnaireDraft(Guid patientId, Guid courseId, Instrument instrument, DateTime startedAtUtc)
    {
        PatientId = patientId;
        CourseId = courseId;
        Instrument = instrument;
        StartedAtUtc = startedAtUtc;
        UpdatedAtUtc = startedAtUtc;
    }

    public Guid PatientId { get; private set; }
    public Guid CourseId { get; private set; }
    public Instrument Instrument { get; private set; }

    /// <summary>The answers so far, comma-separated, empty for an unanswered item (as in <see cref="MeasureRecord"/>).</summary>
    public string Responses { get; private set; } = "";

    /// <summary>The 1-based item the patient was on.</summary>
    public int CurrentItem { get; private set; } = 1;

    public DateTime StartedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public IReadOnlyList<int?> DecodeResponses() =>
        Responses.Length == 0 ? [] : Responses.Split(',').Select(s => s.Length == 0 ? (int?)null : int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    public void Save(IReadOnlyList<int?> responses, int currentItem, DateTime nowUtc)
    {
        Responses = string.Join(",", responses.Select(r => r?.ToString(CultureInfo.InvariantCulture) ?? ""));
        CurrentItem = currentItem;
        UpdatedAtUtc = nowUtc;
    }
}
