using Kap.Application.Common.Results;
using Kap.Application.Features.Dosing;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Domain.Measures;

namespace Kap.Application.Tests.Features.Dosing;

/// <summary>The measure schedule read from the course's doses and questionnaires, with the clock moved by a FakeTimeProvider.</summary>
public sealed class DueMeasuresTests : DosingTest
{
    [Fact]
    public async Task Baseline_is_done_and_the_weekly_phq9_comes_due_a_week_after_the_last_one()
    {
        var course = await CourseInDosingAsync();

        var now = (await _app.SendAsync(new GetDueMeasuresQuery(course))).Value;
        Assert.Equal(DueStatus.Done, now.Single(d => d.Label == "Baseline").Status);
        Assert.Equal("PHQ-9, GAD-7", now.Single(d => d.Label == "Baseline").Instruments);
        Assert.Equal(DueStatus.Upcoming, now.Single(d => d.Label == "Weekly PHQ-9").Status);

        Advance(TimeSpan.FromDays(7).TotalMinutes);
        var weekLater = (await _app.SendAsync(new GetDueMeasuresQuery(course))).Value;
        Assert.Equal(DueStatus.Due, weekLater.Single(d => d.Label == "Weekly PHQ-9").Status);
    }

    [Fact]
    public async Task After_the_third_dose_the_course_measures_are_due_until_recorded()
    {
        var course = await CourseInDosingAsync();
        for (var dose = 1; dose <= 3; dose++)
        {
            await GiveDoseAsync();
            Advance(TimeSpan.FromHours(48).TotalMinutes);
        }

        var due = (await _app.SendAsync(new GetDueMeasuresQuery(course))).Value;
        Assert.Equal(DueStatus.Due, due.Single(d => d.Label == "After dose 3").Status);
        Assert.DoesNotContain(due, d => d.Label == "After dose 6");

        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Phq9, [1, 1, 1, 1, 1, 0, 0, 0, 0])));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Gad7, [1, 1, 0, 0, 1, 0, 0])));
        var done = (await _app.SendAsync(new GetDueMeasuresQuery(course))).Value;
        Assert.Equal(DueStatus.Done, done.Single(d => d.Label == "After dose 3").Status);
    }
}
