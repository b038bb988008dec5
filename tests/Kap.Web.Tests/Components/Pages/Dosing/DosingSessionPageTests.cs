using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Dosing;
using Kap.Domain.Dosing;
using Kap.Domain.Preparation;
using Kap.Web.Components.Pages.Dosing;
using Kap.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Web.Tests.Components.Pages.Dosing;

public sealed class DosingSessionPageTests : KapComponentTest
{
    private static readonly Guid SessionId = Guid.NewGuid();
    private static readonly Guid LotId = Guid.NewGuid();
    private static readonly DateTime Started = Now.UtcDateTime.AddMinutes(-50);
    private readonly DosingSessionNotifier _notifier = new();

    public DosingSessionPageTests()
    {
        Services.AddSingleton(_notifier);
    }

    private static DosingSessionDto Session(bool canRecord = true, IReadOnlyList<VitalsDto>? vitals = null, IReadOnlyList<MonitoringSlot>? slots = null,
        IReadOnlyList<SedationDto>? sedation = null, IReadOnlyList<AdministrationDto>? administrations = null) => new(
        SessionId, Guid.NewGuid(), Guid.NewGuid(), "Marcus Bell", DosingSessionStatus.InProgress, Route.IntravenousInfusion, "IV infusion", 40, 41m,
        "0.5 mg/kg × 82 kg = 41 mg", 82m, Started, Started, "Jordan Lee", "No food in the 6 h before dosing.", 5, 132, 84, null, null, null,
        administrations ?? [new AdministrationDto(Guid.NewGuid(), Started.AddMinutes(5), "IV infusion", 41m, 0.82m, "KET-1", "Jordan Lee", false, 41m, 0.5m, "", null, Guid.NewGuid())],
        41m, 0.5m,
        vitals ?? [new VitalsDto(Guid.NewGuid(), Started, 132, 84, 72, 98, null, VitalsAlert.None, true, false, "Jordan Lee")],
        sedation ?? [], [], [], [],
        slots ?? [], new DischargeStatusDto(null, null, ["Monitoring time: the infusion has not ended."], 60),
        [new LotOptionDto(LotId, "KET-1", 50m, 959m, new DateOnly(2028, 1, 1))], [], [], null, null, null, null, false, false, false, false, canRecord, Now.UtcDateTime);

    private void Returns(DosingSessionDto dto) =>
        Sender.On<GetDosingSessionQuery, Result<DosingSessionDto>>(_ => Result<DosingSessionDto>.Success(dto));

    private void SignInAsPrescriber() =>
        SignInAs("Jordan Lee", KapRoles.NursePractitioner, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.Prescriber);

    private IRenderedComponent<DosingSessionPage> RenderSession() => RenderPage<DosingSessionPage>(p => p.Add(x => x.SessionId, SessionId));

    [Fact]
    public void A_severe_reading_is_highlighted_and_announced_and_overdue_slots_are_marked()
    {
        SignInAsPrescriber();
        Returns(Session(
            vitals:
            [
                new VitalsDto(Guid.NewGuid(), Started, 132, 84, 72, 98, null, VitalsAlert.None, true, false, "Jordan Lee"),
                new VitalsDto(Guid.NewGuid(), Started.AddMinutes(40), 184, 104, 90, 96, null, VitalsAlert.SevereBloodPressure, false, true, "Jordan Lee"),
            ],
            slots:
            [
                new MonitoringSlot(Started.AddMinutes(15), "During infusion", SlotStatus.Done),
                new MonitoringSlot(Started.AddMinutes(25), "During infusion", SlotStatus.Overdue),
                new MonitoringSlot(Started.AddMinutes(55), "During infusion", SlotStatus.Upcoming),
            ]));

        var page = RenderSession();

        page.WaitForAssertion(() => Assert.Contains("Marcus Bell", page.Markup));
        var alert = page.Find("[data-testid=session-alerts]");
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Contains("severe BP 184/104", alert.TextContent);
        Assert.Contains("1 vitals reading(s) overdue", alert.TextContent);
        var rows = page.FindAll("[data-testid=vitals-timeline] tbody tr");
        Assert.Contains("kap-row-alert", rows[0].ClassName);
        Assert.Contains("184/104 severe", rows[0].TextContent);
        Assert.DoesNotContain("kap-row-alert", rows[1].ClassName ?? "");
        Assert.Single(page.FindAll(".kap-slot-overdue"));
        Assert.Contains("overdue", page.Find(".kap-slot-overdue").TextContent);
    }

    [Fact]
    public void Vitals_are_sent_the_moment_they_are_entered_and_a_failed_send_retried_keeps_the_same_entry_id()
    {
        SignInAsPrescriber();
        Returns(Session());
        var attempts = 0;
        Sender.On<RecordVitalsCommand, Result<VitalsRecorded>>(_ => ++attempts == 1
            ? new Error(ErrorKind.Unexpected, "The connection to the server was lost; nothing was saved.")
            : new VitalsRecorded(Guid.NewGuid(), VitalsAlert.None));
        var page = RenderSession();
        page.WaitForAssertion(() => page.Find("#v-systolic"));

        page.Find("#v-systolic").Change("128");
        page.Find("#v-diastolic").Change("82");
        page.Find("#v-heart-rate").Change("74");
        page.Find("#v-spo2").Change("97");
        page.Find("[data-testid=save-vitals]").Closest("form")!.Submit();
        page.WaitForAssertion(() => Assert.Contains("connection to the server was lost", page.Find("[data-testid=session-error]").TextContent));
        Assert.Equal("128", page.Find("#v-systolic").GetAttribute("value"));

        page.Find("[data-testid=save-vitals]").Closest("form")!.Submit();

        page.WaitForAssertion(() => Assert.Equal(2, Sender.SentOf<RecordVitalsCommand>().Count));
        var sent = Sender.SentOf<RecordVitalsCommand>();
        Assert.Equal(sent[0].ClientEntryId, sent[1].ClientEntryId);
        Assert.Equal((128, 82, 74, 97), (sent[1].Systolic, sent[1].Diastolic, sent[1].HeartRate, sent[1].SpO2));
        page.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(page.Find("#v-systolic").GetAttribute("value")), "the form clears once saved"));
    }

    [Fact]
    public void A_change_saved_elsewhere_reloads_the_screen_so_the_therapist_watches_live()
    {
        Returns(Session(canRecord: false));
        var page = RenderSession();
        page.WaitForAssertion(() => Assert.Contains("Marcus Bell", page.Markup));
        Assert.Empty(page.FindAll("#v-systolic"));
        Assert.Empty(page.FindAll("[data-testid=record-dose]"));
        Assert.Single(page.FindAll("[data-testid=save-note]"));

        Returns(Session(canRecord: false, sedation: [new SedationDto(Now.UtcDateTime, 3, SedationLevel.Sedation, "Jordan Lee")]));
        _notifier.Publish(Guid.NewGuid()); // another session: ignored
        _notifier.Publish(SessionId);

        page.WaitForAssertion(() => Assert.Contains("MOAA/S 3, below baseline 5", page.Find("[data-testid=session-alerts]").TextContent));
        Assert.Equal(2, Sender.SentOf<GetDosingSessionQuery>().Count);
    }

    [Fact]
    public void The_first_dose_is_prefilled_from_the_plan_with_its_volume_and_sent_with_the_lot()
    {
        SignInAsPrescriber();
        Returns(Session(administrations: []));
        Sender.On<RecordAdministrationCommand, Result<Guid>>(_ => Guid.NewGuid());
        var page = RenderSession();
        page.WaitForAssertion(() => Assert.Equal("41", page.Find("#dose-mg").GetAttribute("value")));
        Assert.Contains("41 mg ÷ 50 mg/mL = 0.82 mL", page.Markup);

        page.Find("[data-testid=record-dose]").Closest("form")!.Submit();

        page.WaitForAssertion(() => Assert.Equal(new RecordAdministrationCommand(SessionId, LotId, 41m, null), Assert.Single(Sender.SentOf<RecordAdministrationCommand>())));
    }
}
