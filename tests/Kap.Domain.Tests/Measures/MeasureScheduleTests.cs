using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

public sealed class MeasureScheduleTests
{
    private static readonly DateTime Opened = new(2026, 9, 1, 14, 0, 0, DateTimeKind.Utc);
    private static readonly MeasureScheduleSettings Settings = new();

    private static DateTime Dose(int n) => Opened.AddDays(14 + ((n - 1) * 3));

    private static MeasureScheduleFacts Facts(int doses, (Instrument, DateTime)[] taken, DateTime? completed = null, bool inDosing = false) => new(
        Opened, Enumerable.Range(1, doses).Select(Dose).ToArray(), Opened.AddDays(13), inDosing, completed, [Instrument.Phq9, Instrument.Gad7, Instrument.CssrsScreener],
        taken);

    private static (Instrument, DateTime)[] Baseline => [(Instrument.Phq9, Opened.AddDays(7)), (Instrument.Gad7, Opened.AddDays(7))];

    [Fact]
    public void After_dose_3_the_measures_are_due_until_both_instruments_are_taken_after_it()
    {
        var now = Dose(3).AddHours(30);

        var before = MeasureSchedule.For(Facts(3, Baseline), Settings, now);
        Assert.Equal(DueStatus.Done, before.Single(d => d.Label == "Baseline").Status);
        var afterThree = before.Single(d => d.Label == "After dose 3");
        Assert.Equal(DueStatus.Due, afterThree.Status);
        Assert.Equal(Dose(3), afterThree.DueFromUtc);
        Assert.Equal([Instrument.Phq9, Instrument.Gad7], afterThree.Instruments);
        Assert.DoesNotContain(before, d => d.Label == "After dose 6");

        var halfDone = MeasureSchedule.For(Facts(3, [.. Baseline, (Instrument.Phq9, Dose(3).AddDays(1))]), Settings, now);
        Assert.Equal(DueStatus.Due, halfDone.Single(d => d.Label == "After dose 3").Status);

        var done = MeasureSchedule.For(Facts(3, [.. Baseline, (Instrument.Phq9, Dose(3).AddDays(1)), (Instrument.Gad7, Dose(3).AddDays(1))]), Settings, now);
        Assert.Equal(DueStatus.Done, done.Single(d => d.Label == "After dose 3").Status);
    }

    [Fact]
    public void A_measure_taken_before_dose_3_does_not_count_for_it()
    {
        var taken = new[] { (Instrument.Phq9, Dose(3).AddMinutes(-1)), (Instrument.Gad7, Dose(3).AddMinutes(-1)) };

        var schedule = MeasureSchedule.For(Facts(3, [.. Baseline, .. taken]), Settings, Dose(3).AddDays(1));

        Assert.Equal(DueStatus.Due, schedule.Single(d => d.Label == "After dose 3").Status);
    }

    [Fact]
    public void Follow_ups_are_upcoming_until_a_week_before_and_count_a_measure_taken_in_that_week()
    {
        var completed = Dose(6).AddDays(20);
        var oneMonth = completed.AddMonths(1);

        var early = MeasureSchedule.For(Facts(6, Baseline, completed), Settings, oneMonth.AddDays(-8));
        Assert.Equal(DueStatus.Upcoming, early.Single(d => d.Label == "1-month follow-up").Status);
        Assert.Equal(DueStatus.Upcoming, early.Single(d => d.Label == "3-month follow-up").Status);

        var inWindow = MeasureSchedule.For(Facts(6, Baseline, completed), Settings, oneMonth.AddDays(-7));
        Assert.Equal(DueStatus.Due, inWindow.Single(d => d.Label == "1-month follow-up").Status);

        var taken = new[] { (Instrument.Phq9, oneMonth.AddDays(-3)), (Instrument.Gad7, oneMonth.AddDays(-3)) };
        var done = MeasureSchedule.For(Facts(6, [.. Baseline, .. taken], completed), Settings, oneMonth);
        Assert.Equal(DueStatus.Done, done.Single(d => d.Label == "1-month follow-up").Status);
        Assert.Equal(DueStatus.Done, done.Single(d => d.Label == "End of course").Status);
    }

    [Fact]
    public void A_weekly_phq9_is_due_seven_days_after_the_last_one_while_in_dosing_and_can_be_turned_off()
    {
        var last = Dose(2);
        var facts = Facts(2, [.. Baseline, (Instrument.Phq9, last)], inDosing: true);

        Assert.Equal(DueStatus.Upcoming, MeasureSchedule.For(facts, Settings, last.AddDays(7).AddMinutes(-1)).Single(d => d.Label == "Weekly PHQ-9").Status);
        Assert.Equal(DueStatus.Due, MeasureSchedule.For(facts, Settings, last.AddDays(7)).Single(d => d.Label == "Weekly PHQ-9").Status);
        Assert.DoesNotContain(MeasureSchedule.For(facts, Settings with { WeeklyPhq9DuringDosing = false }, last.AddDays(8)), d => d.Label == "Weekly PHQ-9");
        Assert.DoesNotContain(MeasureSchedule.For(facts with { InDosing = false }, Settings, last.AddDays(8)), d => d.Label == "Weekly PHQ-9");
    }

    [Fact]
    public void A_missing_baseline_is_due()
    {
        var schedule = MeasureSchedule.For(Facts(0, [(Instrument.Phq9, Opened)]), Settings, Opened.AddDays(1));

        Assert.Equal(DueStatus.Due, schedule.Single(d => d.Label == "Baseline").Status);
    }

    [Fact]
    public void A_due_point_names_the_instruments_still_outstanding_and_the_check_in_is_never_an_outcome_instrument()
    {
        var now = Dose(3).AddHours(30);
        var facts = Facts(3, [.. Baseline, (Instrument.Phq9, Dose(3).AddDays(1))]) with
        {
            Instruments = [Instrument.Phq9, Instrument.Gad7, Instrument.CssrsScreener, Instrument.NextDayCheckIn],
        };

        var schedule = MeasureSchedule.For(facts, Settings, now);

        var afterThree = schedule.Single(d => d.Label == "After dose 3");
        Assert.Equal([Instrument.Phq9, Instrument.Gad7], afterThree.Instruments);
        Assert.Equal([Instrument.Gad7], afterThree.Outstanding);
        Assert.Empty(schedule.Single(d => d.Label == "Baseline").Outstanding);
        Assert.Equal([Instrument.Gad7], MeasureSchedule.For(Facts(0, [(Instrument.Phq9, Opened)]), Settings, Opened).Single(d => d.Label == "Baseline").Outstanding);
        var nothingYet = Facts(0, [(Instrument.NextDayCheckIn, Opened)]) with { Instruments = [Instrument.NextDayCheckIn] };
        Assert.Equal([Instrument.Phq9], MeasureSchedule.For(nothingYet, Settings, Opened).Single(d => d.Label == "Baseline").Outstanding);
    }
}
