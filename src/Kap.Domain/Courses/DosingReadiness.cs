namespace Kap.Domain.Courses;

/// <summary>
/// What the gate to enter Dosing found (domain.md §2, items 1–5). Every missing item is named so the
/// clinician sees exactly what to do.
/// </summary>
public sealed record DosingReadiness(
    bool ClearanceSigned,
    bool ConsentCurrent,
    bool BaselineMeasuresRecorded,
    bool PreparationSessionsCompleted,
    bool SupportPersonNamed,
    bool RiskAssessmentPending = false)
{
    public IReadOnlyList<string> Missing
    {
        get
        {
            var missing = new List<string>();
            if (!ClearanceSigned)
            {
                missing.Add("Medical clearance signed by the nurse practitioner, with no open hard stop and every flag overridden with a reason.");
            }

            if (!ConsentCurrent)
            {
                missing.Add("Informed consent signed for the current consent version.");
            }

            if (!BaselineMeasuresRecorded)
            {
                missing.Add("Baseline measures: PHQ-9, GAD-7 (PCL-5 where trauma is a focus) and the C-SSRS screener.");
            }

            if (!PreparationSessionsCompleted)
            {
                missing.Add("The planned preparation sessions completed, with intentions recorded.");
            }

            if (!SupportPersonNamed)
            {
                missing.Add("A support person / escort named with contact details.");
            }

            if (RiskAssessmentPending)
            {
                missing.Add("A clinician's suicide-risk assessment after the latest risk alert (PHQ-9 item 9 or a high-risk C-SSRS).");
            }

            return missing;
        }
    }

    public bool IsMet => Missing.Count == 0;
}
