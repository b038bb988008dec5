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

    /// <summary>The answers so far as a full response set of the instrument (one per item, null where unanswered).</summary>
    public IReadOnlyList<int?> ResponseSet()
    {
        var definition = InstrumentCatalog.Get(Instrument);
        var decoded = DecodeResponses();
        return Enumerable.Range(0, definition.ItemCount).Select(i => i < decoded.Count ? decoded[i] : null).ToList();
    }

    /// <summary>
    /// Saves one answer and the item the patient is on. The item must exist and be asked given the earlier answers (the
    /// catalogue's skip logic), and the value must be one of its answers; otherwise nothing changes and the problem is
    /// named. Answers to items that are no longer asked (C-SSRS questions 3–5 after question 2 turns to "no") are cleared,
    /// as the form clears them. Saving the same answer again changes nothing but the time.
    /// </summary>
    public DomainResult Answer(int item, int value, int currentItem, DateTime nowUtc)
    {
        var definition = InstrumentCatalog.Get(Instrument);
        if (item < 1 || item > definition.ItemCount)
        {
            return DomainResult.Fail($"The {definition.ShortName} has questions 1 to {definition.ItemCount}.");
        }

        var responses = ResponseSet().ToArray();
        var question = definition.Item(item);
        if (!definition.IsAsked(item, responses))
        {
            return DomainResult.Fail($"Question {question.Label} is not asked after your earlier answers.");
        }

        if (!question.Allows(value))
        {
            return DomainResult.Fail($"Choose one of the answers to question {question.Label}.");
        }

        responses[item - 1] = value;
        foreach (var other in definition.Items)
        {
            if (!definition.IsAsked(other.Number, responses))
            {
                responses[other.Number - 1] = null;
            }
        }

        Save(responses, Math.Clamp(currentItem, 1, definition.ItemCount), nowUtc);
        return DomainResult.Ok;
    }

    /// <summary>The questions still to answer: asked (per the skip logic) and unanswered, in order.</summary>
    public IReadOnlyList<MeasureItem> Unanswered()
    {
        var definition = InstrumentCatalog.Get(Instrument);
        var responses = ResponseSet();
        return definition.Items.Where(i => definition.IsAsked(i.Number, responses) && responses[i.Number - 1] is null).ToList();
    }
}
