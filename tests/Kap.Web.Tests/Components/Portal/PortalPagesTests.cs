using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Portal;
using Kap.Domain.Patients;
using Kap.Domain.Portal;
using Kap.Domain.Scheduling;
using Kap.Web.Components.Portal;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Portal;

public sealed class PortalPagesTests : KapComponentTest
{
    private static readonly DateTime Start = new(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc);

    private IReadOnlyList<Kap.Application.Features.Portal.Questionnaires.MyQuestionnaireDto> _due = [];

    public PortalPagesTests()
    {
        SignInAs("Marcus Bell", KapRoles.Patient, KapPolicies.Patient, KapPolicies.Authenticated);
        Sender.On<Kap.Application.Features.Portal.Questionnaires.GetMyQuestionnairesQuery, Result<IReadOnlyList<Kap.Application.Features.Portal.Questionnaires.MyQuestionnaireDto>>>(
            _ => Result<IReadOnlyList<Kap.Application.Features.Portal.Questionnaires.MyQuestionnaireDto>>.Success(_due));
    }

    [Fact]
    public void Due_questionnaires_head_the_home_page_with_start_or_continue()
    {
        _due =
        [
            new(Kap.Domain.Measures.Instrument.Phq9, "PHQ-9", "mood", "Weekly during your dosing sessions", 3, 9, null),
            new(Kap.Domain.Measures.Instrument.NextDayCheckIn, "Next-day check-in", "how you are", "The day after your session", 2, 7,
                new Kap.Application.Features.Portal.Questionnaires.MyDraftDto(Guid.NewGuid(), [2, 3, null, null, null, null, null], 3, 2, 7, Start)),
        ];
        Sender.On<GetMyAppointmentsQuery, Result<MyAppointmentsDto>>(_ => new MyAppointmentsDto("Marcus Bell", "America/Chicago", "Kap Clinic", [], 0));

        var page = RenderPage<PortalHome>();

        var rows = page.FindAll("[data-testid=due-questionnaire]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Weekly during your dosing sessions · about 3 min", rows[0].TextContent);
        Assert.Equal("portal/questionnaires/phq-9", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Start", rows[0].QuerySelector("a")!.TextContent);
        Assert.Contains("2 of 7 answered", rows[1].TextContent);
        Assert.Contains("Continue", rows[1].QuerySelector("a")!.TextContent);
    }

    private static MyAppointmentDto Dosing(AppointmentRequestKind? last = null, AppointmentRequestStatus? status = null) => new(
        Guid.NewGuid(), AppointmentKind.Dosing, Start, Start.AddHours(2), "Jordan Lee, PMHNP", "Sage room, Kap Clinic", null,
        PatientInstructions.Before(AppointmentKind.Dosing, Kap.Domain.Preparation.Route.IntravenousInfusion, "Skip lorazepam the night before."),
        PatientInstructions.After(AppointmentKind.Dosing), last, status);

    [Fact]
    public void Appointments_show_in_the_patients_own_time_zone_with_what_to_do_before_and_after()
    {
        Sender.On<GetMyAppointmentsQuery, Result<MyAppointmentsDto>>(_ => new MyAppointmentsDto("Marcus Bell", "America/Chicago", "Kap Clinic", [Dosing()], 2));

        var page = RenderPage<PortalHome>();

        var card = page.Find("[data-testid=portal-appointment]");
        Assert.Contains("Dosing session", card.TextContent);
        Assert.Equal("Tuesday 1 December 2026, 09:00 – 11:00", card.QuerySelector("[data-testid=appointment-when]")!.TextContent.Trim()); // 15:00 UTC in Chicago
        var before = card.QuerySelector("[data-testid=instructions-before]")!;
        Assert.True(before.HasAttribute("open"));
        Assert.Contains("Fasting.", before.TextContent);
        Assert.Contains("Skip lorazepam the night before.", before.TextContent);
        Assert.Contains("no opioids or benzodiazepines for 4 hours", card.QuerySelector("[data-testid=instructions-after]")!.TextContent);
        Assert.Contains("You have 2 unread messages", page.Find("[data-testid=unread-messages]").TextContent);
    }

    [Fact]
    public void The_next_ten_appointments_show_and_the_rest_on_request()
    {
        var twenty = Enumerable.Range(0, 20).Select(i => Dosing() with { StartUtc = Start.AddDays(i), EndUtc = Start.AddDays(i).AddHours(2) }).ToList();
        Sender.On<GetMyAppointmentsQuery, Result<MyAppointmentsDto>>(_ => new MyAppointmentsDto("Marcus Bell", "America/Chicago", "Kap Clinic", twenty, 0));

        var page = RenderPage<PortalHome>();

        Assert.Equal(10, page.FindAll("[data-testid=portal-appointment]").Count);
        var more = page.Find("[data-testid=show-all-appointments]");
        Assert.Contains("Show all 20 appointments", more.TextContent);
        more.Click();
        Assert.Equal(20, page.FindAll("[data-testid=portal-appointment]").Count);
        Assert.Empty(page.FindAll("[data-testid=show-all-appointments]"));
    }

    [Fact]
    public void Confirming_and_asking_to_reschedule_send_the_patients_request()
    {
        var appointment = Dosing();
        var state = new MyAppointmentsDto("Marcus Bell", "America/Chicago", "Kap Clinic", [appointment], 0);
        Sender.On<GetMyAppointmentsQuery, Result<MyAppointmentsDto>>(_ => state);
        Sender.On<RequestAppointmentChangeCommand, Result<Guid>>(c =>
        {
            state = state with { Upcoming = [appointment with { LastRequest = c.Kind, LastRequestStatus = c.Kind == AppointmentRequestKind.Confirm ? AppointmentRequestStatus.Handled : AppointmentRequestStatus.Open }] };
            return Guid.NewGuid();
        });
        var page = RenderPage<PortalHome>();

        page.Find("[data-testid=confirm-appointment]").Click();
        Assert.Contains("You confirmed you'll be there", page.Find("[data-testid=request-status]").TextContent);

        page.Find("[data-testid=reschedule-appointment]").Click();
        page.Find($"#reschedule-note-{appointment.Id}").Change("Away that week");
        page.Find("[data-testid=send-reschedule]").Click();

        var sent = Sender.SentOf<RequestAppointmentChangeCommand>();
        Assert.Equal([AppointmentRequestKind.Confirm, AppointmentRequestKind.Reschedule], sent.Select(c => c.Kind));
        Assert.Equal("Away that week", sent[1].Note);
        Assert.Contains("You asked to reschedule", page.Find("[data-testid=request-status]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=confirm-appointment]"));
    }

    [Fact]
    public void A_refused_request_is_explained()
    {
        Sender.On<GetMyAppointmentsQuery, Result<MyAppointmentsDto>>(_ => new MyAppointmentsDto("Marcus Bell", "America/Chicago", "Kap Clinic", [Dosing()], 0));
        Sender.On<RequestAppointmentChangeCommand, Result<Guid>>(_ => Error.Rule("This appointment has already started or taken place. Call the clinic if you need to talk about it."));
        var page = RenderPage<PortalHome>();
        page.Find("[data-testid=confirm-appointment]").Click();
        Assert.Contains("already started or taken place", page.Find("[data-testid=request-error]").TextContent);
    }

    [Fact]
    public void The_course_page_asks_for_a_new_consent_version_and_signs_it_with_the_typed_name()
    {
        var course = new MyCourseDto(Guid.NewGuid(), "Dosing sessions", "Your dosing sessions…",
            [new("Preparation", MyStepStatus.Done, "…"), new("Dosing sessions", MyStepStatus.Current, "2 of 6 dosing sessions done."), new("Integration", MyStepStatus.Next, "…")],
            new MyConsentDto(2, "Consent v2", "The new text", 1, Start, false, true), "Dr Morgan Reyes", "Jordan Lee, PMHNP", "America/Chicago");
        Sender.On<GetMyCourseQuery, Result<MyCourseDto>>(_ => course);
        Sender.On<SignMyConsentCommand, Result<Guid>>(_ =>
        {
            course = course with { Consent = new MyConsentDto(2, "Consent v2", null, 2, Start, true, false) };
            return Guid.NewGuid();
        });
        var page = RenderPage<PortalCourse>();

        Assert.Equal(["Done", "Now", "Next"], page.FindAll(".kap-portal-step-status").Select(s => s.TextContent));
        Assert.Contains("you signed version 1", page.Find("[data-testid=consent-must-sign]").TextContent);
        page.Find("#consent-typed-name").Change("Marcus Bell");
        page.Find("[data-testid=sign-my-consent]").Click();

        Assert.Equal(new SignMyConsentCommand(2, "Marcus Bell"), Assert.Single(Sender.SentOf<SignMyConsentCommand>()));
        var signed = string.Join(" ", page.Find("[data-testid=consent-signed]").TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("You signed version 2 on 1 December 2026. Your clinician will countersign it at your next visit.", signed);
    }

    [Fact]
    public void Settings_offer_only_the_channels_the_clinic_has_and_save_the_patients_choice()
    {
        var version = Guid.NewGuid();
        Sender.On<GetMyPreferencesQuery, Result<MyPreferencesDto>>(_ => new MyPreferencesDto(version, ReminderChannel.Email, null, null, "America/Chicago", false, "21:00", "08:00", true));
        Sender.On<UpdateMyPreferencesCommand, Result<Guid>>(_ => Guid.NewGuid());
        var page = RenderPage<PortalSettings>();

        Assert.True(page.Find("input[data-testid=channel-sms]").HasAttribute("disabled"));
        Assert.Contains("not available at this clinic yet", page.Markup);
        page.Find("input[data-testid=channel-inapp]").Click();
        page.Find("[data-testid=save-settings]").Click();

        Assert.Equal(new UpdateMyPreferencesCommand(version, ReminderChannel.InApp, null, null, "America/Chicago"), Assert.Single(Sender.SentOf<UpdateMyPreferencesCommand>()));
        Assert.NotEmpty(page.FindAll("[data-testid=settings-saved]"));
    }
}
