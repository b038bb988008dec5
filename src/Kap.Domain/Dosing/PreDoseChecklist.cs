using Kap.Domain.Preparation;

namespace Kap.Domain.Dosing;

/// <summary>
/// What the nurse practitioner recorded before the first administration of a session (domain.md §4).
/// Nullable facts are "not recorded yet"; <see cref="PreDoseRules.Check"/> refuses them.
/// </summary>
/// <param name="BaselineMoaas">MOAA/S 0–5 before dosing; the reference for sedation and discharge [S: MOAA].</param>
/// <param name="CssrsHighRisk">The pre-dose C-SSRS screen: true = high risk, null = not done.</param>
/// <param name="BpOverride">The prescriber's override when the pre-dose BP is at or over the threshold [S: PDR, JNJ-BP].</param>
/// <param name="CourseInDosingPhase">The course must be in Dosing (domain.md §1), checked again at the bedside.</param>
/// <param name="HoursSinceLastDose">Null when this is the course's first dose.</param>
public sealed record PreDoseChecklist(
    bool ConsentCurrent,
    bool ClearanceCurrent,
    bool FastingConfirmed,
    bool EscortConfirmed,
    bool NoAlcohol24HoursConfirmed,
    bool MedicationFlagsReviewed,
    int? BaselineMoaas,
    bool? CssrsHighRisk,
    int? Systolic,
    int? Diastolic,
    SignedOverride? BpOverride,
    bool CourseInDosingPhase,
    double? HoursSinceLastDose);
