using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Audit;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Audit;

public sealed class GetAuditEntriesTests : ClinicTest
{
    private Guid _jamie;
    private Guid _robin;

    /// <summary>
    /// Day 1 (24 Nov, clinic time): therapist A registers Jamie Rivera and opens a course, then tries a phase change
    /// the rules refuse. Day 3 (26 Nov): therapist B registers Robin Lee.
    /// </summary>
    private async Task ActivityAsync()
    {
        Guid course;
        (_jamie, course) = await _clinic.PatientOfTherapistAAsync("Jamie Rivera");
        Assert.Equal(ErrorKind.Rule, (await _app.SendAsync(new ChangeCoursePhaseCommand(course, Guid.NewGuid(), CoursePhase.Completed, null))).Error!.Kind);
        _app.Clock.Advance(TimeSpan.FromDays(2));
        _clinic.AsTherapistB();
        _robin = await _clinic.RegisterPatientAsync("Robin Lee");
        _clinic.AsAdmin();
    }

    private async Task<PagedList<AuditEntryDto>> GetAsync(AuditFilter filter, int page = 1, int pageSize = 50)
    {
        _clinic.AsAdmin();
        var result = await _app.SendAsync(new GetAuditEntriesQuery(filter, page, pageSize));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    [Fact]
    public async Task Filters_select_by_patient_user_action_day_and_outcome()
    {
        await ActivityAsync();

        var jamie = await GetAsync(new AuditFilter(PatientId: _jamie));
        Assert.Equal(["ChangeCoursePhase", "OpenCourse", "RegisterPatient"], jamie.Items.Select(e => e.Action));
        Assert.All(jamie.Items, e => Assert.Equal("Jamie Rivera", e.PatientName));

        var byName = await GetAsync(new AuditFilter(PatientName: "rivera"));
        // The read just above names Jamie too: reading the trail is audited.
        Assert.Equal(["GetAuditEntries", .. jamie.Items.Select(e => e.Action)], byName.Items.Select(e => e.Action));
        Assert.Equal(jamie.Items.Select(e => e.Id), byName.Items.Skip(1).Select(e => e.Id));

        var byB = await GetAsync(new AuditFilter(UserId: _clinic.TherapistB));
        var robin = Assert.Single(byB.Items);
        Assert.Equal(("RegisterPatient", _robin, "Robin Lee", "Therapist"), (robin.Action, robin.PatientId!.Value, robin.PatientName, robin.Roles));

        Assert.Equal(2, (await GetAsync(new AuditFilter(Action: "RegisterPatient"))).TotalCount);
        Assert.Equal(0, (await GetAsync(new AuditFilter(Action: "Register"))).TotalCount);
        Assert.Equal(2, (await GetAsync(new AuditFilter(Action: "Register*"))).TotalCount);
        Assert.Equal(["ChangeCoursePhase"], (await GetAsync(new AuditFilter(Action: "Change*", PatientId: _jamie))).Items.Select(e => e.Action));

        var failed = Assert.Single((await GetAsync(new AuditFilter(Success: false))).Items);
        Assert.Equal(("ChangeCoursePhase", "refused"), (failed.Action, failed.Outcome));

        var dayThree = await GetAsync(new AuditFilter(From: new DateOnly(2026, 11, 26), To: new DateOnly(2026, 11, 26), Action: "Register*"));
        Assert.Equal([_robin], dayThree.Items.Select(e => e.PatientId!.Value));
        var dayOne = await GetAsync(new AuditFilter(From: new DateOnly(2026, 11, 24), To: new DateOnly(2026, 11, 24), Action: "Register*"));
        Assert.Equal([_jamie], dayOne.Items.Select(e => e.PatientId!.Value));
        Assert.Equal(0, (await GetAsync(new AuditFilter(From: new DateOnly(2026, 11, 25), To: new DateOnly(2026, 11, 25), Action: "Register*"))).TotalCount);
    }

    [Fact]
    public async Task A_day_is_the_clinics_day_not_UTCs()
    {
        // 03:30 UTC on 25 Nov is 22:30 on 24 Nov in New York.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 3, 30, 0, TimeSpan.Zero));
        var (patient, _) = await _clinic.PatientOfTherapistAAsync();

        Assert.Equal(2, (await GetAsync(new AuditFilter(PatientId: patient, From: new DateOnly(2026, 11, 24), To: new DateOnly(2026, 11, 24)))).TotalCount);
        Assert.Equal(0, (await GetAsync(new AuditFilter(PatientId: patient, From: new DateOnly(2026, 11, 25), To: new DateOnly(2026, 11, 25)))).TotalCount);
    }

    [Fact]
    public async Task Pages_are_newest_first_and_capped()
    {
        await ActivityAsync();
        // Therapist A's entries: the admin's own (audited) reads do not change this selection between the calls.
        var all = await GetAsync(new AuditFilter(UserId: _clinic.TherapistA, Action: "*"));
        Assert.Equal(3, all.TotalCount);
        Assert.Equal(all.Items.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Select(e => e.Id), all.Items.Select(e => e.Id));

        var second = await GetAsync(new AuditFilter(UserId: _clinic.TherapistA), page: 2, pageSize: 2);
        Assert.Equal((3, 2, 2), (second.TotalCount, second.Page, second.PageSize));
        Assert.Equal(all.Items.Skip(2).Select(e => e.Id), second.Items.Select(e => e.Id));

        var tooMany = await _app.SendAsync(new GetAuditEntriesQuery(new AuditFilter(), 1, GetAuditEntriesQuery.MaxPageSize + 1));
        Assert.Equal(ErrorKind.Validation, tooMany.Error!.Kind);
        var backwards = await _app.SendAsync(new GetAuditEntriesQuery(new AuditFilter(From: new DateOnly(2026, 11, 25), To: new DateOnly(2026, 11, 24))));
        Assert.Equal(ErrorKind.Validation, backwards.Error!.Kind);
    }

    [Fact]
    public async Task Reading_the_trail_is_itself_audited()
    {
        await ActivityAsync();
        await GetAsync(new AuditFilter(PatientId: _jamie));

        await using var db = _app.Db();
        var last = await db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal(("GetAuditEntries", _clinic.Admin, _jamie, true), (last.Action, last.UserId!.Value, last.PatientId!.Value, last.Success));
    }

    [Fact]
    public async Task Only_admins_read_verify_or_export_the_trail()
    {
        await ActivityAsync();
        var refusedAs = new Action[]
        {
            _clinic.AsTherapistA,
            _clinic.AsNpA,
            () => _app.SignInAs(Guid.NewGuid(), KapRoles.Patient),
            _app.SignOut,
        };
        foreach (var signIn in refusedAs)
        {
            signIn();
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetAuditEntriesQuery(new AuditFilter()))).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new VerifyAuditChainQuery())).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new ExportAuditCsvQuery(new AuditFilter()))).Error!.Kind);
        }

        await using var db = _app.Db();
        Assert.Equal(refusedAs.Length * 3, await db.AuditEntries.CountAsync(a => !a.Success && (a.Action == "GetAuditEntries" || a.Action == "VerifyAuditChain" || a.Action == "ExportAuditCsv")));
    }

    [Fact]
    public async Task The_export_has_the_filtered_rows_with_clinic_and_UTC_times_and_their_hashes()
    {
        await ActivityAsync();
        _clinic.AsAdmin();
        var result = await _app.SendAsync(new ExportAuditCsvQuery(new AuditFilter(PatientName: "Robin")));
        Assert.True(result.IsSuccess, result.Error?.Message);

        var lines = result.Value.Content.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", ExportAuditCsvHandler.Header), lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",RegisterPatient,", row);
        Assert.Contains("Robin Lee", row);
        Assert.Contains("2026-11-26 10:00:00,America/New_York,2026-11-26T15:00:00Z", row);
        Assert.Matches(",[0-9a-f]{64},[0-9a-f]{64}$", row);
        Assert.Equal(1, result.Value.Rows);
    }
}
