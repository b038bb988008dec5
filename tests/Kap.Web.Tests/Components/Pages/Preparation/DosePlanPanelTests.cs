using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Preparation.DosePlan;
using Kap.Domain.Preparation;
using Kap.Web.Components.Pages.Preparation;
using Kap.Web.Tests.Infrastructure;
using MudBlazor;
using DoseRoute = Kap.Domain.Preparation.Route;

namespace Kap.Web.Tests.Components.Pages.Preparation;

public sealed class DosePlanPanelTests : KapComponentTest
{
    private static readonly Guid CourseId = Guid.NewGuid();

    private void Returns(DosePlanDto? plan) =>
        Sender.On<GetDosePlanQuery, Result<DosePlanDto?>>(_ => Result<DosePlanDto?>.Success(plan));

    private void SignInAsPrescriber() =>
        SignInAs("Nora Practitioner", KapRoles.NursePractitioner, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.Prescriber);

    private (IRenderedComponent<DosePlanPanel> Panel, IRenderedComponent<MudPopoverProvider> Provider) RenderPanel(Action? changed = null)
    {
        var provider = Render<MudPopoverProvider>();
        var panel = Render<DosePlanPanel>(p => p.Add(x => x.CourseId, CourseId).Add(x => x.Changed, () => changed?.Invoke()));
        return (panel, provider);
    }

    private static void Choose(IRenderedComponent<DosePlanPanel> panel, IRenderedComponent<MudPopoverProvider> provider, string selectId, string label)
    {
        panel.Find($"#{selectId}").Closest(".mud-input-control")!.MouseDown();
        provider.WaitForElements(".mud-list-item").Single(i => i.TextContent.Trim() == label).Click();
    }

    private static IReadOnlyList<string> Options(IRenderedComponent<DosePlanPanel> panel, IRenderedComponent<MudPopoverProvider> provider, string selectId)
    {
        panel.Find($"#{selectId}").Closest(".mud-input-control")!.MouseDown();
        return provider.WaitForElements(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
    }

    [Fact]
    public void Staff_see_the_current_plan_without_a_form()
    {
        Returns(new DosePlanDto(Guid.NewGuid(), DoseRoute.IntravenousInfusion, DoseBasis.MgPerKg, 0.9m, 40, "IV infusion, 0.9 mg/kg over 40 minutes", 0.75m,
            "Partial response at 0.75 mg/kg after four sessions.", Now.UtcDateTime));

        var (panel, _) = RenderPanel();

        panel.WaitForAssertion(() => Assert.Equal("IV infusion, 0.9 mg/kg over 40 minutes", panel.Find("[data-testid=dose-plan-description]").TextContent.Trim()));
        Assert.Equal("0.75 mg/kg", panel.Find("[data-testid=dose-plan-ceiling]").TextContent.Trim());
        Assert.Contains("Partial response at 0.75 mg/kg", panel.Find("[data-testid=dose-plan-override]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=edit-dose-plan]"));
        Assert.Empty(panel.FindAll("form"));
    }

    [Fact]
    public void The_prescriber_plans_an_iv_infusion_with_the_default_minutes()
    {
        SignInAsPrescriber();
        Returns(null);
        Sender.On<SaveDosePlanCommand, Result<Guid>>(_ => Guid.NewGuid());
        var changed = 0;
        var (panel, _) = RenderPanel(() => changed++);
        panel.WaitForAssertion(() => panel.Find("[data-testid=edit-dose-plan]").Click());

        Assert.Equal("IV infusion", panel.Find("#route").GetAttribute("value"));
        Assert.Equal("mg/kg", panel.Find("#basis").GetAttribute("value"));
        Assert.Equal("40", panel.Find("#infusion-minutes").GetAttribute("value"));
        panel.Find("#amount").Change("0.5");
        panel.Find("#infusion-minutes").Change("50");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<SaveDosePlanCommand>()));
        Assert.Equal(new SaveDosePlanCommand(CourseId, DoseRoute.IntravenousInfusion, DoseBasis.MgPerKg, 0.5m, 50, null), Sender.SentOf<SaveDosePlanCommand>()[0]);
        panel.WaitForAssertion(() => Assert.Equal(1, changed));
    }

    [Fact]
    public void The_basis_follows_the_route_and_esketamine_is_fixed_mg_only()
    {
        SignInAsPrescriber();
        Returns(null);
        Sender.On<SaveDosePlanCommand, Result<Guid>>(_ => Guid.NewGuid());
        var (panel, provider) = RenderPanel();
        panel.WaitForAssertion(() => panel.Find("[data-testid=edit-dose-plan]").Click());

        Choose(panel, provider, "route", "Esketamine nasal");

        panel.WaitForAssertion(() => Assert.Equal("mg", panel.Find("#basis").GetAttribute("value")));
        Assert.Empty(panel.FindAll("#infusion-minutes"));
        Assert.Equal(["mg"], Options(panel, provider, "basis"));
        panel.Find("#amount").Change("56");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<SaveDosePlanCommand>()));
        Assert.Equal(new SaveDosePlanCommand(CourseId, DoseRoute.EsketamineNasal, DoseBasis.FixedMg, 56m, null, null), Sender.SentOf<SaveDosePlanCommand>()[0]);
    }

    [Fact]
    public void A_refusal_lists_each_problem()
    {
        SignInAsPrescriber();
        Returns(null);
        Sender.On<SaveDosePlanCommand, Result<Guid>>(_ => Error.Rule("The dose plan was not saved:",
            ["1.2 mg/kg IV is in the anaesthetic range (1 mg/kg or more) and is refused.", "Above the ceiling of 0.75 mg/kg needs a written reason."]));
        var changed = 0;
        var (panel, _) = RenderPanel(() => changed++);
        panel.WaitForAssertion(() => panel.Find("[data-testid=edit-dose-plan]").Click());

        panel.Find("#amount").Change("1.2");
        panel.Find("#ceiling-reason").Change("Non-response");
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("The dose plan was not saved:", panel.Find("[data-testid=dose-plan-error]").TextContent));
        Assert.Equal(
            ["1.2 mg/kg IV is in the anaesthetic range (1 mg/kg or more) and is refused.", "Above the ceiling of 0.75 mg/kg needs a written reason."],
            panel.FindAll("[data-testid=dose-plan-error] li").Select(li => li.TextContent).ToList());
        Assert.Equal("Non-response", Sender.SentOf<SaveDosePlanCommand>()[0].CeilingOverrideReason);
        Assert.NotEmpty(panel.FindAll("form"));
        Assert.Equal(0, changed);
    }
}
