using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Integration;
using Kap.Domain.Courses;
using Kap.Domain.Integration;
using Kap.Web.Components.Pages.Integration;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Integration;

public sealed class IntegrationPanelTests : KapComponentTest
{
    private static readonly Guid CourseId = Guid.NewGuid();
    private static readonly DosedSessionOption First = new(Guid.NewGuid(), 1, new DateTime(2026, 11, 20, 14, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 20, 16, 0, 0, DateTimeKind.Utc), "IV infusion");
    private static readonly DosedSessionOption Second = new(Guid.NewGuid(), 2, new DateTime(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 23, 16, 0, 0, DateTimeKind.Utc), "IV infusion");

    private static IntegrationNoteDto NoteDto(bool visible) => new(Guid.NewGuid(), First.Id, "After dosing session 1", null, new DateTime(2026, 11, 21, 15, 0, 0, DateTimeKind.Utc),
        visible ? "Saw her grief clearly" : null, visible ? "Love with nowhere to go" : null, visible ? ["grief", "connection"] : [], visible ? "Journal daily" : null,
        IntegrationRiskCheck.ConcernRaised, visible ? "Passive thoughts; safety plan" : null, "Terry Therapist", new DateTime(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc));

    private void Returns(bool visible, params IntegrationNoteDto[] notes) =>
        Sender.On<GetIntegrationQuery, Result<IntegrationDto>>(_ => new IntegrationDto(CourseId, CoursePhase.Dosing, notes, [First, Second], [], visible, visible));

    [Fact]
    public void The_therapist_sees_each_note_under_the_dose_it_follows_with_its_content_and_risk_check()
    {
        Returns(true, NoteDto(true));
        var panel = RenderPage<IntegrationPanel>(p => p.Add(x => x.CourseId, CourseId));

        Assert.Equal("After dosing session 1", panel.Find("#integration h3").TextContent);
        var note = panel.Find("[data-testid=integration-note]");
        Assert.Contains("21 Nov 2026, 10:00", note.TextContent);
        Assert.Contains("Saw her grief clearly", note.TextContent);
        Assert.Contains("Journal daily", note.TextContent);
        Assert.Contains("Risk concern raised", note.TextContent);
        Assert.Equal(["grief", "connection"], note.QuerySelectorAll(".mud-chip-content").Skip(1).Select(c => c.TextContent.Trim()));
        Assert.NotEmpty(panel.FindAll("[data-testid=write-integration-note]"));
    }

    [Fact]
    public void A_nurse_practitioner_sees_that_a_session_was_noted_and_its_risk_check_but_no_content_and_no_form()
    {
        SignInAs("Nora Practitioner", KapRoles.NursePractitioner, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.Prescriber);
        Returns(false, NoteDto(false));
        var panel = RenderPage<IntegrationPanel>(p => p.Add(x => x.CourseId, CourseId));

        Assert.Contains("the content is for the therapist", panel.Markup);
        var note = panel.Find("[data-testid=integration-note]");
        Assert.Contains("Risk concern raised", note.TextContent);
        Assert.Empty(note.QuerySelectorAll("dl"));
        Assert.Empty(panel.FindAll("[data-testid=write-integration-note]"));
    }

    [Fact]
    public void The_form_follows_the_latest_dose_by_default_requires_the_risk_check_and_sends_the_note()
    {
        Returns(true);
        RecordIntegrationNoteCommand? sent = null;
        Sender.On<RecordIntegrationNoteCommand, Result<Guid>>(c =>
        {
            sent = c;
            return Guid.NewGuid();
        });
        var panel = RenderPage<IntegrationPanel>(p => p.Add(x => x.CourseId, CourseId));
        Assert.Contains("No integration notes yet.", panel.Markup);

        panel.Find("[data-testid=write-integration-note]").Click();
        panel.Find("#integration-experience").Change("Felt spacious and calm");
        panel.Find("#integration-themes").Change("calm, space");
        panel.Find("[data-testid=save-integration-note]").Click();
        Assert.Contains("Record the risk check", panel.Find("[data-testid=integration-error]").TextContent);
        Assert.Null(sent);

        panel.Find("input[data-testid=risk-concern]").Click();
        Assert.Contains("stays on the risk alerts", panel.Markup);
        panel.Find("#integration-risk-note").Change("Spoke of not wanting to wake up; safety plan made");
        panel.Find("[data-testid=save-integration-note]").Click();

        Assert.NotNull(sent);
        Assert.Equal(new RecordIntegrationNoteCommand(CourseId, Second.Id, null, null, "Felt spacious and calm", null, "calm, space", null,
            IntegrationRiskCheck.ConcernRaised, "Spoke of not wanting to wake up; safety plan made"), sent);
        Assert.Empty(panel.FindAll("[data-testid=integration-form]"));
        Assert.Equal(2, Sender.SentOf<GetIntegrationQuery>().Count);
    }

    [Fact]
    public void A_refusal_is_shown_and_the_form_stays_open()
    {
        Returns(true);
        Sender.On<RecordIntegrationNoteCommand, Result<Guid>>(_ => Error.Rule("Integration follows dosing: this course has no dosing session with a dose given yet."));
        var panel = RenderPage<IntegrationPanel>(p => p.Add(x => x.CourseId, CourseId));
        panel.Find("[data-testid=write-integration-note]").Click();
        panel.Find("#integration-experience").Change("Calm");
        panel.Find("input[data-testid=risk-none]").Click();
        panel.Find("[data-testid=save-integration-note]").Click();
        Assert.Contains("no dosing session with a dose given", panel.Find("[data-testid=integration-error]").TextContent);
        Assert.NotEmpty(panel.FindAll("[data-testid=integration-form]"));
    }
}
