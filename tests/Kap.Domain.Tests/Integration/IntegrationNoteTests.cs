using Kap.Domain.Integration;

namespace Kap.Domain.Tests.Integration;

public sealed class IntegrationNoteTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);

    private static (IntegrationNote? Note, Common.DomainResult Result) Create(string? experience = "Felt held", IntegrationRiskCheck risk = IntegrationRiskCheck.NoConcerns,
        string? riskNote = null, DateTime? heldAt = null, DateTime? doseEnded = null, string? themes = null) =>
        IntegrationNote.Create(Guid.NewGuid(), Guid.NewGuid(), null, heldAt ?? Now.AddHours(-1), experience, " insight ", themes, null, risk, riskNote, Guid.NewGuid(), Now,
            doseEnded ?? Now.AddDays(-1));

    [Fact]
    public void A_complete_note_is_trimmed_and_its_themes_are_split_once_each()
    {
        var (note, result) = Create(themes: " grief, Connection ;grief\n nature ");
        Assert.True(result.IsSuccess);
        Assert.Equal("insight", note!.Insights);
        Assert.Equal(["grief", "Connection", "nature"], note.ThemeList);
        Assert.False(note.RequiresRiskAssessment);
    }

    [Fact]
    public void Every_missing_piece_is_named_at_once()
    {
        var (note, result) = Create(experience: " ", risk: IntegrationRiskCheck.ConcernRaised, heldAt: Now.AddHours(1));
        Assert.Null(note);
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Contains("experience"));
        Assert.Contains(result.Problems, p => p.Contains("what the patient said"));
        Assert.Contains(result.Problems, p => p.Contains("once it has been held"));
    }

    [Fact]
    public void A_raised_concern_with_its_account_requires_a_risk_assessment()
    {
        var (note, result) = Create(risk: IntegrationRiskCheck.ConcernRaised, riskNote: "Passive thoughts; safety plan reviewed");
        Assert.True(result.IsSuccess);
        Assert.True(note!.RequiresRiskAssessment);
    }

    [Fact]
    public void Integration_cannot_be_held_before_the_dose_it_follows_ended()
    {
        var (_, result) = Create(heldAt: Now.AddHours(-5), doseEnded: Now.AddHours(-4));
        Assert.Contains(result.Problems, p => p.Contains("before that dosing session ended"));
    }
}
