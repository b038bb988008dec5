using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Portal.Questionnaires;
using Kap.Domain.Measures;
using Kap.Web.Components.Portal;
using Kap.Web.Tests.Infrastructure;
using Error = Kap.Application.Common.Results.Error;

namespace Kap.Web.Tests.Components.Portal;

/// <summary>The portal's questionnaire list and the patient's scores page.</summary>
public sealed class PortalQuestionnairesListTests : KapComponentTest
{
    public PortalQuestionnairesListTests() => SignInAs("Pat Patient", KapRoles.Patient, KapPolicies.Patient, KapPolicies.Authenticated);

    private static readonly DateTime T0 = new(2026, 9, 1, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_list_shows_what_is_due_why_about_how_long_and_continue_for_a_started_one()
    {
        Sender.On<GetMyQuestionnairesQuery, Result<IReadOnlyList<MyQuestionnaireDto>>>(_ => Result<IReadOnlyList<MyQuestionnaireDto>>.Success(
        [
            new(Instrument.NextDayCheckIn, "Next-day check-in", MyQuestionnaires.About(Instrument.NextDayCheckIn), "After your session on Tuesday 24 November", 2, 7, null),
            new(Instrument.Phq9, "Mood questionnaire (PHQ-9)", MyQuestionnaires.About(Instrument.Phq9), "Your weekly mood check", 3, 9,
                new MyDraftDto(Guid.NewGuid(), [1, 2, 0, null, null, null, null, null, null], 3, 3, 9, T0)),
        ]));

        var page = RenderPage<PortalQuestionnaires>();

        var items = page.FindAll("[data-testid=questionnaire]");
        Assert.Equal(2, items.Count);
        Assert.Equal("Next-day check-in", items[0].QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("After your session on Tuesday 24 November", items[0].QuerySelector("[data-testid=why]")!.TextContent.Trim());
        Assert.Contains("About 2 minutes · 7 questions", items[0].TextContent);
        var start = items[0].QuerySelector("a[data-testid=open-questionnaire]")!;
        Assert.Equal("portal/questionnaires/check-in", start.GetAttribute("href"));
        Assert.Equal("Start", start.TextContent.Trim());
        Assert.Null(items[0].QuerySelector("[data-testid=progress]"));

        var resume = items[1].QuerySelector("a[data-testid=open-questionnaire]")!;
        Assert.Equal("portal/questionnaires/phq-9", resume.GetAttribute("href"));
        Assert.Equal("Continue", resume.TextContent.Trim());
        Assert.Equal("You have answered 3 of 9 questions.", items[1].QuerySelector("[data-testid=progress]")!.TextContent.Trim());
        Assert.Contains("988", page.Find("[data-testid=crisis-line]").TextContent);
        Assert.Equal("tel:988", page.Find("[data-testid=crisis-line] a").GetAttribute("href"));
    }

    [Fact]
    public void With_nothing_due_the_list_says_so()
    {
        Sender.On<GetMyQuestionnairesQuery, Result<IReadOnlyList<MyQuestionnaireDto>>>(_ => Result<IReadOnlyList<MyQuestionnaireDto>>.Success([]));

        var page = RenderPage<PortalQuestionnaires>();

        Assert.Contains("Nothing to fill in right now", page.Find("[data-testid=nothing-due]").TextContent);
    }

    [Fact]
    public void With_the_setting_off_the_scores_page_shows_the_clinics_message_and_no_chart()
    {
        Sender.On<GetMyScoresQuery, Result<MyScoresDto>>(_ => Error.Rule(GetMyScoresHandler.ScoresHidden));

        var page = RenderPage<PortalScores>();

        Assert.Equal(GetMyScoresHandler.ScoresHidden, page.Find("[data-testid=scores-hidden]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid^=trend-]"));
    }

    [Fact]
    public void The_scores_page_charts_the_patients_phq9_in_words_for_them()
    {
        var trend = MeasureTrends.Build(Instrument.Phq9,
            [new TakenMeasure(T0, true, 16, SeverityBand.ModeratelySevere), new TakenMeasure(T0.AddDays(26), true, 4, SeverityBand.Minimal)], [T0.AddDays(7)]);
        Sender.On<GetMyScoresQuery, Result<MyScoresDto>>(_ => new MyScoresDto(1, [trend]));

        var page = RenderPage<PortalScores>();

        var chart = page.Find("[data-testid=trend-Phq9]");
        Assert.Equal("Mood (PHQ-9)", chart.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("Your latest score is 4 (minimal), on 27 Sep 2026. That is 12 points lower than your score of 16 at the start.",
            chart.QuerySelector("[data-testid=trend-status]")!.TextContent.Trim());
        Assert.Contains("Lower scores mean fewer symptoms", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=response-reached]"));
        Assert.Equal(["Date", "After dose", "Score", "Range", "Change since the start"], chart.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.DoesNotContain("Remission", chart.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_dose_the_start_is_the_first_score_not_the_latest()
    {
        var trend = MeasureTrends.Build(Instrument.Phq9,
            [new TakenMeasure(T0, true, 13, SeverityBand.Moderate), new TakenMeasure(T0.AddDays(20), true, 3, SeverityBand.Minimal)], []);
        Sender.On<GetMyScoresQuery, Result<MyScoresDto>>(_ => new MyScoresDto(0, [trend]));

        var page = RenderPage<PortalScores>();

        var chart = page.FindComponent<Kap.Web.Components.Pages.Measures.MeasureTrendChart>();
        Assert.Equal("Your latest score is 3 (minimal), on 21 Sep 2026. That is 10 points lower than your score of 13 at the start.",
            chart.Find("[data-testid=trend-status]").TextContent.Trim());
        Assert.Contains("At the start 13", chart.Instance.Series.Select(x => x.Name));
        Assert.Contains("1 Sep 2026 (start)", chart.Find("[data-testid=trend-table]").TextContent, StringComparison.Ordinal);
    }
}
