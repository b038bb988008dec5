using AngleSharp.Dom;
using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Portal.Questionnaires;
using Kap.Domain.Measures;
using Kap.Web.Components.Portal;
using Kap.Web.Tests.Infrastructure;
using Error = Kap.Application.Common.Results.Error;

namespace Kap.Web.Tests.Components.Portal;

/// <summary>
/// The questionnaire stepper in the portal: one question at a time, each answer saved as it is given, resumed after a reload
/// from the draft the server returns, the crisis panel the moment item 9 is answered above 0, a review, and the result.
/// The fake server keeps the draft the way the real one does, so a second render is a reload.
/// </summary>
public sealed class PortalQuestionnaireTests : KapComponentTest
{
    private static readonly Guid DraftId = Guid.NewGuid();

    private readonly Dictionary<Instrument, int?[]> _drafts = [];
    private readonly Dictionary<Instrument, int> _currentItem = [];

    public PortalQuestionnaireTests()
    {
        SignInAs("Pat Patient", KapRoles.Patient, KapPolicies.Patient, KapPolicies.Authenticated);
        Sender.On<GetMyQuestionnairesQuery, Result<IReadOnlyList<MyQuestionnaireDto>>>(_ => Result<IReadOnlyList<MyQuestionnaireDto>>.Success(
        [
            Item(Instrument.Phq9, "Your weekly mood check"),
            Item(Instrument.Gad7, "After dose 3 of your course"),
            Item(Instrument.NextDayCheckIn, "After your session on Tuesday 24 November"),
        ]));
        Sender.On<SaveQuestionnaireAnswerCommand, Result<MyDraftDto>>(c =>
        {
            var responses = _drafts.TryGetValue(c.Instrument, out var r) ? r : new int?[InstrumentCatalog.Get(c.Instrument).ItemCount];
            responses[c.Item - 1] = c.Value;
            _drafts[c.Instrument] = responses;
            _currentItem[c.Instrument] = c.CurrentItem;
            return Draft(c.Instrument)!;
        });
    }

    private MyDraftDto? Draft(Instrument instrument) => _drafts.TryGetValue(instrument, out var r)
        ? new MyDraftDto(DraftId, [.. r], _currentItem.GetValueOrDefault(instrument, 1), r.Count(v => v is not null), r.Length, Now.UtcDateTime)
        : null;

    private MyQuestionnaireDto Item(Instrument instrument, string why) =>
        new(instrument, MyQuestionnaires.Title(instrument), MyQuestionnaires.About(instrument), why, MyQuestionnaires.Minutes(instrument),
            InstrumentCatalog.Get(instrument).ItemCount, Draft(instrument));

    private IRenderedComponent<PortalQuestionnaire> Open(string slug) => RenderPage<PortalQuestionnaire>(p => p.Add(x => x.Slug, slug));

    private static IReadOnlyList<int> Shown(IRenderedComponent<PortalQuestionnaire> page) =>
        [.. page.FindAll("[data-testid=measure-item]").Select(f => int.Parse(f.GetAttribute("data-item")!, System.Globalization.CultureInfo.InvariantCulture))];

    private static void Choose(IRenderedComponent<PortalQuestionnaire> page, int item, int value) =>
        page.Find($"fieldset[data-item='{item}'] input[type=radio][data-value='{value}']").Click();

    private static bool IsChecked(IRenderedComponent<PortalQuestionnaire> page, int item, int value) =>
        page.Find($"fieldset[data-item='{item}'] input[type=radio][data-value='{value}']").HasAttribute("checked");

    [Fact]
    public void The_stepper_shows_one_question_at_a_time_and_saves_each_answer_as_it_is_given()
    {
        var page = Open("gad-7");

        Assert.Equal("Anxiety questionnaire (GAD-7)", page.Find("h1").TextContent.Trim());
        Assert.Contains("After dose 3 of your course · about 2 minutes", page.Find("[data-testid=why]").TextContent);
        Assert.Equal([1], Shown(page));
        Assert.Equal("Question 1 of 7", page.Find("[data-testid=progress]").TextContent.Trim());
        // Patients see the answers' words, not the scoring values.
        Assert.DoesNotContain("(0)", page.Find("fieldset[data-item='1']").TextContent);

        Choose(page, 1, 2);
        var first = Assert.Single(Sender.SentOf<SaveQuestionnaireAnswerCommand>());
        Assert.Equal(new SaveQuestionnaireAnswerCommand(Instrument.Gad7, null, 1, 2, 1), first);

        page.Find("[data-testid=next]").Click();
        Assert.Equal([2], Shown(page));
        Choose(page, 2, 3);
        Assert.Equal(new SaveQuestionnaireAnswerCommand(Instrument.Gad7, DraftId, 2, 3, 2), Sender.SentOf<SaveQuestionnaireAnswerCommand>()[1]);

        page.Find("[data-testid=back]").Click();
        Assert.Equal([1], Shown(page));
        Assert.True(IsChecked(page, 1, 2));
        Assert.Empty(Sender.SentOf<SubmitQuestionnaireCommand>());
    }

    [Fact]
    public async Task After_a_reload_the_form_resumes_at_the_saved_question_with_the_saved_answers()
    {
        var before = Open("phq-9");
        Choose(before, 1, 2);
        before.Find("[data-testid=next]").Click();
        Choose(before, 2, 1);
        before.Find("[data-testid=next]").Click();
        Choose(before, 3, 3);
        Assert.Equal(3, Sender.SentOf<SaveQuestionnaireAnswerCommand>().Count);

        // The tab is closed and opened again: the page is rendered anew from the draft the query returns.
        await DisposeComponentsAsync();
        var after = Open("phq-9");

        Assert.Equal(2, Sender.SentOf<GetMyQuestionnairesQuery>().Count);
        // It resumes at the first question still to answer, with every earlier answer kept.
        Assert.Equal([4], Shown(after));
        Assert.Equal("Question 4 of 9", after.Find("[data-testid=progress]").TextContent.Trim());
        Assert.Equal("Answered 3 of 9", after.Find("[data-testid=answered]").TextContent.Trim());
        after.Find("[data-testid=back]").Click();
        Assert.True(IsChecked(after, 3, 3));
        after.Find("[data-testid=back]").Click();
        Assert.True(IsChecked(after, 2, 1));
        after.Find("[data-testid=back]").Click();
        Assert.True(IsChecked(after, 1, 2));

        // The next answer goes to the same draft.
        after.Find("[data-testid=next]").Click();
        after.Find("[data-testid=next]").Click();
        after.Find("[data-testid=next]").Click();
        Choose(after, 4, 0);
        Assert.Equal(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, DraftId, 4, 0, 4), Sender.SentOf<SaveQuestionnaireAnswerCommand>()[^1]);
    }

    [Fact]
    public void The_crisis_panel_shows_as_soon_as_item_9_is_answered_above_0_before_anything_is_sent()
    {
        _drafts[Instrument.Phq9] = [1, 1, 1, 1, 0, 0, 0, 0, null];
        _currentItem[Instrument.Phq9] = 9;
        var page = Open("phq-9");
        Assert.Equal([9], Shown(page));
        Assert.Empty(page.FindAll("[data-testid=crisis-panel]"));

        Choose(page, 9, 1);

        var panel = page.Find("[data-testid=crisis-panel]");
        Assert.Equal("tel:988", panel.QuerySelector("a[data-testid=call-line]")!.GetAttribute("href"));
        Assert.Equal("sms:988", panel.QuerySelector("a[data-testid=text-line]")!.GetAttribute("href"));
        Assert.Contains("988 (Suicide & Crisis Lifeline, call or text)", panel.TextContent);
        Assert.Contains("the clinic's main number", panel.TextContent);
        Assert.NotNull(panel.QuerySelector("[role=alert]"));
        Assert.Empty(Sender.SentOf<SubmitQuestionnaireCommand>());

        // Changing the answer back does not take the numbers away during this visit.
        Choose(page, 9, 0);
        Assert.Single(page.FindAll("[data-testid=crisis-panel]"));
    }

    [Fact]
    public void A_yes_to_self_harm_on_the_check_in_shows_the_crisis_panel_and_a_very_low_mood_does_not()
    {
        var page = Open("check-in");
        Choose(page, 1, 0);
        Assert.Empty(page.FindAll("[data-testid=crisis-panel]"));

        for (var item = 2; item <= 7; item++)
        {
            page.Find("[data-testid=next]").Click();
        }

        Assert.Equal([7], Shown(page));
        Choose(page, 7, 1);
        Assert.Single(page.FindAll("[data-testid=crisis-panel]"));
    }

    [Fact]
    public void The_review_names_unanswered_questions_and_after_sending_the_result_is_given_in_plain_words()
    {
        _drafts[Instrument.Phq9] = [1, 1, 1, 1, 1, null, 1, 0, 0];
        _currentItem[Instrument.Phq9] = 9;
        Sender.On<SubmitQuestionnaireCommand, Result<QuestionnaireResultDto>>(_ => new QuestionnaireResultDto(Instrument.Phq9, "Mood questionnaire (PHQ-9)",
            "Your answers suggest mild symptoms of depression.", "Your score: 6 out of 27.", PatientWording.CareTeamWillLook, false, false));
        var page = Open("phq-9");

        page.Find("[data-testid=submit-measure]").Click();
        var review = page.Find("[data-testid=review]");
        Assert.Equal(9, review.QuerySelectorAll("[data-testid=review-item]").Length);
        Assert.Contains("Not answered", review.QuerySelector("[data-testid=review-item][data-item='6']")!.TextContent);
        Assert.Contains("Several days", review.QuerySelector("[data-testid=review-item][data-item='1']")!.TextContent);
        Assert.True(page.Find("[data-testid=send-answers]").HasAttribute("disabled"));

        // Change goes back to that question; answering it completes the form.
        page.FindAll("[data-testid=change]")[5].Click();
        Assert.Equal([6], Shown(page));
        Choose(page, 6, 2);
        page.Find("[data-testid=next]").Click();
        page.Find("[data-testid=next]").Click();
        page.Find("[data-testid=next]").Click();
        page.Find("[data-testid=submit-measure]").Click();
        Assert.Empty(page.FindAll("[data-testid=review-missing]"));
        page.Find("[data-testid=send-answers]").Click();

        Assert.Equal(new SubmitQuestionnaireCommand(Instrument.Phq9, DraftId), Assert.Single(Sender.SentOf<SubmitQuestionnaireCommand>()));
        var result = page.Find("[data-testid=questionnaire-result]");
        Assert.Equal("Your answers suggest mild symptoms of depression.", result.QuerySelector("[data-testid=result-headline]")!.TextContent.Trim());
        Assert.Equal("Your score: 6 out of 27.", result.QuerySelector("[data-testid=result-score]")!.TextContent.Trim());
        Assert.Contains("not a diagnosis", result.QuerySelector("[data-testid=result-next]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(result.QuerySelector("a[href='portal/scores']"));
        Assert.Empty(page.FindAll("[data-testid=measure-form]"));
    }

    [Fact]
    public void A_result_with_a_risk_answer_keeps_the_crisis_panel_and_says_the_care_team_was_told()
    {
        _drafts[Instrument.Phq9] = [0, 0, 0, 0, 0, 0, 0, 0, 2];
        _currentItem[Instrument.Phq9] = 9;
        Sender.On<SubmitQuestionnaireCommand, Result<QuestionnaireResultDto>>(_ => new QuestionnaireResultDto(Instrument.Phq9, "Mood questionnaire (PHQ-9)",
            "Your answers suggest minimal symptoms of depression. Some of your answers tell us you may be having thoughts of harming yourself.", "Your score: 2 out of 27.",
            PatientWording.CareTeamAlerted, true, true));
        var page = Open("phq-9");
        Assert.Single(page.FindAll("[data-testid=crisis-panel]"));

        page.Find("[data-testid=submit-measure]").Click();
        page.Find("[data-testid=send-answers]").Click();

        Assert.Contains("Your care team has been told", page.Find("[data-testid=crisis-panel]").TextContent);
        Assert.Equal(PatientWording.CareTeamAlerted, page.Find("[data-testid=result-next]").TextContent.Trim());
    }

    [Fact]
    public void An_answer_that_could_not_be_saved_says_so_and_is_sent_again_on_try_again()
    {
        var fail = true;
        Sender.On<SaveQuestionnaireAnswerCommand, Result<MyDraftDto>>(c => fail
            ? new Error(ErrorKind.Unexpected, "Something went wrong and nothing was saved.")
            : new MyDraftDto(DraftId, [2, null, null, null, null, null, null], 1, 1, 7, Now.UtcDateTime));
        var page = Open("gad-7");

        Choose(page, 1, 2);
        Assert.Contains("Your last answer was not saved", page.Find("[data-testid=save-error]").TextContent);

        fail = false;
        page.Find("[data-testid=retry-save]").Click();
        Assert.Equal(2, Sender.SentOf<SaveQuestionnaireAnswerCommand>().Count);
        Assert.Equal(Sender.SentOf<SaveQuestionnaireAnswerCommand>()[0], Sender.SentOf<SaveQuestionnaireAnswerCommand>()[1]);
        Assert.Empty(page.FindAll("[data-testid=save-error]"));
    }

    [Fact]
    public void A_questionnaire_not_on_the_patients_list_is_not_offered()
    {
        var page = Open("pcl-5");
        Assert.Contains("not due now", page.Find("[data-testid=not-due]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=measure-form]"));

        var madrs = Render<PortalQuestionnaire>(p => p.Add(x => x.Slug, "madrs"));
        Assert.Single(madrs.FindAll("[data-testid=not-due]"));
    }
}
