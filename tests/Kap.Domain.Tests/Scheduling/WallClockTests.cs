using Kap.Domain.Scheduling;

namespace Kap.Domain.Tests.Scheduling;

/// <summary>
/// America/New_York: EST is UTC−5, EDT is UTC−4. In 2027 clocks spring forward on Sunday 14 March
/// (02:00 → 03:00) and fall back on Sunday 7 November (02:00 → 01:00).
/// </summary>
public sealed class WallClockTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static DateTime Wall(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    [Fact]
    public void A_winter_wall_clock_time_is_five_hours_behind_utc()
    {
        var utc = WallClock.ToUtc(Wall(2027, 1, 20, 10), NewYork);

        Assert.Equal(Utc(2027, 1, 20, 15), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void A_summer_wall_clock_time_is_four_hours_behind_utc()
    {
        var utc = WallClock.ToUtc(Wall(2027, 7, 1, 10), NewYork);

        Assert.Equal(Utc(2027, 7, 1, 14), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void The_kind_of_the_wall_clock_time_passed_in_is_ignored()
    {
        var fromUtcKind = WallClock.ToUtc(new DateTime(2027, 1, 20, 10, 0, 0, DateTimeKind.Utc), NewYork);
        var fromLocalKind = WallClock.ToUtc(new DateTime(2027, 1, 20, 10, 0, 0, DateTimeKind.Local), NewYork);

        Assert.Equal(Utc(2027, 1, 20, 15), fromUtcKind);
        Assert.Equal(Utc(2027, 1, 20, 15), fromLocalKind);
    }

    [Theory]
    [InlineData(2, 0, 3, 0)]
    [InlineData(2, 30, 3, 30)]
    [InlineData(2, 59, 3, 59)]
    public void A_time_in_the_spring_forward_gap_moves_forward_by_the_gap(int hour, int minute, int edtHour, int edtMinute)
    {
        Assert.True(NewYork.IsInvalidTime(Wall(2027, 3, 14, hour, minute)));

        var utc = WallClock.ToUtc(Wall(2027, 3, 14, hour, minute), NewYork);

        // 03:30 EDT is 07:30 UTC.
        Assert.Equal(Utc(2027, 3, 14, edtHour + 4, edtMinute), utc);
        Assert.Equal(Wall(2027, 3, 14, edtHour, edtMinute), WallClock.ToLocal(utc, NewYork));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void The_times_either_side_of_the_spring_forward_gap_are_one_hour_apart()
    {
        var before = WallClock.ToUtc(Wall(2027, 3, 14, 1, 59), NewYork);
        var after = WallClock.ToUtc(Wall(2027, 3, 14, 3, 0), NewYork);

        Assert.Equal(Utc(2027, 3, 14, 6, 59), before);
        Assert.Equal(Utc(2027, 3, 14, 7, 0), after);
    }

    [Fact]
    public void An_ambiguous_fall_back_time_means_its_first_daylight_occurrence()
    {
        Assert.True(NewYork.IsAmbiguousTime(Wall(2027, 11, 7, 1, 30)));

        var utc = WallClock.ToUtc(Wall(2027, 11, 7, 1, 30), NewYork);

        // 01:30 EDT (−4), not 01:30 EST (06:30 UTC).
        Assert.Equal(Utc(2027, 11, 7, 5, 30), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void Both_occurrences_of_an_ambiguous_time_read_back_as_the_same_wall_clock_time()
    {
        Assert.Equal(Wall(2027, 11, 7, 1, 30), WallClock.ToLocal(Utc(2027, 11, 7, 5, 30), NewYork));
        Assert.Equal(Wall(2027, 11, 7, 1, 30), WallClock.ToLocal(Utc(2027, 11, 7, 6, 30), NewYork));
    }

    [Fact]
    public void The_hour_after_the_fall_back_is_standard_time()
    {
        Assert.Equal(Utc(2027, 11, 7, 7, 0), WallClock.ToUtc(Wall(2027, 11, 7, 2, 0), NewYork));
    }

    [Fact]
    public void ToLocal_converts_utc_to_the_zone_and_accepts_an_unspecified_kind()
    {
        Assert.Equal(Wall(2027, 1, 20, 10), WallClock.ToLocal(Utc(2027, 1, 20, 15), NewYork));
        Assert.Equal(Wall(2027, 7, 1, 10), WallClock.ToLocal(new DateTime(2027, 7, 1, 14, 0, 0, DateTimeKind.Unspecified), NewYork));
    }

    [Fact]
    public void AddLocalDays_on_ordinary_days_is_whole_days_of_elapsed_time()
    {
        var start = Utc(2027, 1, 20, 15);

        Assert.Equal(Utc(2027, 1, 19, 15), WallClock.AddLocalDays(start, -1, NewYork));
        Assert.Equal(Utc(2027, 1, 17, 15), WallClock.AddLocalDays(start, -3, NewYork));
        Assert.Equal(Utc(2027, 1, 21, 15), WallClock.AddLocalDays(start, 1, NewYork));
    }

    [Fact]
    public void AddLocalDays_back_over_the_spring_forward_night_keeps_the_wall_clock_time_and_is_23_hours()
    {
        // 10:00 EDT on Sunday 14 March; the day before at the same time is 10:00 EST on Saturday 13 March.
        var sunday = WallClock.ToUtc(Wall(2027, 3, 14, 10), NewYork);

        var saturday = WallClock.AddLocalDays(sunday, -1, NewYork);

        Assert.Equal(Utc(2027, 3, 14, 14), sunday);
        Assert.Equal(Utc(2027, 3, 13, 15), saturday);
        Assert.Equal(Wall(2027, 3, 13, 10), WallClock.ToLocal(saturday, NewYork));
        Assert.Equal(TimeSpan.FromHours(23), sunday - saturday);
    }

    [Fact]
    public void AddLocalDays_from_the_day_after_the_change_to_the_day_of_the_change_is_24_hours()
    {
        // Both 10:00 on Monday 15 March and 10:00 on Sunday 14 March are EDT: the change was at 02:00 on the 14th.
        var monday = WallClock.ToUtc(Wall(2027, 3, 15, 10), NewYork);

        var sunday = WallClock.AddLocalDays(monday, -1, NewYork);

        Assert.Equal(Wall(2027, 3, 14, 10), WallClock.ToLocal(sunday, NewYork));
        Assert.Equal(TimeSpan.FromHours(24), monday - sunday);
    }

    [Fact]
    public void AddLocalDays_forward_over_the_spring_forward_night_is_23_hours()
    {
        var saturday = WallClock.ToUtc(Wall(2027, 3, 13, 10), NewYork);

        var sunday = WallClock.AddLocalDays(saturday, 1, NewYork);

        Assert.Equal(Wall(2027, 3, 14, 10), WallClock.ToLocal(sunday, NewYork));
        Assert.Equal(TimeSpan.FromHours(23), sunday - saturday);
    }

    [Fact]
    public void AddLocalDays_three_days_back_over_the_spring_forward_night_is_71_hours()
    {
        var monday = WallClock.ToUtc(Wall(2027, 3, 15, 10), NewYork);

        var friday = WallClock.AddLocalDays(monday, -3, NewYork);

        Assert.Equal(Wall(2027, 3, 12, 10), WallClock.ToLocal(friday, NewYork));
        Assert.Equal(TimeSpan.FromHours(71), monday - friday);
    }

    [Fact]
    public void AddLocalDays_back_over_the_fall_back_night_keeps_the_wall_clock_time_and_is_25_hours()
    {
        // 10:00 EST on Sunday 7 November; the day before at 10:00 is EDT.
        var sunday = WallClock.ToUtc(Wall(2027, 11, 7, 10), NewYork);

        var saturday = WallClock.AddLocalDays(sunday, -1, NewYork);

        Assert.Equal(Utc(2027, 11, 7, 15), sunday);
        Assert.Equal(Utc(2027, 11, 6, 14), saturday);
        Assert.Equal(TimeSpan.FromHours(25), sunday - saturday);
    }

    [Fact]
    public void AddLocalDays_landing_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        // 02:30 EST on Saturday 13 March; 02:30 on the 14th does not exist, so it becomes 03:30 EDT.
        var saturday = WallClock.ToUtc(Wall(2027, 3, 13, 2, 30), NewYork);

        var sunday = WallClock.AddLocalDays(saturday, 1, NewYork);

        Assert.Equal(Utc(2027, 3, 14, 7, 30), sunday);
        Assert.Equal(Wall(2027, 3, 14, 3, 30), WallClock.ToLocal(sunday, NewYork));
    }

    [Fact]
    public void AddLocalDays_landing_on_an_ambiguous_time_takes_the_first_occurrence()
    {
        // 01:30 EDT on Saturday 6 November → 01:30 on Sunday 7 November, first (EDT) occurrence: exactly 24 h later.
        var saturday = WallClock.ToUtc(Wall(2027, 11, 6, 1, 30), NewYork);

        var sunday = WallClock.AddLocalDays(saturday, 1, NewYork);

        Assert.Equal(Utc(2027, 11, 7, 5, 30), sunday);
        Assert.Equal(TimeSpan.FromHours(24), sunday - saturday);
    }

    [Fact]
    public void AddLocalDays_of_zero_is_the_same_instant()
    {
        var at = Utc(2027, 3, 14, 14);

        Assert.Equal(at, WallClock.AddLocalDays(at, 0, NewYork));
    }
}
