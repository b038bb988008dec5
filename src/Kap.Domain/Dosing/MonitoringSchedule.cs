using Kap.Domain.Preparation;

namespace Kap.Domain.Dosing;

/// <summary>Where a monitoring slot stands. Stored as numbers: never renumber.</summary>
public enum SlotStatus
{
    /// <summary>Vitals were recorded within ±5 minutes of the slot (for the pre-dose slot: in the hour before the first administration).</summary>
    Done = 0,

    /// <summary>Not done, and now is within 5 minutes either side of the slot.</summary>
    Due = 1,

    /// <summary>Not done, and now is more than 5 minutes past the slot.</summary>
    Overdue = 2,

    /// <summary>More than 5 minutes in the future.</summary>
    Upcoming = 3,
}

/// <summary>One expected vitals reading on the session timeline.</summary>
public sealed record MonitoringSlot(DateTime AtUtc, string Label, SlotStatus Status);

/// <summary>
/// The vitals schedule of domain.md §4, shown as due/overdue slots.
/// <list type="bullet">
/// <item>IV: every 10 min during the infusion, then every 15 min after [S2: EMORY].</item>
/// <item>Esketamine: pre-dose, ~40 min post-dose (the BP peak [S2: YALE, SPV-LBL]), and before discharge
/// (at the 120-minute minimum) [S: SPV-HCP].</item>
/// <item>IM, SL/oral, intranasal racemic: domain.md gives no schedule; Kap uses the post-infusion rhythm,
/// every 15 min from the first administration [U].</item>
/// </list>
/// Slots run until the minimum discharge time, and keep coming every 15 min while the patient is still
/// monitored past it ("until discharge"). A reading counts for a slot when it is within ±5 minutes of it
/// (inclusive; a reading exactly between two IV slots 10 minutes apart counts for both) and a slot is
/// overdue when it is more than 5 minutes past with no such reading — Kap's choice [U], so a reading
/// taken a little early or late still counts and the screen does not flag a slot the moment it arrives.
/// </summary>
public static class MonitoringSchedule
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DuringInfusionEvery = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan AfterEvery = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan EsketaminePeakAfter = TimeSpan.FromMinutes(40);

    /// <summary>How far before the first esketamine administration a reading still counts as pre-dose [U].</summary>
    public static readonly TimeSpan PreDoseWindow = TimeSpan.FromMinutes(60);

    /// <param name="infusionEndUtc">IV only: when the infusion ended; null while it is still running.</param>
    public static IReadOnlyList<MonitoringSlot> Slots(
        Route route,
        DateTime firstAdministrationUtc,
        DateTime? infusionEndUtc,
        DateTime nowUtc,
        IEnumerable<DateTime> recordedVitalTimes,
        DosingSessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(recordedVitalTimes);
        settings ??= DosingSessionSettings.Default;
        var recorded = recordedVitalTimes.ToArray();
        var slots = new List<MonitoringSlot>();

        if (route == Route.EsketamineNasal)
        {
            var preDoseDone = recorded.Any(t => t <= firstAdministrationUtc && t >= firstAdministrationUtc - PreDoseWindow);
            slots.Add(new MonitoringSlot(
                firstAdministrationUtc,
                "Pre-dose",
                preDoseDone ? SlotStatus.Done : nowUtc > firstAdministrationUtc ? SlotStatus.Overdue : SlotStatus.Due));
            slots.Add(Slot(firstAdministrationUtc + EsketaminePeakAfter, "40 min post-dose", nowUtc, recorded));
            var discharge = firstAdministrationUtc + TimeSpan.FromMinutes(settings.EsketamineMonitoringMinutes);
            slots.Add(Slot(discharge, "Before discharge", nowUtc, recorded));
            AddAfter(slots, discharge, discharge, nowUtc, recorded);
            return slots;
        }

        var afterFrom = firstAdministrationUtc;
        if (route == Route.IntravenousInfusion)
        {
            // While running, keep scheduling 10-minute slots up to the next one after now.
            var duringUntil = infusionEndUtc ?? Max(nowUtc, firstAdministrationUtc) + DuringInfusionEvery;
            for (var at = firstAdministrationUtc + DuringInfusionEvery; at <= duringUntil; at += DuringInfusionEvery)
            {
                slots.Add(Slot(at, "During infusion", nowUtc, recorded));
            }

            if (infusionEndUtc is null)
            {
                return slots;
            }

            afterFrom = infusionEndUtc.Value;
        }

        var minimumDischarge = afterFrom + TimeSpan.FromMinutes(settings.OtherRoutesMonitoringMinutes);
        AddAfter(slots, afterFrom, minimumDischarge, nowUtc, recorded);
        return slots;
    }

    private static void AddAfter(List<MonitoringSlot> slots, DateTime from, DateTime minimumDischarge, DateTime nowUtc, DateTime[] recorded)
    {
        // Every 15 min to the minimum discharge time, then on while the patient is still here.
        for (var at = from + AfterEvery; at <= minimumDischarge || at - AfterEvery < nowUtc; at += AfterEvery)
        {
            slots.Add(Slot(at, "After dosing", nowUtc, recorded));
        }
    }

    private static MonitoringSlot Slot(DateTime at, string label, DateTime nowUtc, DateTime[] recorded)
    {
        if (recorded.Any(t => t >= at - Tolerance && t <= at + Tolerance))
        {
            return new MonitoringSlot(at, label, SlotStatus.Done);
        }

        var status = nowUtc > at + Tolerance ? SlotStatus.Overdue
            : nowUtc >= at - Tolerance ? SlotStatus.Due
            : SlotStatus.Upcoming;
        return new MonitoringSlot(at, label, status);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
