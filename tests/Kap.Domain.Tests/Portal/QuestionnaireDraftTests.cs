using Kap.Domain.Measures;
using Kap.Domain.Portal;

namespace Kap.Domain.Tests.Portal;

/// <summary>A portal draft saved answer by answer, checked against the catalogue's items and skip logic.</summary>
public sealed class QuestionnaireDraftTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);

    private static QuestionnaireDraft Draft(Instrument instrument) => new(Guid.NewGuid(), Guid.NewGuid(), instrument, T0);

    [Fact]
    public void Answers_are_kept_one_by_one_in_a_full_response_set_with_the_current_item()
    {
        var draft = Draft(Instrument.Phq9);

        Assert.True(draft.Answer(1, 2, 1, T0.AddMinutes(1)).IsSuccess);
        Assert.True(draft.Answer(3, 1, 3, T0.AddMinutes(2)).IsSuccess);
        Assert.True(draft.Answer(3, 1, 3, T0.AddMinutes(3)).IsSuccess);

        Assert.Equal([2, null, 1, null, null, null, null, null, null], draft.ResponseSet());
        Assert.Equal(3, draft.CurrentItem);
        Assert.Equal(T0.AddMinutes(3), draft.UpdatedAtUtc);
        Assert.Equal([2, 4, 5, 6, 7, 8, 9], draft.Unanswered().Select(i => i.Number));
    }

    [Fact]
    public void An_item_or_value_outside_the_catalogue_is_refused_and_changes_nothing()
    {
        var draft = Draft(Instrument.Gad7);
        Assert.True(draft.Answer(1, 3, 1, T0).IsSuccess);

        Assert.Equal(["The GAD-7 has questions 1 to 7."], draft.Answer(8, 0, 8, T0).Problems);
        Assert.Equal(["Choose one of the answers to question 2."], draft.Answer(2, 4, 2, T0).Problems);
        Assert.False(draft.Answer(0, 0, 1, T0).IsSuccess);
        Assert.False(draft.Answer(2, -1, 2, T0).IsSuccess);
        Assert.Equal([3, null, null, null, null, null, null], draft.ResponseSet());
    }

    [Fact]
    public void The_cssrs_skip_logic_refuses_questions_not_asked_and_clears_them_when_question_2_turns_to_no()
    {
        var draft = Draft(Instrument.CssrsScreener);
        Assert.True(draft.Answer(1, 1, 1, T0).IsSuccess);
        Assert.Equal(["Question 3 is not asked after your earlier answers."], draft.Answer(3, 1, 3, T0).Problems);

        Assert.True(draft.Answer(2, 1, 2, T0).IsSuccess);
        Assert.True(draft.Answer(3, 1, 3, T0).IsSuccess);
        Assert.Equal([4, 5, 6], draft.Unanswered().Select(i => i.Number));

        Assert.True(draft.Answer(2, 0, 2, T0).IsSuccess);
        Assert.Equal([1, 0, null, null, null, null, null], draft.ResponseSet());
        Assert.Equal([6], draft.Unanswered().Select(i => i.Number));
    }
}
