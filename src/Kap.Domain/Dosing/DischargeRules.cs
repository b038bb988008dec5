using System.Globalization;
using Kap.Domain.Common;
using Kap.Domain.Preparation;

namespace Kap.Domain.Dosing;

/// <summary>
/// Discharge (domain.md §4): the command refuses until every rule holds, and names each one that does
/// not.
/// <list type="bullet">
/// <item>Minimum monitoring: esketamine 120 min from the first administration [S: SPV-LBL]; IV 60 min
/// after the infusion end; IM, SL/oral and intranasal racemic 60 min after the last administration (so a
/// booster restarts the clock) [U]. Both are clinic settings.</item>
/// <item>Last BP under the pre-dose threshold, or falling toward baseline. "Falling toward baseline" is
/// Kap's definition [U]: the last systolic is lower than the reading before it and no more than 20 mmHg
/// (a clinic setting) above the pre-dose baseline systolic.</item>
/// <item>MOAA/S back to baseline [S: MOAA, SPV-LBL].</item>
/// <item>Alert and oriented, tolerating fluids, minimal nausea [S2: RCEM].</item>
/// <item>Escort present [S: KET-UK].</item>
/// </list>
/// </summary>
public static class DischargeRules
{
    public static DomainResult Check(DischargeFacts facts, DateTime nowUtc, DosingSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();

        var readyAt = ReadyAtUtc(facts, settings);
        if (readyAt is null)
        {
            problems.Add("Monitoring time: the infusion has not ended.");
        }
        else if (nowUtc < readyAt.Value)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Monitoring time: {MinutesUntilReady(facts, nowUtc, settings)} more minute(s) of monitoring needed ({MinimumMinutes(facts.Route, settings)} min {ClockStartText(facts.Route)})."));
        }

        var bp = facts.Vitals.OrderBy(v => v.AtUtc).ToArray();
        if (bp.Length == 0)
        {
            problems.Add("Blood pressure: no BP has been recorded.");
        }
        else
        {
            var last = bp[^1];
            var under = !PreDoseRules.IsOverThreshold(last.Systolic, last.Diastolic, settings);
            var falling = bp.Length >= 2
                && last.Systolic < bp[^2].Systolic
                && last.Systolic - facts.BaselineSystolic <= settings.FallingTowardBaselineWithinMmHg;
            if (!under && !falling)
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Blood pressure: the last BP {last.Systolic}/{last.Diastolic} is neither under {settings.BpSystolicThreshold}/{settings.BpDiastolicThreshold} nor falling to within {settings.FallingTowardBaselineWithinMmHg} mmHg of the baseline systolic {facts.BaselineSystolic}."));
            }
        }

        if (facts.LatestMoaas is null)
        {
            problems.Add("MOAA/S: no MOAA/S has been recorded since dosing.");
        }
        else if (facts.LatestMoaas < facts.BaselineMoaas)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"MOAA/S: {facts.LatestMoaas} is not back to the baseline {facts.BaselineMoaas}."));
        }

        if (!facts.AlertAndOriented)
        {
            problems.Add("Alert and oriented: not confirmed.");
        }

        if (!facts.ToleratingFluids)
        {
            problems.Add("Fluids: tolerating fluids not confirmed.");
        }

        if (!facts.MinimalNausea)
        {
            problems.Add("Nausea: minimal nausea not confirmed.");
        }

        if (!facts.EscortPresent)
        {
            problems.Add("Escort: no escort present.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }

    /// <summary>The minimum monitoring minutes for a route.</summary>
    public static int MinimumMinutes(Route route, DosingSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return route == Route.EsketamineNasal ? settings.EsketamineMonitoringMinutes : settings.OtherRoutesMonitoringMinutes;
    }

    /// <summary>When the minimum monitoring time is over; null for an IV infusion that has not ended.</summary>
    public static DateTime? ReadyAtUtc(DischargeFacts facts, DosingSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        DateTime? start = facts.Route switch
        {
            Route.EsketamineNasal => facts.FirstAdministrationUtc,
            Route.IntravenousInfusion => facts.InfusionEndUtc,
            _ => facts.LastAdministrationUtc,
        };
        return start?.AddMinutes(MinimumMinutes(facts.Route, settings));
    }

    /// <summary>
    /// Whole minutes of monitoring still needed, rounded up (30 seconds left shows as 1), 0 once the time
    /// has elapsed; null while an IV infusion is still running. Covers only the time rule: the others
    /// depend on the patient, not the clock.
    /// </summary>
    public static int? MinutesUntilReady(DischargeFacts facts, DateTime nowUtc, DosingSessionSettings settings)
    {
        var readyAt = ReadyAtUtc(facts, settings);
        if (readyAt is null)
        {
            return null;
        }

        var left = readyAt.Value - nowUtc;
        return left <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(left.TotalMinutes);
    }

    private static string ClockStartText(Route route) => route switch
    {
        Route.EsketamineNasal => "from the first administration",
        Route.IntravenousInfusion => "after the infusion end",
        _ => "after the last administration",
    };
}
