namespace Kap.Domain.Measures;

/// <summary>The clinic's outcome-measure schedule (domain.md §5), each number a setting.</summary>
public sealed record MeasureScheduleSettings
{
    /// <summary>Repeat the course's measures after these dose numbers [S: HASSAN].</summary>
    public IReadOnlyList<int> AfterDoses { get; init; } = [3, 6];

    /// <summary>PHQ-9 every week while the course is in Dosing [U].</summary>
    public bool WeeklyPhq9DuringDosing { get; init; } = true;

    /// <summary>Post-course follow-ups, months after completion [C: K3].</summary>
    public IReadOnlyList<int> FollowUpMonths { get; init; } = [1, 3];

    /// <summary>How early a measure may be taken and still count for its point (a follow-up a few days early counts) [U].</summary>
    public int EarlyWindowDays { get; init; } = 7;
}

public enum DueStatus
{
    Done = 0,
    Due = 1,
    Upcoming = 2,
}

/// <summary>One point of the schedule: what to take, from when, and whether it has been.</summary>
public sealed record DueMeasure(string Label, IReadOnlyList<Instrument> Instruments, DateTime DueFromUtc, DueStatus Status)
{
    /// <summary>The point's instruments not yet taken for it (empty when done): what the patient portal offers for a due point.</summary>
    public IReadOnlyList<Instrument> Outstanding { get; init; } = [];
}

/// <param name="DoseTimesUtc">When each dose of the course was given (the first administration of each dosed session), oldest first.</param>
/// <param name="Instruments">The course's outcome instruments: those taken at baseline (never the C-SSRS screener).</param>
/// <param name="Taken">Every valid measure of the course: instrument and when.</param>
public sealed record MeasureScheduleFacts(
    DateTime CourseOpenedUtc,
    IReadOnlyList<DateTime> DoseTimesUtc,
    DateTime? DosingEnteredUtc,
    bool InDosing,
    DateTime? CompletedUtc,
    IReadOnlyList<Instrument> Instruments,
    IReadOnlyList<(Instrument Instrument, DateTime AtUtc)> Taken);

/// <summary>
/// When outcome measures are due (domain.md §5): baseline before the first dose, after doses 3 and 6, at
/// the end of the course, 1 and 3 months after it, and a PHQ-9 weekly during Dosing. A point is done when
/// every instrument of the course has been taken since it became due (or within the early window before).
/// </summary>
public static class MeasureSchedule
{
    public static IReadOnlyList<DueMeasure> For(MeasureScheduleFacts facts, MeasureScheduleSettings settings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);
        // The screener and the next-day check-in have no total: they are not outcome measures to repeat.
        var instruments = facts.Instruments.Where(i => i is not (Instrument.CssrsScreener or Instrument.NextDayCheckIn)).Distinct().ToList();
        if (instruments.Count == 0)
        {
            instruments = [Instrument.Phq9];
        }

        var early = TimeSpan.FromDays(settings.EarlyWindowDays);
        var list = new List<DueMeasure>();

        var firstDose = facts.DoseTimesUtc.Count > 0 ? facts.DoseTimesUtc[0] : (DateTime?)null;
        var baselineOutstanding = instruments.Where(i => !facts.Taken.Any(t => t.Instrument == i && (firstDose is null || t.AtUtc <= firstDose))).ToList();
        list.Add(new DueMeasure("Baseline", instruments, facts.CourseOpenedUtc, baselineOutstanding.Count == 0 ? DueStatus.Done : DueStatus.Due)
        {
            Outstanding = baselineOutstanding,
        });

        foreach (var dose in settings.AfterDoses.Where(d => d >= 1).Distinct().Order())
        {
            if (dose > facts.DoseTimesUtc.Count)
            {
                continue;
            }

            var from = facts.DoseTimesUtc[dose - 1];
            list.Add(Point($"After dose {dose}", instruments, from, TimeSpan.Zero));
        }

        if (facts.CompletedUtc is { } completed)
        {
            list.Add(Point("End of course", instruments, completed, early));
            foreach (var months in settings.FollowUpMonths.Where(m => m >= 1).Distinct().Order())
            {
                list.Add(Point($"{months}-month follow-up", instruments, completed.AddMonths(months), early));
            }
        }

        if (settings.WeeklyPhq9DuringDosing && facts.InDosing)
        {
            var lastPhq9 = facts.Taken.Where(t => t.Instrument == Instrument.Phq9).Select(t => (DateTime?)t.AtUtc).Max();
            var start = facts.DosingEnteredUtc ?? nowUtc;
            var due = (lastPhq9 is { } last && last > start ? last : start).AddDays(7);
            list.Add(new DueMeasure("Weekly PHQ-9", [Instrument.Phq9], due, nowUtc >= due ? DueStatus.Due : DueStatus.Upcoming) { Outstanding = [Instrument.Phq9] });
        }

        return list;

        DueMeasure Point(string label, IReadOnlyList<Instrument> which, DateTime from, TimeSpan countsFromBefore)
        {
            var outstanding = which.Where(i => !facts.Taken.Any(t => t.Instrument == i && t.AtUtc >= from - countsFromBefore)).ToList();
            var status = outstanding.Count == 0 ? DueStatus.Done : nowUtc >= from - countsFromBefore ? DueStatus.Due : DueStatus.Upcoming;
            return new DueMeasure(label, which, from, status) { Outstanding = outstanding };
        }
    }
}
