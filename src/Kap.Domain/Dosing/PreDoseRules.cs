using System.Globalization;
using Kap.Domain.Common;

namespace Kap.Domain.Dosing;

/// <summary>
/// The pre-dose gate (domain.md §4): every item must hold before the first administration, and every
/// unmet item is named so the nurse practitioner sees exactly what is missing. Nothing here can be
/// skipped; only a high BP can be overridden, and only by the prescriber with a written reason
/// [S: PDR, JNJ-BP].
/// </summary>
public static class PreDoseRules
{
    public static DomainResult Check(PreDoseChecklist checklist, DosingSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();

        if (!checklist.ConsentCurrent)
        {
            problems.Add("Consent: informed consent is not current.");
        }

        if (!checklist.ClearanceCurrent)
        {
            problems.Add("Clearance: medical clearance is not current.");
        }

        if (!checklist.FastingConfirmed)
        {
            problems.Add("Fasting: the fasting window has not been confirmed.");
        }

        if (!checklist.EscortConfirmed)
        {
            // No driving until the next day after sleep [S: SPV-LBL].
            problems.Add("Escort: an escort/driver home has not been confirmed.");
        }

        if (!checklist.NoAlcohol24HoursConfirmed)
        {
            problems.Add("Alcohol: no alcohol in the last 24 h has not been confirmed.");
        }

        if (!checklist.MedicationFlagsReviewed)
        {
            problems.Add("Medication flags: the medication flags have not been reviewed.");
        }

        if (checklist.BaselineMoaas is null)
        {
            problems.Add("Baseline MOAA/S: not recorded.");
        }
        else if (checklist.BaselineMoaas is < 0 or > 5)
        {
            problems.Add("Baseline MOAA/S: must be 0–5.");
        }

        if (checklist.CssrsHighRisk is null)
        {
            problems.Add("C-SSRS: the pre-dose screen has not been done.");
        }
        else if (checklist.CssrsHighRisk == true)
        {
            problems.Add("C-SSRS: the pre-dose screen is high risk; do not dose.");
        }

        if (checklist.Systolic is null || checklist.Diastolic is null)
        {
            problems.Add("Blood pressure: the pre-dose BP has not been recorded.");
        }
        else if (IsOverThreshold(checklist.Systolic.Value, checklist.Diastolic.Value, settings)
            && string.IsNullOrWhiteSpace(checklist.BpOverride?.Reason))
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Blood pressure: {checklist.Systolic}/{checklist.Diastolic} is at or over {settings.BpSystolicThreshold}/{settings.BpDiastolicThreshold}; dosing needs the prescriber's override with a reason."));
        }

        if (!checklist.CourseInDosingPhase)
        {
            problems.Add("Course phase: the course is not in the Dosing phase.");
        }

        if (checklist.HoursSinceLastDose is { } hours && hours < settings.MinimumIntervalHours)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Interval: {hours:0.#} h since the last dose; the minimum is {settings.MinimumIntervalHours:0.#} h."));
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }

    /// <summary>At or above either number is over: 140/89 and 139/90 are both over a 140/90 threshold.</summary>
    public static bool IsOverThreshold(int systolic, int diastolic, DosingSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return systolic >= settings.BpSystolicThreshold || diastolic >= settings.BpDiastolicThreshold;
    }
}
