using Bunit;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Scheduling.BookAppointment;
using Kap.Application.Features.Scheduling.GetRooms;
using Kap.Application.Features.Staff.GetClinicians;
using Kap.Domain.Courses;
using Kap.Domain.Scheduling;
using Kap.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using BookAppointmentPage = Kap.Web.Components.Pages.Scheduling.BookAppointment;

namespace Kap.Web.Tests.Components.Pages.Scheduling;

public sealed class BookAppointmentTests : KapComponentTest
{
    private static readonly Guid CourseId = Guid.NewGuid();
    private static readonly Guid TherapistId = Guid.NewGuid();
    private static readonly Guid PrescriberId = Guid.NewGuid();
    private static readonly Guid RoomId = Guid.NewGuid();

    public BookAppointmentTests()
    {
        Services.AddOptions();
        Services.Configure<SchedulingOptions>(_ => { });
        Sender.On<GetCourseQuery, Result<CourseDetailDto>>(_ => Course(CoursePhase.Preparation));
        Sender.On<GetCliniciansQuery, Result<IReadOnlyList<ClinicianDto>>>(q => q.Role == KapRoles.Therapist
            ? Result<IReadOnlyList<ClinicianDto>>.Success([new ClinicianDto(TherapistId, "Dr Morgan Reyes")])
            : Result<IReadOnlyList<ClinicianDto>>.Success([new ClinicianDto(PrescriberId, "Jordan Lee, PMHNP")]));
        Sender.On<GetRoomsQuery, Result<IReadOnlyList<RoomDto>>>(_ => Result<IReadOnlyList<RoomDto>>.Success([new RoomDto(RoomId, "Sage room")]));
    }

    private static CourseDetailDto Course(CoursePhase phase) => new(
        CourseId, Guid.NewGuid(), Guid.NewGuid(), "Riley Chen", phase, null, Now.UtcDateTime, null, Indication.Depression, CoursePlan.Default,
        TherapistId, "Dr Morgan Reyes", PrescriberId, "Jordan Lee, PMHNP", Now.UtcDateTime, "", [], [], [], []);

    private IRenderedComponent<BookAppointmentPage> RenderKind(string kind)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("kind", kind));
        return RenderPage<BookAppointmentPage>(p => p.Add(x => x.CourseId, CourseId));
    }

    private IRenderedComponent<BookAppointmentPage> RenderDosing() => RenderKind("Dosing");

    [Fact]
    public void A_dosing_session_defaults_to_the_prescriber_and_its_length_and_warns_about_the_gate()
    {
        var page = RenderDosing();

        page.WaitForAssertion(() => Assert.Contains("Riley Chen", page.Markup));
        Assert.Equal(PrescriberId.ToString(), page.Find("#clinician").GetAttribute("value"));
        Assert.Equal("120", page.Find("#length").GetAttribute("value"));
        Assert.Contains("gate not met yet", page.Markup);
        Assert.Contains("Run by the course's prescribing nurse practitioner.", page.Markup);
    }

    [Fact]
    public void Booking_sends_the_clinic_wall_clock_time_and_returns_to_the_course()
    {
        var booked = Guid.NewGuid();
        Sender.On<BookAppointmentCommand, Result<Guid>>(_ => booked);
        var page = RenderDosing();
        page.WaitForAssertion(() => Assert.Contains("Riley Chen", page.Markup));

        page.Find("#date").Change("2026-12-02");
        page.Find("#time").Change("09:30");
        page.Find("#location").Change("Suite 4, 12 Elm Street");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<BookAppointmentCommand>()));
        var command = Sender.SentOf<BookAppointmentCommand>()[0];
        Assert.Equal(CourseId, command.CourseId);
        Assert.Equal(AppointmentKind.Dosing, command.Kind);
        Assert.Equal(new DateTime(2026, 12, 2, 9, 30, 0), command.LocalStart);
        Assert.Equal(DateTimeKind.Unspecified, command.LocalStart.Kind);
        Assert.Equal(120, command.LengthMinutes);
        Assert.Equal(PrescriberId, command.ClinicianId);
        Assert.Equal("Suite 4, 12 Elm Street", command.Location);
        Assert.EndsWith($"courses/{CourseId}#sessions", Navigation.Uri);
    }

    [Fact]
    public void A_clash_is_shown_with_every_reason_and_the_form_stays()
    {
        Sender.On<BookAppointmentCommand, Result<Guid>>(_ => Error.Rule("This time clashes with other bookings:",
            ["Jordan Lee, PMHNP is already booked then (Dosing at Wed 2 Dec, 09:00).", "Sage room is already booked then (Dosing at Wed 2 Dec, 09:00)."]));
        var page = RenderDosing();
        page.WaitForAssertion(() => Assert.Contains("Riley Chen", page.Markup));

        page.Find("#date").Change("2026-12-02");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("This time clashes with other bookings:", page.Find("[data-testid=form-error]").TextContent));
        var error = page.Find("[data-testid=form-error]").TextContent;
        Assert.Contains("Jordan Lee, PMHNP is already booked then", error);
        Assert.Contains("Sage room is already booked then", error);
        Assert.DoesNotContain("#sessions", Navigation.Uri);
    }

    [Fact]
    public void Another_kind_goes_to_the_therapist_with_its_own_length()
    {
        var page = RenderKind("Integration");

        page.WaitForAssertion(() => Assert.Equal(TherapistId.ToString(), page.Find("#clinician").GetAttribute("value")));
        Assert.Equal("60", page.Find("#length").GetAttribute("value"));
        Assert.DoesNotContain("gate not met yet", page.Markup);
    }
}
