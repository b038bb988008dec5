using System.ComponentModel.DataAnnotations;
using Kap.Domain.Dosing;

namespace Kap.Application.Common.Options;

/// <summary>appsettings "Dosing": the dosing-session settings of domain.md §3–§4, each with its default.</summary>
public sealed class DosingOptions
{
    public const string Section = "Dosing";

    [Range(90, 200)] public int BpSystolicThreshold { get; set; } = DosingSessionSettings.Default.BpSystolicThreshold;
    [Range(50, 130)] public int BpDiastolicThreshold { get; set; } = DosingSessionSettings.Default.BpDiastolicThreshold;
    [Range(0, 24 * 14)] public double MinimumIntervalHours { get; set; } = DosingSessionSettings.Default.MinimumIntervalHours;
    [Range(120, 600)] public int EsketamineMonitoringMinutes { get; set; } = DosingSessionSettings.Default.EsketamineMonitoringMinutes;
    [Range(1, 600)] public int OtherRoutesMonitoringMinutes { get; set; } = DosingSessionSettings.Default.OtherRoutesMonitoringMinutes;
    [Range(0, 100)] public int FallingTowardBaselineWithinMmHg { get; set; } = DosingSessionSettings.Default.FallingTowardBaselineWithinMmHg;

    public DosingSessionSettings ToSettings() => new()
    {
        BpSystolicThreshold = BpSystolicThreshold,
        BpDiastolicThreshold = BpDiastolicThreshold,
        MinimumIntervalHours = MinimumIntervalHours,
        EsketamineMonitoringMinutes = EsketamineMonitoringMinutes,
        OtherRoutesMonitoringMinutes = OtherRoutesMonitoringMinutes,
        FallingTowardBaselineWithinMmHg = FallingTowardBaselineWithinMmHg,
    };
}

/// <summary>appsettings "Ledger": the controlled-substance log settings of domain.md §7.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    /// <summary>Waste needs a second staff user who confirms with their own sign-in (default on) [U].</summary>
    public bool WasteWitnessRequired { get; set; } = true;
}
