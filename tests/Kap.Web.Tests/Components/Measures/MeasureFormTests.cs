using AngleSharp.Dom;
using Bunit;
using Kap.Domain.Measures;
using Kap.Web.Components.Measures;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Measures;

public sealed class MeasureFormTests : KapComponentTest
{
    private IReadOnlyList<int?>? _submitted;

    private IRenderedComponent<MeasureForm> RenderForm(Instrument instrument, bool oneAtATime = false) =>
        RenderPage<MeasureForm>(p => p
            .Add(x => x.Instrument, instrument)
            .Add(x => x.OneQuestionAtATime, oneAtATime)
            .Add(x => x.OnSubmit, (IReadOnlyList<int?> r) => _submitted = r));

    internal static IReadOnlyList<int> ShownItems(IRenderedComponent<MeasureForm> form) =>
        [.. form.FindAll("[data-testid=measure-item]").Select(f => int.Parse(f.GetAttribute("data-item")!, System.Globalization.CultureInfo.InvariantCulture))];

    internal static void Choose(IRenderedComponent<MeasureForm> form, int item, int value) =>
        form.Find($"fieldset[data-item='{item}'] input[type=radio][data-value='{value}']").Click();

    private static bool IsChecked(IRenderedComponent<MeasureForm> form, int item, int value) =>
        form.Find($"fieldset[data-item='{item}'] input[type=radio][data-value='{value}']").HasAttribute("checked");

    [Fact]
    public void A_phq9_shows_nine_labelled_items_with_four_options_each_and_the_instructions()
    {
        var form = RenderForm(Instrument.Phq9);

        var items = form.FindAll("fieldset[data-testid=measure-item]");
        Assert.Equal(9, items.Count);
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrWhiteSpace(item.QuerySelector("legend")!.TextContent));
            var radios = item.QuerySelectorAll("input[type=radio]");
            Assert.Equal(4, radios.Length);
            foreach (var radio in radios)
            {
                var label = radio.Closest("label");
                Assert.NotNull(label);
                Assert.False(string.IsNullOrWhiteSpace(label!.TextContent));
            }
        }

        Assert.Contains("Not at all", items[0].TextContent);
        Assert.Equal(InstrumentCatalog.Phq9.Instructions, form.Find("[data-testid=instructions]").TextContent.Trim());
        Assert.Equal(InstrumentCatalog.Phq9.RecallPeriod, form.Find("[data-testid=recall-period]").TextContent.Trim());
        Assert.Equal("Answered 0 of 9", form.Find("[data-testid=answered]").TextContent.Trim());
    }

    [Fact]
    public void Submitting_a_complete_form_raises_the_answers_in_item_order()
    {
        var form = RenderForm(Instrument.Phq9);
        int[] answers = [0, 1, 2, 3, 0, 1, 2, 3, 0];

        for (var i = answers.Length - 1; i >= 0; i--)
        {
            Choose(form, i + 1, answers[i]);
        }

        Assert.Equal("Answered 9 of 9", form.Find("[data-testid=answered]").TextContent.Trim());
        Assert.True(IsChecked(form, 4, 3));
        form.Find("[data-testid=submit-measure]").Click();

        Assert.NotNull(_submitted);
        Assert.Equal(answers.Select(a => (int?)a), _submitted);
        Assert.Empty(form.FindAll("[data-testid=confirm-incomplete]"));
    }

    [Fact]
    public void Submitting_with_unanswered_items_asks_for_confirmation_first()
    {
        var form = RenderForm(Instrument.Gad7);
        Choose(form, 1, 2);

        form.Find("[data-testid=submit-measure]").Click();

        Assert.Null(_submitted);
        Assert.Contains("6 items unanswered: the score will be invalid", form.Find("[data-testid=confirm-incomplete]").TextContent);

        form.Find("[data-testid=submit-anyway]").Click();

        Assert.NotNull(_submitted);
        Assert.Equal(7, _submitted!.Count);
        Assert.Equal(2, _submitted[0]);
        Assert.All(_submitted.Skip(1), v => Assert.Null(v));
    }

    [Fact]
    public void The_cssrs_asks_questions_3_to_5_only_after_a_yes_to_question_2()
    {
        var form = RenderForm(Instrument.CssrsScreener);
        Assert.Equal([1, 2, 6], ShownItems(form));
        Assert.Equal("Answered 0 of 3", form.Find("[data-testid=answered]").TextContent.Trim());

        Choose(form, 2, 1);
        Assert.Equal([1, 2, 3, 4, 5, 6], ShownItems(form));

        Choose(form, 3, 1);
        Choose(form, 2, 0);
        Assert.Equal([1, 2, 6], ShownItems(form));

        // Answering yes again shows question 3 unanswered: the hidden answer was cleared.
        Choose(form, 2, 1);
        Assert.False(IsChecked(form, 3, 1));
        Assert.False(IsChecked(form, 3, 0));
    }

    [Fact]
    public void The_cssrs_asks_the_past_3_months_follow_up_only_after_a_yes_to_question_6()
    {
        var form = RenderForm(Instrument.CssrsScreener);
        Assert.DoesNotContain(7, ShownItems(form));

        Choose(form, 6, 1);
        Assert.Contains(7, ShownItems(form));
        Assert.Contains("Was this within the past 3 months?", form.Find("fieldset[data-item='7'] legend").TextContent);
        Choose(form, 7, 1);

        Choose(form, 6, 0);
        Assert.DoesNotContain(7, ShownItems(form));
        Choose(form, 1, 0);
        Choose(form, 2, 0);
        form.Find("[data-testid=submit-measure]").Click();

        Assert.Equal([0, 0, null, null, null, 0, null], _submitted);
    }

    [Fact]
    public void One_question_at_a_time_moves_with_next_and_back_and_keeps_answers()
    {
        var form = RenderForm(Instrument.Gad7, oneAtATime: true);
        Assert.Equal([1], ShownItems(form));
        Assert.Equal("Question 1 of 7", form.Find("[data-testid=progress]").TextContent.Trim());
        Assert.True(form.Find("[data-testid=back]").HasAttribute("disabled"));

        Choose(form, 1, 2);
        form.Find("[data-testid=next]").Click();
        Assert.Equal([2], ShownItems(form));
        Assert.Equal("Question 2 of 7", form.Find("[data-testid=progress]").TextContent.Trim());
        Choose(form, 2, 3);

        form.Find("[data-testid=back]").Click();
        Assert.Equal([1], ShownItems(form));
        Assert.True(IsChecked(form, 1, 2));
        form.Find("[data-testid=next]").Click();
        Assert.True(IsChecked(form, 2, 3));
        Assert.Equal("Answered 2 of 7", form.Find("[data-testid=answered]").TextContent.Trim());

        for (var i = 3; i <= 7; i++)
        {
            form.Find("[data-testid=next]").Click();
            Choose(form, i, 1);
        }

        Assert.Empty(form.FindAll("[data-testid=next]"));
        form.Find("[data-testid=submit-measure]").Click();
        Assert.Equal([2, 3, 1, 1, 1, 1, 1], _submitted);
    }
}
