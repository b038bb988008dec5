using Kap.Domain.Common;

namespace Kap.Domain.Dosing;

/// <summary>
/// The clinic's dosing-session settings (domain.md §3, §4). Where sources disagree or only clinics speak,
/// domain.md makes the number a clinic setting; the defaults here are the ones it gives.
/// </summary>
public sealed record DosingSessionSettings
{
    public static DosingSessionSettings Default { get; } = new();

    /// <summary>
    /// Pre-dose systolic threshold, default 140 mmHg [S: PDR, JNJ-BP]. A reading at or above it is over
    /// the threshold: "under 140/90" means 139/89 passes and 140 does not.
    /// </summary>
    public int BpSystolicThreshold { get; init; } = 140;

    /// <summary>Pre-dose diastolic threshold, default 90 mmHg [S: PDR, JNJ-BP]; at or above it is over.</summary>
    public int BpDiastolicThreshold { get; init; } = 90;

    /// <summary>Minimum hours between dosing sessions, default 48 h [U] (domain.md §3).</summary>
    public double MinimumIntervalHours { get; init; } = 48;

    /// <summary>Minimum monitoring for esketamine, from the first administration: default 120 min [S: SPV-LBL].</summary>
    public int EsketamineMonitoringMinutes { get; init; } = 120;

    /// <summary>
    /// Minimum monitoring for IV/IM/SL/intranasal racemic, after the infusion end (IV) or the last
    /// administration (others): default 60 min [U].
    /// </summary>
    public int OtherRoutesMonitoringMinutes { get; init; } = 60;

    /// <summary>
    /// For discharge, how close to baseline a still-high but falling systolic must be, default 20 mmHg.
    /// domain.md says only "falling toward baseline"; this definition is Kap's [U] (see
    /// <see cref="DischargeRules"/>).
    /// </summary>
    public int FallingTowardBaselineWithinMmHg { get; init; } = 20;

    /// <summary>Checks settings an administrator enters.</summary>
    public DomainResult Validate()
    {
        var problems = new List<string>();
        if (BpSystolicThreshold is < 90 or > 200)
        {
            problems.Add("Pre-dose systolic threshold must be between 90 and 200 mmHg.");
        }

        if (BpDiastolicThreshold is < 50 or > 130)
        {
            problems.Add("Pre-dose diastolic threshold must be between 50 and 130 mmHg.");
        }

        if (MinimumIntervalHours < 0)
        {
            problems.Add("Minimum interval between dosing sessions cannot be negative.");
        }

        if (EsketamineMonitoringMinutes < 120)
        {
            problems.Add("Esketamine monitoring cannot be shorter than the labelled 120 minutes.");
        }

        if (OtherRoutesMonitoringMinutes <= 0)
        {
            problems.Add("Minimum monitoring minutes must be positive.");
        }

        if (FallingTowardBaselineWithinMmHg < 0)
        {
            problems.Add("The falling-toward-baseline margin cannot be negative.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }
}
