using AngleSharp.Dom;
using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Scheduling.Common;
using Kap.Application.Features.Scheduling.GetCalendar;
using Kap.Application.Features.Scheduling.GetRooms;
using Kap.Application.Features.Staff.GetClinicians;
using Kap.Domain.Scheduling;
using Kap.Web.Components.Pages.Scheduling;
using Kap.Web.Tests.Infrastructure;
using MudBlazor;

namespace Kap.Web.Tests.Components.Pages.Scheduling;

/// <summary>The calendar. The test clock says Tuesday 24 November 2026, 10:00 in New York (15:00 UTC).</summary>
public sealed class CalendarTests : KapComponentTest
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly DateOnly Tuesday = new(2026, 11, 24);

    [Fact]
    public void The_week_view_asks_for_the_monday_and_seven_days_and_shows_each_appointment_on_its_day_in_clinic_time()
    {
        var courseId = Guid.NewGuid();
        // 14:00 UTC on Wednesday is 09:00 in New York.
        var dosing = Appointment(Utc(2026, 11, 25, 14, 0), 120, "Alice Nguyen (Ali)", courseId, AppointmentKind.Dosing, room: "Sage room");
        // 03:30 UTC on Saturday is still Friday evening in New York.
        var followUp = Appointment(Utc(2026, 11, 28, 3, 30), 50, "Ben Okafor", kind: AppointmentKind.FollowUp, room: null, location: "Video call");
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(_ => Appointments(followUp, dosing));

        var page = RenderPage<Calendar>();

        Assert.Equal(new GetCalendarQuery(Monday, 7, null, null), Assert.Single(Sender.SentOf<GetCalendarQuery>()));
        Assert.Equal("Week of 23 – 29 Nov 2026", page.Find("[data-testid=range]").TextContent.Trim());
        Assert.Equal("h2", page.Find("[data-testid=range]").TagName, ignoreCase: true);

        var days = page.FindAll("[data-testid=week] > section");
        Assert.Equal(7, days.Count);
        Assert.Equal(new[] { "Mon 23 Nov", "Tue 24 Nov · today", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov", "Sat 28 Nov", "Sun 29 Nov" },
            days.Select(d => d.QuerySelector("h3")!.TextContent.Trim()));

        var wednesday = Assert.Single(Day(page, "2026-11-25").QuerySelectorAll("[data-testid=appointment]"));
        Assert.Equal("09:00–11:00", Text(wednesday, "appointment-time"));
        Assert.Contains("Dosing", wednesday.TextContent);
        var link = wednesday.QuerySelector("a[data-testid=appointment-patient]")!;
        Assert.Equal($"courses/{courseId}", link.GetAttribute("href"));
        Assert.Equal("Alice Nguyen (Ali)", link.TextContent.Trim());
        Assert.Equal("Terry Therapist", Text(wednesday, "appointment-clinician"));
        Assert.Equal("Sage room", Text(wednesday, "appointment-room"));
        Assert.Null(wednesday.QuerySelector("[data-testid=marker]"));
        Assert.Null(wednesday.QuerySelector("[data-testid=gate-not-met]"));

        var friday = Assert.Single(Day(page, "2026-11-27").QuerySelectorAll("[data-testid=appointment]"));
        Assert.Equal("22:30–23:20", Text(friday, "appointment-time"));
        Assert.Contains("Follow-up", friday.TextContent);
        Assert.Equal("Video call", Text(friday, "appointment-room"));
        Assert.Empty(Day(page, "2026-11-28").QuerySelectorAll("[data-testid=appointment]"));

        foreach (var empty in new[] { "2026-11-23", "2026-11-24", "2026-11-26", "2026-11-28", "2026-11-29" })
        {
            Assert.Equal("Nothing booked", Day(page, empty).QuerySelector("[data-testid=nothing-booked]")!.TextContent.Trim());
        }

        Assert.Null(Day(page, "2026-11-25").QuerySelector("[data-testid=nothing-booked]"));
    }

    [Fact]
    public void Next_and_previous_move_the_week_by_seven_days_and_today_comes_back()
    {
        var page = RenderPage<Calendar>();

        page.Find("[data-testid=next]").Click();
        Assert.Equal(new GetCalendarQuery(new DateOnly(2026, 11, 30), 7, null, null), Sender.SentOf<GetCalendarQuery>()[^1]);
        Assert.Equal("Week of 30 Nov – 6 Dec 2026", page.Find("[data-testid=range]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=day-2026-12-06]"));

        page.Find("[data-testid=previous]").Click();
        page.Find("[data-testid=previous]").Click();
        Assert.Equal(new GetCalendarQuery(new DateOnly(2026, 11, 16), 7, null, null), Sender.SentOf<GetCalendarQuery>()[^1]);

        page.Find("[data-testid=today]").Click();
        Assert.Equal(new GetCalendarQuery(Monday, 7, null, null), Sender.SentOf<GetCalendarQuery>()[^1]);
        Assert.Equal("Next week", page.Find("[data-testid=next]").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_day_view_asks_for_one_day_and_next_and_previous_move_by_a_day()
    {
        var early = Appointment(Utc(2026, 11, 24, 14, 0), 60, "Alice Nguyen", kind: AppointmentKind.Preparation);
        var late = Appointment(Utc(2026, 11, 24, 19, 30), 60, "Ben Okafor", kind: AppointmentKind.Integration);
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(q => q.Days == 1 && q.From == Tuesday ? Appointments(late, early) : Appointments());
        var page = RenderPage<Calendar>();

        page.Find("[data-testid=view-day]").Click();

        Assert.Equal(new GetCalendarQuery(Tuesday, 1, null, null), Sender.SentOf<GetCalendarQuery>()[^1]);
        Assert.Equal("Tuesday 24 November 2026", page.Find("[data-testid=range]").TextContent.Trim());
        Assert.Equal("true", page.Find("[data-testid=view-day]").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("[data-testid=view-week]").GetAttribute("aria-pressed"));
        Assert.Empty(page.FindAll("[data-testid=week]"));
        var times = page.FindAll("[data-testid=appointment-time]").Select(t => t.TextContent.Trim());
        Assert.Equal(new[] { "09:00–10:00", "14:30–15:30" }, times);

        page.Find("[data-testid=next]").Click();
        Assert.Equal(new GetCalendarQuery(new DateOnly(2026, 11, 25), 1, null, null), Sender.SentOf<GetCalendarQuery>()[^1]);
        Assert.Equal("Nothing booked", page.Find("[data-testid=nothing-booked]").TextContent.Trim());
        Assert.Equal("Next day", page.Find("[data-testid=next]").GetAttribute("aria-label"));

        page.Find("[data-testid=previous]").Click();
        page.Find("[data-testid=previous]").Click();
        Assert.Equal(new GetCalendarQuery(new DateOnly(2026, 11, 23), 1, null, null), Sender.SentOf<GetCalendarQuery>()[^1]);

        // Back to the week that holds the chosen day.
        page.Find("[data-testid=view-week]").Click();
        Assert.Equal(new GetCalendarQuery(Monday, 7, null, null), Sender.SentOf<GetCalendarQuery>()[^1]);
    }

    [Fact]
    public void The_owner_list_offers_mine_therapists_practitioners_and_rooms()
    {
        Sender.On<GetCliniciansQuery, Result<IReadOnlyList<ClinicianDto>>>(q => q.Role == KapRoles.Therapist
            ? Clinicians(new ClinicianDto(Guid.NewGuid(), "Terry Therapist"))
            : Clinicians(new ClinicianDto(Guid.NewGuid(), "Nora Practitioner")));
        Sender.On<GetRoomsQuery, Result<IReadOnlyList<RoomDto>>>(_ => Rooms(new RoomDto(Guid.NewGuid(), "Cedar room")));
        var provider = Render<MudPopoverProvider>();
        var page = Render<Calendar>();

        Assert.Equal(new[] { KapRoles.Therapist, KapRoles.NursePractitioner }, Sender.SentOf<GetCliniciansQuery>().Select(q => q.Role));
        Assert.Single(Sender.SentOf<GetRoomsQuery>());

        OpenOwners(page);
        Assert.Equal(new[] { "Mine", "Nora Practitioner (nurse practitioner)", "Terry Therapist (therapist)", "Room: Cedar room" },
            provider.WaitForElements(".mud-list-item").Select(i => i.TextContent.Trim()));
    }

    [Fact]
    public void Choosing_a_room_asks_for_that_room()
    {
        var cedar = new RoomDto(Guid.NewGuid(), "Cedar room");
        Sender.On<GetRoomsQuery, Result<IReadOnlyList<RoomDto>>>(_ => Rooms(new RoomDto(Guid.NewGuid(), "Aspen room"), cedar));
        var provider = Render<MudPopoverProvider>();
        var page = Render<Calendar>();

        Choose(page, provider, "Room: Cedar room");

        page.WaitForAssertion(() => Assert.Equal(new GetCalendarQuery(Monday, 7, null, cedar.Id), Sender.SentOf<GetCalendarQuery>()[^1]));
        Assert.Equal("Room: Cedar room", page.Find("#calendar-owner").GetAttribute("value"));
    }

    [Fact]
    public void Choosing_a_clinician_asks_for_that_clinician()
    {
        var nora = new ClinicianDto(Guid.NewGuid(), "Nora Practitioner");
        Sender.On<GetCliniciansQuery, Result<IReadOnlyList<ClinicianDto>>>(q => q.Role == KapRoles.NursePractitioner ? Clinicians(nora) : Clinicians());
        var provider = Render<MudPopoverProvider>();
        var page = Render<Calendar>();

        Choose(page, provider, "Nora Practitioner (nurse practitioner)");
        page.WaitForAssertion(() => Assert.Equal(new GetCalendarQuery(Monday, 7, nora.Id, null), Sender.SentOf<GetCalendarQuery>()[^1]));

        // The choice holds while moving through the weeks.
        page.Find("[data-testid=next]").Click();
        Assert.Equal(new GetCalendarQuery(new DateOnly(2026, 11, 30), 7, nora.Id, null), Sender.SentOf<GetCalendarQuery>()[^1]);
    }

    [Fact]
    public void A_busy_appointment_is_plain_text_not_a_link()
    {
        var busy = Appointment(Utc(2026, 11, 24, 16, 0), 60, AppointmentQueries.Busy, Guid.Empty) with { PatientId = Guid.Empty, ClinicianName = "Sam Therapist" };
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(_ => Appointments(busy));

        var page = RenderPage<Calendar>();

        var card = Assert.Single(page.FindAll("[data-testid=appointment]"));
        Assert.Equal("Busy", Text(card, "appointment-patient"));
        Assert.Equal("span", card.QuerySelector("[data-testid=appointment-patient]")!.TagName, ignoreCase: true);
        Assert.Empty(card.QuerySelectorAll("a"));
        Assert.Equal("11:00–12:00", Text(card, "appointment-time"));
    }

    [Fact]
    public void Outcomes_cancellations_and_unmet_gates_are_marked()
    {
        var attended = Appointment(Utc(2026, 11, 23, 14, 0), 60, "Alice Nguyen", status: AppointmentStatus.Attended);
        var noShow = Appointment(Utc(2026, 11, 23, 16, 0), 60, "Ben Okafor", status: AppointmentStatus.NoShow);
        var cancelled = Appointment(Utc(2026, 11, 26, 14, 0), 60, "Cara Diaz", status: AppointmentStatus.Cancelled);
        var gate = Appointment(Utc(2026, 11, 27, 14, 0), 120, "Dan Ek", kind: AppointmentKind.Dosing, gateNotMet: true);
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(q => q.IncludeCancelled
            ? Appointments(attended, noShow, cancelled, gate)
            : Appointments(attended, noShow, gate));
        var page = RenderPage<Calendar>();

        var monday = Day(page, "2026-11-23").QuerySelectorAll("[data-testid=appointment]");
        Assert.Equal(new[] { "Attended", "No-show" }, monday.Select(a => Text(a, "marker")));
        var dosing = Assert.Single(Day(page, "2026-11-27").QuerySelectorAll("[data-testid=appointment]"));
        Assert.Equal("Gate not met yet", Text(dosing, "gate-not-met"));
        Assert.Null(dosing.QuerySelector("[data-testid=marker]"));
        Assert.DoesNotContain("Cara Diaz", page.Markup);

        page.Find("input[data-testid=show-cancelled]").Change(true);

        Assert.Equal(new GetCalendarQuery(Monday, 7, null, null, IncludeCancelled: true), Sender.SentOf<GetCalendarQuery>()[^1]);
        var thursday = Assert.Single(Day(page, "2026-11-26").QuerySelectorAll("[data-testid=appointment]"));
        Assert.Equal("Cancelled", Text(thursday, "marker"));
        Assert.Contains("kap-appt-cancelled", thursday.ClassList);
    }

    [Fact]
    public void A_failed_query_shows_its_message()
    {
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(_ => Error.Forbidden());

        var page = RenderPage<Calendar>();

        Assert.Equal("You do not have permission to do this.", page.Find("[data-testid=calendar-error]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=week]"));
    }

    [Fact]
    public void The_controls_are_labelled()
    {
        var page = RenderPage<Calendar>();

        Assert.Equal("h1", page.Find("h1").TagName, ignoreCase: true);
        Assert.Equal("Calendar", page.Find("h1").TextContent.Trim());
        Assert.Equal("View", page.Find("[role=group]").GetAttribute("aria-label"));
        Assert.Equal("Previous week", page.Find("[data-testid=previous]").GetAttribute("aria-label"));
        var owner = page.Find("#calendar-owner");
        Assert.NotNull(page.Find($"label[for='calendar-owner']"));
        Assert.Equal("Mine", owner.GetAttribute("value"));
    }

    private static void OpenOwners(IRenderedComponent<Calendar> page) =>
        page.Find("#calendar-owner").Closest(".mud-input-control")!.MouseDown();

    private static void Choose(IRenderedComponent<Calendar> page, IRenderedComponent<MudPopoverProvider> provider, string label)
    {
        OpenOwners(page);
        provider.WaitForElements(".mud-list-item").Single(i => i.TextContent.Trim() == label).Click();
    }

    private static IElement Day(IRenderedComponent<Calendar> page, string isoDate) => page.Find($"[data-testid=day-{isoDate}]");

    private static string Text(IElement element, string testId) => element.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static Result<IReadOnlyList<AppointmentDto>> Appointments(params AppointmentDto[] appointments) => Result<IReadOnlyList<AppointmentDto>>.Success(appointments);

    private static Result<IReadOnlyList<ClinicianDto>> Clinicians(params ClinicianDto[] clinicians) => Result<IReadOnlyList<ClinicianDto>>.Success(clinicians);

    private static Result<IReadOnlyList<RoomDto>> Rooms(params RoomDto[] rooms) => Result<IReadOnlyList<RoomDto>>.Success(rooms);

    internal static AppointmentDto Appointment(
        DateTime startUtc, int minutes, string patient, Guid? courseId = null, AppointmentKind kind = AppointmentKind.Preparation,
        AppointmentStatus status = AppointmentStatus.Booked, bool gateNotMet = false, string? room = "Sage room", string? location = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), courseId ?? Guid.NewGuid(), Guid.NewGuid(), patient, kind, startUtc, startUtc.AddMinutes(minutes),
            Guid.NewGuid(), "Terry Therapist", null, room, location, status, null, gateNotMet);
}
