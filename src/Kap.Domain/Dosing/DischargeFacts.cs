using Kap.Domain.Preparation;

namespace Kap.Domain.Dosing;

/// <summary>
/// What the discharge rules need from a session (domain.md §4). <paramref name="Vitals"/> is the whole
/// timeline in any order; the rules read the last two BP readings from it.
/// </summary>
/// <param name="InfusionEndUtc">IV only: null while the infusion is still running.</param>
/// <param name="BaselineSystolic">The pre-dose systolic, the baseline a falling BP is measured against.</param>
/// <param name="LatestMoaas">The most recent MOAA/S; null when none has been recorded since dosing.</param>
public sealed record DischargeFacts(
    Route Route,
    DateTime FirstAdministrationUtc,
    DateTime LastAdministrationUtc,
    DateTime? InfusionEndUtc,
    int BaselineSystolic,
    IReadOnlyList<VitalSigns> Vitals,
    int BaselineMoaas,
    int? LatestMoaas,
    bool AlertAndOriented,
    bool ToleratingFluids,
    bool MinimalNausea,
    bool EscortPresent);
