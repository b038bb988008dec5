using System.Globalization;
using Kap.Domain.Common;

namespace Kap.Domain.Measures;

/// <summary>
/// One completed questionnaire, kept with its raw answers and its score as computed when it was taken
/// (so a later change of a setting never rewrites history). Invalid (incomplete) forms are kept too:
/// "store it, never guess" (domain.md §6).
/// </summary>
public sealed class MeasureRecord : Entity
{
    private MeasureRecord()
    {
    }

    public MeasureRecord(Guid courseId, Guid patientId, MeasureResult result, IReadOnlyList<int?> responses, Guid recordedBy, DateTime takenAtUtc)
    {
        CourseId = courseId;
        PatientId = patientId;
        Instrument = result.Instrument;
        Responses = Encode(responses);
        IsValid = result.IsValid;
        Total = result.Total;
        Band = result.Band;
        SuicideRiskAlert = result.SuicideRiskAlert;
        CssrsRisk = result.CssrsRisk;
        ProbablePtsd = result.ProbablePtsd;
        RequiresRiskAssessment = result.RequiresRiskAssessment;
        RecordedBy = recordedBy;
        TakenAtUtc = takenAtUtc;
    }

    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public Instrument Instrument { get; private set; }

    /// <summary>The answers as given, comma-separated, empty for an unanswered item.</summary>
    public string Responses { get; private set; } = "";

    public bool IsValid { get; private set; }
    public int? Total { get; private set; }
    public SeverityBand? Band { get; private set; }
    public bool SuicideRiskAlert { get; private set; }
    public CssrsRisk? CssrsRisk { get; private set; }
    public bool? ProbablePtsd { get; private set; }
    public bool RequiresRiskAssessment { get; private set; }
    public Guid RecordedBy { get; private set; }
    public DateTime TakenAtUtc { get; private set; }

    public IReadOnlyList<int?> DecodeResponses() =>
        Responses.Split(',').Select(s => s.Length == 0 ? (int?)null : int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    private static string Encode(IReadOnlyList<int?> responses) =>
        string.Join(",", responses.Select(r => r?.ToString(CultureInfo.InvariantCulture) ?? ""));
}
