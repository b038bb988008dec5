using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Portal.CalendarFeed;
using Kap.Application.Tests.Features.Scheduling;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Feed = Kap.Domain.Portal.CalendarFeed;

namespace Kap.Application.Tests.Features.Portal;

/// <summary>
/// The patient's calendar feed: making, regenerating and turning it off, with two patients (each reaches only their
/// own), staff refused, and the anonymous read by token (unknown, revoked and malformed tokens are all NotFound).
/// </summary>
public sealed class CalendarFeedTests : SchedulingTest
{
    private Guid _patientA;
    private Guid _patientB;
    private Guid _userA;
    private Guid _userB;

    /// <summary>Two patients with their own logins (A in Chicago, B in London); every test starts with it.</summary>
    private async Task TwoPatientsAsync()
    {
        (_patientA, _) = await PatientAsync("Ada Alpha", ReminderChannel.Email, "America/Chicago");
        (_patientB, _) = await PatientAsync("Ben Beta", ReminderChannel.Email, "Europe/London");
        _userA = await PatientUserAsync(_patientA);
        _userB = await PatientUserAsync(_patientB);
    }

    private void AsPatientA() => _app.SignInAs(_userA, KapRoles.Patient);

    private void AsPatientB() => _app.SignInAs(_userB, KapRoles.Patient);

    private async Task<NewCalendarFeedDto> CreateAsync()
    {
        var result = await _app.SendAsync(new CreateMyCalendarFeedCommand());
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    private async Task<MyCalendarFeedDto> MineAsync()
    {
        var result = await _app.SendAsync(new GetMyCalendarFeedQuery());
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    /// <summary>Reads the feed the way the endpoint does: with nobody signed in.</summary>
    private async Task<Result<string>> ReadAsync(string token)
    {
        _app.SignOut();
        return await _app.SendAsync(new GetCalendarFeedIcsQuery(token));
    }

    private async Task<List<Feed>> FeedsAsync(Guid patient)
    {
        await using var db = _app.Db();
        return await db.CalendarFeeds.AsNoTracking().Where(f => f.PatientId == patient).OrderBy(f => f.CreatedAtUtc).ToListAsync();
    }

    [Fact]
    public async Task A_patient_makes_a_feed_and_later_sees_since_when_but_never_the_token_again()
    {
        await TwoPatientsAsync();
        AsPatientA();
        Assert.False((await MineAsync()).IsActive);

        var created = await CreateAsync();

        Assert.True(Feed.LooksLikeToken(created.Token));
        Assert.Equal(KapTestApp.Now.UtcDateTime, created.CreatedAtUtc);
        Assert.Equal(new DateTime(2026, 11, 24, 9, 0, 0), created.CreatedAtLocal); // Chicago, UTC-6
        Assert.DoesNotContain(created.Token, created.ToString(), StringComparison.Ordinal);

        var mine = await MineAsync();
        Assert.True(mine.IsActive);
        Assert.Equal(created.CreatedAtUtc, mine.ActiveSinceUtc);
        Assert.Equal(created.CreatedAtLocal, mine.ActiveSinceLocal);

        // Only the hash is stored.
        var stored = Assert.Single(await FeedsAsync(_patientA));
        Assert.Equal(Feed.Hash(created.Token), stored.TokenHash);
        Assert.NotEqual(created.Token, stored.TokenHash);

        Assert.True((await ReadAsync(created.Token)).IsSuccess);
    }

    [Fact]
    public async Task Regenerating_revokes_the_old_address_and_the_old_token_is_not_found()
    {
        await TwoPatientsAsync();
        AsPatientA();
        var first = await CreateAsync();
        _app.Clock.Advance(TimeSpan.FromDays(2));

        var second = await CreateAsync();

        Assert.NotEqual(first.Token, second.Token);
        var feeds = await FeedsAsync(_patientA);
        Assert.Equal(2, feeds.Count);
        Assert.Equal(second.CreatedAtUtc, feeds[0].RevokedAtUtc);
        Assert.True(feeds[1].IsActive);
        Assert.Equal(ErrorKind.NotFound, (await ReadAsync(first.Token)).Error!.Kind);
        Assert.True((await ReadAsync(second.Token)).IsSuccess);

        AsPatientA();
        Assert.Equal(second.CreatedAtUtc, (await MineAsync()).ActiveSinceUtc);
    }

    [Fact]
    public async Task Revoking_turns_the_address_off_and_there_is_then_nothing_left_to_revoke()
    {
        await TwoPatientsAsync();
        AsPatientA();
        var created = await CreateAsync();

        var revoked = await _app.SendAsync(new RevokeMyCalendarFeedCommand());

        Assert.True(revoked.IsSuccess, Describe(revoked.Error));
        Assert.False((await MineAsync()).IsActive);
        Assert.Equal(KapTestApp.Now.UtcDateTime, Assert.Single(await FeedsAsync(_patientA)).RevokedAtUtc);
        var read = await ReadAsync(created.Token);
        Assert.Equal(ErrorKind.NotFound, read.Error!.Kind);

        AsPatientA();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new RevokeMyCalendarFeedCommand())).Error!.Kind);
    }

    [Fact]
    public async Task Another_patient_can_neither_see_nor_revoke_nor_replace_a_patients_feed()
    {
        await TwoPatientsAsync();
        AsPatientA();
        var a = await CreateAsync();

        AsPatientB();
        Assert.False((await MineAsync()).IsActive);
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new RevokeMyCalendarFeedCommand())).Error!.Kind);
        var b = await CreateAsync();
        Assert.True((await _app.SendAsync(new RevokeMyCalendarFeedCommand())).IsSuccess);

        // A's feed is untouched by everything B did.
        Assert.True(Assert.Single(await FeedsAsync(_patientA)).IsActive);
        Assert.True((await ReadAsync(a.Token)).IsSuccess);
        Assert.Equal(ErrorKind.NotFound, (await ReadAsync(b.Token)).Error!.Kind);
        AsPatientA();
        Assert.Equal(a.CreatedAtUtc, (await MineAsync()).ActiveSinceUtc);
    }

    [Fact]
    public async Task A_token_reads_only_its_own_patients_appointments()
    {
        await TwoPatientsAsync();
        AsPatientA();
        var a = await CreateAsync();
        AsPatientB();
        var b = await CreateAsync();
        await AddAppointmentAsync(_patientA, Utc(2026, 12, 2, 15), "Ada's place");
        await AddAppointmentAsync(_patientB, Utc(2026, 12, 3, 15), "Ben's place");

        var icsA = (await ReadAsync(a.Token)).Value;
        var icsB = (await ReadAsync(b.Token)).Value;

        Assert.Contains("Ada's place", icsA, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben's place", icsA, StringComparison.Ordinal);
        Assert.Contains("Ben's place", icsB, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada's place", icsB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_and_anonymous_visitors_are_refused_the_patients_messages()
    {
        await TwoPatientsAsync();
        foreach (var signIn in new Action[] { _clinic.AsTherapistA, _clinic.AsNpA, _clinic.AsAdmin, _app.SignOut })
        {
            signIn();
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetMyCalendarFeedQuery())).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new CreateMyCalendarFeedCommand())).Error!.Kind);
            Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new RevokeMyCalendarFeedCommand())).Error!.Kind);
        }

        await using var db = _app.Db();
        Assert.Empty(await db.CalendarFeeds.ToListAsync());
        Assert.Equal(12, await db.AuditEntries.CountAsync(e => e.Action.Contains("MyCalendarFeed") && !e.Success && e.Outcome == "forbidden"));
    }

    [Fact]
    public async Task A_patient_login_without_a_patient_record_gets_not_found()
    {
        await TwoPatientsAsync();
        var orphan = await _app.CreateUserAsync(KapRoles.Patient, "No Record");
        _app.SignInAs(orphan, KapRoles.Patient);

        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetMyCalendarFeedQuery())).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new CreateMyCalendarFeedCommand())).Error!.Kind);
    }

    [Fact]
    public async Task An_unknown_token_is_not_found()
    {
        await TwoPatientsAsync();
        var (_, token) = Feed.Create(_patientA, KapTestApp.Now.UtcDateTime); // well-formed, never stored

        var result = await ReadAsync(token);

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 42 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 44 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")] // standard base64, not URL-safe
    [InlineData("../../../../../../../../../../../etc/passwd")]
    [InlineData("' OR 1=1 --AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_malformed_token_is_not_found_without_any_database_query(string token)
    {
        await TwoPatientsAsync();
        _app.SignOut();
        var before = _app.Faults.Commands.Count;

        var result = await _app.SendAsync(new GetCalendarFeedIcsQuery(token));

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
        var ran = _app.Faults.Commands.Skip(before).ToList();
        // The pipeline still writes the audit entry of the refused read (so the probe sees its commands), reading the last
        // link of the audit hash chain first; nothing else reads a table.
        Assert.Contains(ran, c => c.TrimStart().StartsWith("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal));
        Assert.All(ran, c => Assert.True(
            c.TrimStart().StartsWith("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal)
            || (c.Contains("FROM \"AuditEntries\"", StringComparison.Ordinal) && !c.Contains("JOIN", StringComparison.Ordinal)
                && c.Split("FROM").Length == 2),
            c));
    }

    [Fact]
    public async Task A_well_formed_token_is_looked_up_by_its_hash_only()
    {
        await TwoPatientsAsync();
        var (_, token) = Feed.Create(_patientA, KapTestApp.Now.UtcDateTime);
        var before = _app.Faults.Commands.Count;

        await ReadAsync(token);

        var lookup = Assert.Single(_app.Faults.Commands.Skip(before), c => c.Contains("\"CalendarFeeds\"", StringComparison.Ordinal));
        Assert.DoesNotContain(token, lookup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Making_revoking_and_reading_are_audited_with_the_patient_and_the_token_is_never_recorded()
    {
        await TwoPatientsAsync();
        AsPatientA();
        var old = await CreateAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var created = await CreateAsync();
        Assert.True((await ReadAsync(created.Token)).IsSuccess);
        Assert.False((await ReadAsync(old.Token)).IsSuccess);
        AsPatientA();
        Assert.True((await _app.SendAsync(new RevokeMyCalendarFeedCommand())).IsSuccess);

        var feeds = await FeedsAsync(_patientA);
        await using var db = _app.Db();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "CalendarFeed").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [
                ("CreateMyCalendarFeed", feeds[0].Id, _userA, true, "ok"),
                ("CreateMyCalendarFeed", feeds[1].Id, _userA, true, "ok; replaced"),
                ("GetCalendarFeedIcs", feeds[1].Id, Guid.Empty, true, "ok"),
                // The revoked address is still being read: the trail says whose it was.
                ("GetCalendarFeedIcs", feeds[0].Id, Guid.Empty, false, "not-found"),
                ("RevokeMyCalendarFeed", feeds[1].Id, _userA, true, "ok"),
            ],
            entries.Select(e => (e.Action, e.EntityId!.Value, e.UserId ?? Guid.Empty, e.Success, e.Outcome!)));
        Assert.All(entries, e => Assert.Equal(_patientA, e.PatientId));

        var everything = string.Join("|", (await db.AuditEntries.AsNoTracking().ToListAsync())
            .Select(e => $"{e.Action} {e.EntityType} {e.EntityId} {e.UserName} {e.Roles} {e.Outcome}"));
        Assert.DoesNotContain(old.Token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token, everything, StringComparison.Ordinal);
        Assert.Equal(nameof(GetCalendarFeedIcsQuery), new GetCalendarFeedIcsQuery(created.Token).ToString());
    }

    private async Task AddAppointmentAsync(Guid patient, DateTime startUtc, string location)
    {
        await using var db = _app.Db();
        var course = await db.Courses.Where(c => c.PatientId == patient).Select(c => c.Id).FirstAsync();
        db.Appointments.Add(new Kap.Domain.Scheduling.Appointment(course, patient, Kap.Domain.Scheduling.AppointmentKind.Integration, startUtc, startUtc.AddHours(1),
            _clinic.TherapistA, null, null, location, false, _clinic.TherapistA, KapTestApp.Now.UtcDateTime));
        await db.SaveChangesAsync();
    }
}
