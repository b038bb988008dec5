using Kap.Domain.Dosing;
using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Dosing;

public sealed class MonitoringScheduleTests
{
    private static readonly DateTime First = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime InfusionEnd = First.AddMinutes(40);

    private static DateTime At(int minutes, int seconds = 0) => First.AddMinutes(minutes).AddSeconds(seconds);

    [Fact]
    public void A_40_minute_iv_infusion_has_10_minute_slots_during_and_15_minute_slots_after_until_discharge()
    {
        var slots = MonitoringSchedule.Slots(Route.IntravenousInfusion, First, InfusionEnd, At(50), [At(9), At(21), At(40)]);

        Assert.Equal([At(10), At(20), At(30), At(40), At(55), At(70), At(85), At(100)], slots.Select(s => s.AtUtc));
        Assert.Equal(
            [SlotStatus.Done, SlotStatus.Done, SlotStatus.Overdue, SlotStatus.Done, SlotStatus.Due, SlotStatus.Upcoming, SlotStatus.Upcoming, SlotStatus.Upcoming],
            slots.Select(s => s.Status));
        Assert.All(slots.Take(4), s => Assert.Equal("During infusion", s.Label));
    }

    [Theory]
    [InlineData(35, 0, SlotStatus.Due)]
    [InlineData(35, 1, SlotStatus.Overdue)]
    [InlineData(25, 0, SlotStatus.Due)]
    [InlineData(24, 59, SlotStatus.Upcoming)]
    public void A_slot_is_overdue_only_more_than_5_minutes_past(int minutes, int seconds, SlotStatus expected)
    {
        var slots = MonitoringSchedule.Slots(Route.IntravenousInfusion, First, InfusionEnd, At(minutes, seconds), [At(10), At(20)]);

        Assert.Equal(expected, slots.Single(s => s.AtUtc == At(30)).Status);
    }

    [Theory]
    [InlineData(25, 0, true)]
    [InlineData(35, 0, true)]
    [InlineData(24, 59, false)]
    [InlineData(35, 1, false)]
    public void A_reading_within_5_minutes_either_side_counts(int minutes, int seconds, bool done)
    {
        var slots = MonitoringSchedule.Slots(Route.IntravenousInfusion, First, InfusionEnd, At(45), [At(minutes, seconds)]);

        Assert.Equal(done, slots.Single(s => s.AtUtc == At(30)).Status == SlotStatus.Done);
    }

    [Fact]
    public void Slots_keep_coming_while_the_patient_is_monitored_past_the_minimum()
    {
        var slots = MonitoringSchedule.Slots(Route.IntravenousInfusion, First, InfusionEnd, At(120), []);

        Assert.Equal([At(115), At(130)], slots.Skip(8).Select(s => s.AtUtc));
        Assert.Equal(SlotStatus.Overdue, slots[^3].Status); // 100 min, the minimum discharge slot
        Assert.Equal(SlotStatus.Due, slots[^2].Status);
        Assert.Equal(SlotStatus.Upcoming, slots[^1].Status);
    }

    [Fact]
    public void A_running_infusion_is_scheduled_to_the_next_10_minute_slot()
    {
        var slots = MonitoringSchedule.Slots(Route.IntravenousInfusion, First, null, At(24), [At(10)]);

        Assert.Equal([At(10), At(20), At(30)], slots.Select(s => s.AtUtc));
        Assert.Equal([SlotStatus.Done, SlotStatus.Due, SlotStatus.Upcoming], slots.Select(s => s.Status));
    }

    [Fact]
    public void Esketamine_has_pre_dose_40_minute_and_before_discharge_slots()
    {
        var slots = MonitoringSchedule.Slots(Route.EsketamineNasal, First, null, At(50), [At(-10)]);

        Assert.Equal([At(0), At(40), At(120)], slots.Select(s => s.AtUtc));
        Assert.Equal(["Pre-dose", "40 min post-dose", "Before discharge"], slots.Select(s => s.Label));
        Assert.Equal([SlotStatus.Done, SlotStatus.Overdue, SlotStatus.Upcoming], slots.Select(s => s.Status));
    }

    [Fact]
    public void Esketamine_pre_dose_slot_is_overdue_once_dosing_started_without_vitals()
    {
        var slots = MonitoringSchedule.Slots(Route.EsketamineNasal, First, null, At(1), [At(1)]);

        Assert.Equal(SlotStatus.Overdue, slots[0].Status);
    }

    [Fact]
    public void Other_routes_are_every_15_minutes_to_60_minutes()
    {
        var slots = MonitoringSchedule.Slots(Route.Intramuscular, First, null, At(0), []);

        Assert.Equal([At(15), At(30), At(45), At(60)], slots.Select(s => s.AtUtc));
    }
}
