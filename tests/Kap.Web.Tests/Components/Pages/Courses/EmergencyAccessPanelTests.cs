using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.EmergencyAccess;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Web.Components.Pages.Courses;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Courses;

/// <summary>The course page offers "break the glass" to a clinician outside the care team, and sends the reason they give.</summary>
public sealed class EmergencyAccessPanelTests : KapComponentTest
{
    private static readonly Guid CourseId = Guid.NewGuid();

    [Fact]
    public void A_therapist_outside_the_care_team_gives_a_reason_to_open_the_course_and_a_refusal_is_shown()
    {
        Sender.On<GetCourseQuery, Result<CourseDetailDto>>(_ => Error.NotFound("The course"));
        Sender.On<RequestEmergencyAccessCommand, Result<DateTime>>(_ =>
            Error.Field("Reason", "Say why you need this record now (at least 10 characters); the reason is audited and sent to the administrators."));

        var page = RenderPage<CourseDetail>(p => p.Add(x => x.CourseId, CourseId));
        Assert.Contains("every administrator is told at once", page.Find("[data-testid=emergency-access]").TextContent);

        page.Find("#emergency-reason").Change("urgent");
        page.Find("[data-testid=open-in-emergency]").Click();

        Assert.Equal(new RequestEmergencyAccessCommand(CourseId, "urgent"), Assert.Single(Sender.SentOf<RequestEmergencyAccessCommand>()));
        Assert.Contains("at least 10 characters", page.Find("[data-testid=emergency-error]").TextContent);
    }

    [Fact]
    public void Admins_see_every_course_and_are_not_offered_emergency_access()
    {
        SignInAs("Avery Admin", KapRoles.Admin, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.Admin);
        Sender.On<GetCourseQuery, Result<CourseDetailDto>>(_ => Error.NotFound("The course"));

        var page = RenderPage<CourseDetail>(p => p.Add(x => x.CourseId, CourseId));

        Assert.Contains("The course", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=emergency-access]"));
    }
}
