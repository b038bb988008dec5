using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.GetCaseload;
using Kap.Application.Features.Scheduling.Common;
using Kap.Application.Features.Scheduling.GetCalendar;
using Kap.Domain.Scheduling;
using Kap.Web.Components.Pages.Courses;
using Kap.Web.Components.Pages.Scheduling;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Scheduling;

/// <summary>The signed-in clinician's appointments today, at the top of the caseload. The test clock says Tuesday 24 November 2026 in New York.</summary>
public sealed class TodayListTests : KapComponentTest
{
    [Fact]
    public void Nothing_booked_today_says_so()
    {
        var list = Render<TodayList>();

        Assert.Equal(new GetCalendarQuery(new DateOnly(2026, 11, 24), 1, null, null), Assert.Single(Sender.SentOf<GetCalendarQuery>()));
        Assert.Equal("Nothing booked today", list.Find("[data-testid=today-empty]").TextContent.Trim());
        Assert.Empty(list.FindAll("[data-testid=today-item]"));
        Assert.Equal("Today, Tue 24 Nov", list.Find("h2").TextContent.Trim());
    }

    [Fact]
    public void Todays_appointments_are_listed_in_time_order_with_clinic_time_kind_and_a_patient_link()
    {
        var courseId = Guid.NewGuid();
        var dosing = CalendarTests.Appointment(new DateTime(2026, 11, 24, 19, 0, 0, DateTimeKind.Utc), 120, "Alice Nguyen", courseId, AppointmentKind.Dosing);
        var busy = CalendarTests.Appointment(new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc), 60, AppointmentQueries.Busy, Guid.Empty, AppointmentKind.Consultation);
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(_ => Result<IReadOnlyList<AppointmentDto>>.Success([dosing, busy]));

        var list = Render<TodayList>();

        var items = list.FindAll("[data-testid=today-item]");
        Assert.Equal(2, items.Count);
        Assert.Equal("09:30", items[0].QuerySelector("[data-testid=today-time]")!.TextContent.Trim());
        Assert.Contains("Consultation", items[0].TextContent);
        Assert.Contains("Busy", items[0].TextContent);
        Assert.Empty(items[0].QuerySelectorAll("a"));

        Assert.Equal("14:00", items[1].QuerySelector("[data-testid=today-time]")!.TextContent.Trim());
        Assert.Contains("Dosing", items[1].TextContent);
        var link = items[1].QuerySelector("a")!;
        Assert.Equal($"courses/{courseId}", link.GetAttribute("href"));
        Assert.Equal("Alice Nguyen", link.TextContent.Trim());
        Assert.Empty(list.FindAll("[data-testid=today-empty]"));
    }

    [Fact]
    public void A_failed_query_shows_its_message()
    {
        Sender.On<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>(_ => Error.Forbidden());

        var list = Render<TodayList>();

        Assert.Equal("You do not have permission to do this.", list.Find("[data-testid=today-error]").TextContent.Trim());
    }

    [Fact]
    public void The_caseload_shows_the_today_list_above_the_courses()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => new CaseloadDto(new PagedList<CaseloadRow>([], 1, 20, 0), []));
        Sender.On<Kap.Application.Features.Measures.GetRiskAlerts.GetRiskAlertsQuery, Result<IReadOnlyList<Kap.Application.Features.Measures.GetRiskAlerts.RiskAlertDto>>>(
            _ => Result<IReadOnlyList<Kap.Application.Features.Measures.GetRiskAlerts.RiskAlertDto>>.Success([]));
        Sender.On<Kap.Application.Features.Portal.GetAppointmentRequestsQuery, Result<IReadOnlyList<Kap.Application.Features.Portal.AppointmentRequestDto>>>(
            _ => Result<IReadOnlyList<Kap.Application.Features.Portal.AppointmentRequestDto>>.Success([]));

        var page = RenderPage<Caseload>();

        Assert.Equal("Nothing booked today", page.Find("[data-testid=today-list] [data-testid=today-empty]").TextContent.Trim());
        Assert.Equal(new[] { "Caseload", "Today, Tue 24 Nov" }, page.FindAll("h1, h2").Select(h => h.TextContent.Trim()));
    }
}
