using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.EmergencyAccess;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Security;

/// <summary>"Break the glass" (issue 8): a reason, an expiry (4 h), an audit entry and a note to every admin.</summary>
public sealed class EmergencyAccessTests : ClinicTest
{
    [Fact]
    public async Task A_clinician_outside_the_care_team_opens_a_course_with_a_reason_for_four_hours_audited_and_admins_told()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetCourseQuery(course))).Error!.Kind);

        var noReason = await _app.SendAsync(new RequestEmergencyAccessCommand(course, "urgent"));
        Assert.Equal(ErrorKind.Validation, noReason.Error!.Kind);

        var granted = await _app.SendAsync(new RequestEmergencyAccessCommand(course, "Covering for Dr A: patient called in crisis"));
        Assert.True(granted.IsSuccess, granted.Error?.Message);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime.AddHours(4), granted.Value);
        Assert.True((await _app.SendAsync(new GetCourseQuery(course))).IsSuccess);
        Assert.True((await _app.SendAsync(new GetMeasuresQuery(course))).IsSuccess);

        await using (var db = _app.Db())
        {
            var audit = await db.AuditEntries.Where(e => e.Action == "RequestEmergencyAccess").SingleAsync();
            Assert.Equal((true, _clinic.TherapistB, course), (audit.Success, audit.UserId!.Value, audit.EntityId!.Value));
            Assert.Contains("break-glass", audit.Outcome);
            var told = await db.InboxMessages.Where(m => m.Subject == "Emergency access to a patient record").ToListAsync();
            Assert.Equal(_clinic.Admin, Assert.Single(told).UserId);
            Assert.Contains("Covering for Dr A", told[0].Body);
        }

        _app.Clock.Advance(TimeSpan.FromHours(4).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetCourseQuery(course))).Error!.Kind);
    }

    [Fact]
    public async Task Only_clinicians_without_access_may_break_the_glass()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        Assert.Contains("already have access", (await _app.SendAsync(new RequestEmergencyAccessCommand(course, "Just checking the record now"))).Error!.Message);
        _clinic.AsAdmin();
        Assert.Contains("Administrators already see", (await _app.SendAsync(new RequestEmergencyAccessCommand(course, "Just checking the record now"))).Error!.Message);
        _clinic.AsNpB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new RequestEmergencyAccessCommand(Guid.NewGuid(), "Patient called in crisis now"))).Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(0, await db.EmergencyAccesses.CountAsync());
    }
}
