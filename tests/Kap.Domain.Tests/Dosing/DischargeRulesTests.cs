using Kap.Domain.Dosing;
using Kap.Domain.Preparation;
using Microsoft.Extensions.Time.Testing;

namespace Kap.Domain.Tests.Dosing;

public sealed class DischargeRulesTests
{
    private static readonly DateTime First = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DosingSessionSettings Settings = DosingSessionSettings.Default;

    private static VitalSigns Bp(int minutes, int systolic, int diastolic) =>
        new(First.AddMinutes(minutes), systolic, diastolic, 76, 98);

    // A 40-minute IV infusion: ready 60 minutes after it ends, at minute 100.
    private static readonly DischargeFacts Iv = new(
        Route: Route.IntravenousInfusion,
        FirstAdministrationUtc: First,
        LastAdministrationUtc: First,
        InfusionEndUtc: First.AddMinutes(40),
        BaselineSystolic: 124,
        Vitals: [Bp(-5, 124, 78), Bp(40, 150, 92), Bp(95, 128, 80)],
        BaselineMoaas: 5,
        LatestMoaas: 5,
        AlertAndOriented: true,
        ToleratingFluids: true,
        MinimalNausea: true,
        EscortPresent: true);

    private static FakeTimeProvider ClockAt(int minutes) => new(new DateTimeOffset(First.AddMinutes(minutes)));

    private static IReadOnlyList<string> Problems(DischargeFacts facts, int minutes) =>
        DischargeRules.Check(facts, ClockAt(minutes).GetUtcNow().UtcDateTime, Settings).Problems;

    [Fact]
    public void All_rules_met_discharges()
    {
        Assert.Empty(Problems(Iv, 100));
    }

    [Fact]
    public void Iv_needs_60_minutes_after_the_infusion_end()
    {
        var clock = ClockAt(99);
        var problem = Assert.Single(DischargeRules.Check(Iv, clock.GetUtcNow().UtcDateTime, Settings).Problems);
        Assert.StartsWith("Monitoring time: 1 more minute(s)", problem, StringComparison.Ordinal);
        Assert.Equal(1, DischargeRules.MinutesUntilReady(Iv, clock.GetUtcNow().UtcDateTime, Settings));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(DischargeRules.Check(Iv, clock.GetUtcNow().UtcDateTime, Settings).IsSuccess);
        Assert.Equal(0, DischargeRules.MinutesUntilReady(Iv, clock.GetUtcNow().UtcDateTime, Settings));
    }

    [Fact]
    public void Iv_refuses_while_the_infusion_is_running()
    {
        var running = Iv with { InfusionEndUtc = null };

        Assert.StartsWith("Monitoring time:", Assert.Single(Problems(running, 300)), StringComparison.Ordinal);
        Assert.Null(DischargeRules.MinutesUntilReady(running, First.AddMinutes(300), Settings));
    }

    [Theory]
    [InlineData(119, false)]
    [InlineData(120, true)]
    public void Esketamine_needs_120_minutes_from_the_first_administration(int minutes, bool ok)
    {
        var esketamine = Iv with { Route = Route.EsketamineNasal, InfusionEndUtc = null, LastAdministrationUtc = First.AddMinutes(5) };

        Assert.Equal(ok, Problems(esketamine, minutes).Count == 0);
        Assert.Equal(ok ? 0 : 1, DischargeRules.MinutesUntilReady(esketamine, First.AddMinutes(minutes), Settings));
    }

    [Theory]
    [InlineData(Route.Intramuscular)]
    [InlineData(Route.SublingualOral)]
    [InlineData(Route.IntranasalRacemic)]
    public void Other_routes_need_60_minutes_after_the_last_administration(Route route)
    {
        // A booster at minute 30 restarts the clock: ready at 90.
        var facts = Iv with { Route = route, InfusionEndUtc = null, LastAdministrationUtc = First.AddMinutes(30) };

        Assert.Single(Problems(facts, 89));
        Assert.Empty(Problems(facts, 90));
    }

    [Fact]
    public void Minutes_until_ready_round_up()
    {
        Assert.Equal(60, DischargeRules.MinutesUntilReady(Iv, First.AddMinutes(40), Settings));
        Assert.Equal(1, DischargeRules.MinutesUntilReady(Iv, First.AddMinutes(99).AddSeconds(59), Settings));
        Assert.Equal(2, DischargeRules.MinutesUntilReady(Iv, First.AddMinutes(98).AddSeconds(1), Settings));
    }

    [Theory]
    [InlineData(139, 89, true)]
    [InlineData(140, 80, false)]
    [InlineData(130, 90, false)]
    public void The_last_bp_must_be_under_the_threshold(int systolic, int diastolic, bool ok)
    {
        // Rising from the reading before, so "falling" cannot rescue it.
        var facts = Iv with { Vitals = [Bp(-5, 124, 78), Bp(90, 120, 75), Bp(95, systolic, diastolic)] };

        Assert.Equal(ok, Problems(facts, 100).Count == 0);
    }

    [Theory]
    [InlineData(150, 144, true)] // falling, 144 − 124 = 20: within 20 of baseline
    [InlineData(150, 145, false)] // falling but 21 above baseline
    [InlineData(144, 144, false)] // not falling
    [InlineData(140, 144, false)] // rising
    public void A_high_bp_falling_toward_baseline_discharges(int previous, int last, bool ok)
    {
        var facts = Iv with { Vitals = [Bp(-5, 124, 78), Bp(80, previous, 88), Bp(95, last, 88)] };

        var problems = Problems(facts, 100);

        Assert.Equal(ok, problems.Count == 0);
        if (!ok)
        {
            Assert.StartsWith("Blood pressure:", Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bp_is_read_in_time_order_whatever_the_list_order()
    {
        var facts = Iv with { Vitals = [Bp(95, 144, 88), Bp(80, 150, 88)] };

        Assert.Empty(Problems(facts, 100));
    }

    public static TheoryData<string, DischargeFacts> EachRuleAlone() => new()
    {
        { "Blood pressure", Iv with { Vitals = [] } },
        { "Blood pressure", Iv with { Vitals = [Bp(95, 150, 85)] } },
        { "MOAA/S", Iv with { LatestMoaas = null } },
        { "MOAA/S", Iv with { LatestMoaas = 4 } },
        { "Alert and oriented", Iv with { AlertAndOriented = false } },
        { "Fluids", Iv with { ToleratingFluids = false } },
        { "Nausea", Iv with { MinimalNausea = false } },
        { "Escort", Iv with { EscortPresent = false } },
    };

    [Theory]
    [MemberData(nameof(EachRuleAlone))]
    public void Each_unmet_rule_refuses_alone_and_is_named(string name, DischargeFacts facts)
    {
        var problem = Assert.Single(Problems(facts, 100));

        Assert.StartsWith(name + ":", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Moaas_above_baseline_counts_as_back()
    {
        Assert.Empty(Problems(Iv with { BaselineMoaas = 4, LatestMoaas = 5 }, 100));
    }

    [Fact]
    public void Every_unmet_rule_is_named_together()
    {
        var facts = Iv with
        {
            Vitals = [],
            LatestMoaas = null,
            AlertAndOriented = false,
            ToleratingFluids = false,
            MinimalNausea = false,
            EscortPresent = false,
        };

        Assert.Equal(7, Problems(facts, 50).Count);
    }
}
