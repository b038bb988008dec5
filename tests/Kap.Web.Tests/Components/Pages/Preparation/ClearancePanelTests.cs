using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Preparation.Clearance;
using Kap.Domain.Preparation;
using Kap.Web.Components.Pages.Preparation;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Preparation;

public sealed class ClearancePanelTests : KapComponentTest
{
    private static readonly Guid CourseId = Guid.NewGuid();
    private static readonly Guid ClearanceId = Guid.NewGuid();
    private static readonly Guid Version = Guid.NewGuid();

    private static ClearanceDto Draft(IReadOnlyList<ClearanceFindingDto>? findings = null, IReadOnlyList<string>? problems = null) => new(
        ClearanceId, Version, new ClearanceVitals(128, 82, 70, 72m, 176m), 23.2m, "No cardiac history.", "Penicillin", PregnancyStatus.NotApplicable,
        [new MedicationInput("Lorazepam", "1 mg", MedicationInteraction.Benzodiazepine)],
        ["Lorazepam: " + MedicationInteraction.Benzodiazepine.Describe()],
        findings ?? [],
        problems ?? [],
        null, null, false);

    private static ClearanceFindingDto Finding(Contraindication c, string? overrideReason = null) =>
        new(c, c.Kind(), c.Describe(), null, overrideReason, overrideReason is null ? null : Now.UtcDateTime);

    private void Returns(ClearanceDto? clearance) =>
        Sender.On<GetClearanceQuery, Result<ClearanceDto?>>(_ => Result<ClearanceDto?>.Success(clearance));

    private void SignInAsPrescriber() =>
        SignInAs("Nora Practitioner", KapRoles.NursePractitioner, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.Prescriber);

    private IRenderedComponent<ClearancePanel> RenderPanel(Action? changed = null) =>
        RenderPage<ClearancePanel>(p => p.Add(x => x.CourseId, CourseId).Add(x => x.Changed, () => changed?.Invoke()));

    [Fact]
    public void A_therapist_sees_the_clearance_read_only_with_hard_stops_and_what_is_still_needed()
    {
        Returns(Draft(
            [Finding(Contraindication.RecentStroke), Finding(Contraindication.SubstanceUseDisorder), Finding(Contraindication.RecentSeizures, "No seizures in 5 years.")],
            ["Record the pregnancy status.", "A hard stop stands: Recent stroke."]));

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("Lorazepam", panel.Markup));
        Assert.Equal(new GetClearanceQuery(CourseId), Assert.Single(Sender.SentOf<GetClearanceQuery>()));
        Assert.Contains("128/82 mmHg", panel.Markup);
        Assert.Equal("23.2", panel.Find("[data-testid=bmi]").TextContent.Trim());
        Assert.Contains("may blunt the response to ketamine", panel.Find("[data-testid=medication-warnings]").TextContent);
        var hardStop = Assert.Single(panel.FindAll("[data-testid=finding-hardstop]"));
        Assert.Contains("Hard stop:", hardStop.TextContent);
        Assert.Contains(Contraindication.RecentStroke.Describe(), hardStop.TextContent);
        var flags = panel.FindAll("[data-testid=finding-flag]");
        Assert.Equal(2, flags.Count);
        Assert.Contains("not overridden", flags[0].TextContent);
        Assert.Contains("overridden: “No seizures in 5 years.”", flags[1].TextContent);
        Assert.Contains("Still needed before signing", panel.Markup);
        var problems = panel.FindAll("[data-testid=signing-problems] li").Select(li => li.TextContent).ToList();
        Assert.Equal(["Record the pregnancy status.", "A hard stop stands: Recent stroke."], problems);

        Assert.Empty(panel.FindAll("[data-testid=edit-clearance]"));
        Assert.Empty(panel.FindAll("[data-testid=sign-clearance]"));
        Assert.Empty(panel.FindAll("form"));
    }

    [Fact]
    public void A_signed_clearance_shows_when_it_was_signed_and_until_when_it_is_current()
    {
        Returns(Draft() with { SignedAtUtc = new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc), ExpiresAtUtc = new DateTime(2027, 2, 18, 15, 0, 0, DateTimeKind.Utc), IsCurrent = true });

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("Signed", panel.Find("[data-testid=clearance-status]").TextContent));
        var status = panel.Find("[data-testid=clearance-status]").TextContent;
        Assert.Contains("20 Nov 2026", status);
        Assert.Contains("current until 18 Feb 2027", status);
    }

    [Fact]
    public void The_prescriber_records_vitals_and_a_checked_flag()
    {
        SignInAsPrescriber();
        Returns(null);
        Sender.On<SaveClearanceCommand, Result<Guid>>(_ => Guid.NewGuid());
        var changed = 0;
        var panel = RenderPanel(() => changed++);
        panel.WaitForAssertion(() => panel.Find("[data-testid=edit-clearance]").Click());

        panel.Find("#systolic").Change("134");
        panel.Find("#diastolic").Change("86");
        panel.Find("#heart-rate").Change("74");
        panel.Find("#weight").Change("81");
        panel.Find("#height").Change("180");
        panel.Find("#allergies").Change("None known");
        panel.Find($"[data-testid=contraindication-{(int)Contraindication.UncontrolledHypertension}] input").Change(true);
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<SaveClearanceCommand>()));
        var command = Sender.SentOf<SaveClearanceCommand>()[0];
        Assert.Equal(CourseId, command.CourseId);
        Assert.Null(command.Version);
        Assert.Equal((134, 86, 74), (command.SystolicMmHg, command.DiastolicMmHg, command.HeartRateBpm));
        Assert.Equal(81m, command.WeightKg);
        Assert.Equal(180m, command.HeightCm);
        Assert.Equal("None known", command.Allergies);
        var finding = Assert.Single(command.AddFindings);
        Assert.Equal(Contraindication.UncontrolledHypertension, finding.Contraindication);
        Assert.Empty(command.Overrides);
        panel.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal(2, Sender.SentOf<GetClearanceQuery>().Count);
    }

    [Fact]
    public void The_prescriber_adds_a_medication_with_its_interaction_flags()
    {
        SignInAsPrescriber();
        Returns(Draft());
        Sender.On<SaveClearanceCommand, Result<Guid>>(_ => Guid.NewGuid());
        var panel = RenderPanel();
        panel.WaitForAssertion(() => panel.Find("[data-testid=edit-clearance]").Click());

        panel.Find("[data-testid=add-medication]").Click();
        panel.Find("#medication-name-1").Change("Phenelzine");
        panel.Find($"[data-testid=medication-1-{MedicationInteraction.Maoi}] input").Change(true);
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<SaveClearanceCommand>()));
        var command = Sender.SentOf<SaveClearanceCommand>()[0];
        Assert.Equal(Version, command.Version);
        Assert.Equal(
            [new MedicationInput("Lorazepam", "1 mg", MedicationInteraction.Benzodiazepine), new MedicationInput("Phenelzine", null, MedicationInteraction.Maoi)],
            command.Medications);
    }

    [Fact]
    public void An_override_reason_for_a_recorded_flag_is_sent_with_the_draft_version()
    {
        SignInAsPrescriber();
        Returns(Draft([Finding(Contraindication.UncontrolledHypertension), Finding(Contraindication.RecentStroke)], ["Override or clear the flag: Uncontrolled hypertension."]));
        Sender.On<SaveClearanceCommand, Result<Guid>>(_ => Guid.NewGuid());
        var panel = RenderPanel();
        panel.WaitForAssertion(() => panel.Find("[data-testid=edit-clearance]").Click());

        var recorded = panel.Find($"[data-testid=contraindication-{(int)Contraindication.UncontrolledHypertension}] input");
        Assert.True(recorded.HasAttribute("checked"));
        Assert.True(recorded.HasAttribute("disabled"));
        Assert.True(panel.Find($"[data-testid=contraindication-{(int)Contraindication.RecentStroke}] input").HasAttribute("disabled"));
        Assert.Empty(panel.FindAll($"#override-{(int)Contraindication.SubstanceUseDisorder}"));
        panel.Find($"#override-{(int)Contraindication.UncontrolledHypertension}").Change("BP 128/82 on three readings; monitored every 10 minutes.");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<SaveClearanceCommand>()));
        var command = Sender.SentOf<SaveClearanceCommand>()[0];
        Assert.Equal(Version, command.Version);
        Assert.Empty(command.AddFindings);
        Assert.Equal([new Kap.Application.Features.Preparation.Clearance.MedicationInput("Lorazepam", "1 mg", Kap.Domain.Preparation.MedicationInteraction.Benzodiazepine)], command.Medications);
        Assert.Equal([new OverrideInput(Contraindication.UncontrolledHypertension, "BP 128/82 on three readings; monitored every 10 minutes.")], command.Overrides);
    }

    [Fact]
    public void Signing_is_disabled_while_something_is_still_needed()
    {
        SignInAsPrescriber();
        Returns(Draft(problems: ["Record the pregnancy status."]));

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.True(panel.Find("[data-testid=sign-clearance]").HasAttribute("disabled")));
    }

    [Fact]
    public void Signing_sends_the_clearance_id_and_version()
    {
        SignInAsPrescriber();
        Returns(Draft());
        Sender.On<SignClearanceCommand, Result<Guid>>(_ => Guid.NewGuid());
        var changed = 0;
        var panel = RenderPanel(() => changed++);

        panel.WaitForAssertion(() => Assert.False(panel.Find("[data-testid=sign-clearance]").HasAttribute("disabled")));
        panel.Find("[data-testid=sign-clearance]").Click();

        panel.WaitForAssertion(() => Assert.Equal([new SignClearanceCommand(ClearanceId, Version)], Sender.SentOf<SignClearanceCommand>()));
        panel.WaitForAssertion(() => Assert.Equal(1, changed));
    }

    [Fact]
    public void A_refusal_lists_each_problem_and_keeps_the_form()
    {
        SignInAsPrescriber();
        Returns(Draft());
        Sender.On<SaveClearanceCommand, Result<Guid>>(_ => Error.Rule("The clearance was not saved:",
            ["Systolic blood pressure must be between 60 and 260 mmHg.", "Only a nurse practitioner can override a flag."]));
        var changed = 0;
        var panel = RenderPanel(() => changed++);
        panel.WaitForAssertion(() => panel.Find("[data-testid=edit-clearance]").Click());

        panel.Find("#systolic").Change("300");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("The clearance was not saved:", panel.Find("[data-testid=clearance-error]").TextContent));
        var items = panel.FindAll("[data-testid=clearance-error] li").Select(li => li.TextContent).ToList();
        Assert.Equal(["Systolic blood pressure must be between 60 and 260 mmHg.", "Only a nurse practitioner can override a flag."], items);
        Assert.NotEmpty(panel.FindAll("form"));
        Assert.Equal(0, changed);
    }
}
