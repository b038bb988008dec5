using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.GetCaseload;
using Kap.Application.Features.Portal;
using Kap.Application.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Performance;

/// <summary>
/// Indexes proven (issue 9): the statements behind the due-reminders dispatcher, the portal's upcoming appointments and
/// the caseload are captured as EF Core sent them (the command interceptor) while the real messages run through the
/// pipeline against the migrated SQLite database. Each is then run through <c>EXPLAIN QUERY PLAN</c>, and the test fails when
/// a plan reads a big table end to end without an index — the plan that makes a page as slow as the clinic is large.
/// <para>
/// SQLite plans with table statistics when it has them, and Kap's start-up gathers them (<c>PRAGMA optimize</c> in
/// DatabaseInitializer). Each case is explained twice: without statistics (a new database, before its first restart with
/// data: SQLite then guesses that every index lookup finds 10 rows), and with the statistics of a large clinic — 100,000
/// patients — written into <c>sqlite_stat1</c> (<see cref="LargeClinicStatistics"/>), so that the plans are those of a big
/// database without building one. The few rows seeded only make the handlers take every branch.
/// </para>
/// </summary>
public sealed class QueryPlanTests : ClinicTest
{
    private BulkSeed? _seed;

    private BulkSeed Seed => _seed ??= new BulkSeed(_app);

    private string DatabaseFile => Path.Combine(_app.DataDirectory, "kap.db");

    private static DateTime Now => KapTestApp.Now.UtcDateTime;

    /// <summary>
    /// The Hangfire job's pass: AnyRemindersDue, ClaimDueReminders (the due query, then a conditional UPDATE per reminder)
    /// and a DeliverReminder per claimed one. The due query filters every reminder ever planned on Status and DueUtc.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_reminder_dispatcher_reads_due_reminders_through_an_index(bool largeClinic)
    {
        var courses = await Seed.CoursesAsync(40, _clinic.TherapistA, _clinic.NpA);
        var appointments = await Seed.AppointmentsAsync(courses, 200, Now.AddDays(1), TimeSpan.FromHours(1), _clinic.TherapistA);
        await Seed.RemindersAsync(appointments, 1000, _clinic.TherapistA);

        var log = await RunAsync(largeClinic, async app =>
        {
            app.SignInAsSystem();
            Assert.True(await app.DispatchAsync() > 0);
        });

        Assert.Contains(log.Reads, sql => sql.Contains("FROM \"Reminders\"", StringComparison.Ordinal) && sql.Contains("\"DueUtc\" <=", StringComparison.Ordinal));
        await AssertNoFullScansAsync(log);
    }

    /// <summary>The portal's home page (GetMyAppointments): the patient by their login, their next appointments with plan and requests, unread messages.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_portal_reads_upcoming_appointments_through_indexes(bool largeClinic)
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync("Alex Morgan");
        var others = await Seed.CoursesAsync(200, _clinic.TherapistA, _clinic.NpA);
        await Seed.AppointmentsAsync(others, 400, Now.AddDays(1), TimeSpan.FromHours(1), _clinic.TherapistA);
        Guid user;
        await using (var db = _app.Db())
        {
            var appointments = await Seed.AppointmentsAsync([await db.Courses.AsNoTracking().SingleAsync(c => c.Id == course)], 40, Now.AddDays(1),
                TimeSpan.FromDays(1), _clinic.TherapistA, rooms: await Seed.RoomsAsync(3));
            await Seed.RescheduleRequestsAsync(appointments);
            user = await db.Patients.Where(p => p.Id == patient).Select(p => p.UserId!.Value).SingleAsync();
            await Seed.InboxMessagesAsync(user, 20);
        }

        var log = await RunAsync(largeClinic, async app =>
        {
            app.SignInAs(user, KapRoles.Patient);
            Assert.Equal(GetMyAppointmentsHandler.MaxRows, (await app.SendAsync(new GetMyAppointmentsQuery())).Ok().Upcoming.Count);
        });

        Assert.Contains(log.Reads, sql => sql.Contains("FROM \"Appointments\"", StringComparison.Ordinal));
        await AssertNoFullScansAsync(log);
    }

    /// <summary>
    /// Who opens the caseload, with or without a name search, without statistics and with a large clinic's. An admin's
    /// caseload (every course in the clinic, by patient name) needs statistics: without them SQLite sorts every course instead
    /// of walking the patient-name index, so it is listed with statistics only (docs/benchmarks.md says so).
    /// </summary>
    public static TheoryData<string, string?, bool> CaseloadCases => new()
    {
        { KapRoles.Therapist, null, false },
        { KapRoles.Therapist, "Patient 001", false },
        { KapRoles.NursePractitioner, null, false },
        { KapRoles.Therapist, null, true },
        { KapRoles.Therapist, "Patient 001", true },
        { KapRoles.NursePractitioner, null, true },
        { KapRoles.Admin, null, true },
        { KapRoles.Admin, "Patient 001", true },
    };

    /// <summary>
    /// GetCaseload: the count, the page of 20 by patient name, and the patients waiting for a course — for a therapist and a
    /// nurse practitioner (their own courses and any opened in an emergency) and for an admin (every course).
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseloadCases))]
    public async Task The_caseload_reads_through_indexes(string role, string? search, bool largeClinic)
    {
        await Seed.CoursesAsync(300, _clinic.TherapistA, _clinic.NpA);
        await Seed.CoursesAsync(300, _clinic.TherapistB, _clinic.NpB);
        await Seed.PatientsWithoutCourseAsync(50, _clinic.TherapistA);
        var (user, roleName) = role switch
        {
            KapRoles.Therapist => (_clinic.TherapistA, KapRoles.Therapist),
            KapRoles.NursePractitioner => (_clinic.NpA, KapRoles.NursePractitioner),
            _ => (_clinic.Admin, KapRoles.Admin),
        };

        var log = await RunAsync(largeClinic, async app =>
        {
            app.SignInAs(user, roleName);
            (await app.SendAsync(new GetCaseloadQuery(search))).Ok();
        });

        Assert.Contains(log.Reads, sql => sql.Contains("FROM \"Courses\"", StringComparison.Ordinal));
        await AssertNoFullScansAsync(log);
    }

    /// <summary>
    /// Kap's start-up gathers the statistics the planner needs: an app started again on a database with data (a restart)
    /// leaves <c>sqlite_stat1</c> filled for the big tables.
    /// </summary>
    [Fact]
    public async Task A_restart_gathers_table_statistics()
    {
        var courses = await Seed.CoursesAsync(300, _clinic.TherapistA, _clinic.NpA);
        await Seed.AppointmentsAsync(courses, 600, Now.AddDays(1), TimeSpan.FromHours(1), _clinic.TherapistA);
        Assert.DoesNotContain("Courses", await StatisticsAsync());

        await using (await KapTestApp.CreateAsync(sharedDirectory: _app.DataDirectory))
        {
            Assert.Superset(new HashSet<string> { "Patients", "Courses", "Appointments" }, (await StatisticsAsync()).ToHashSet());
        }
    }

    /// <summary>Runs the messages on the app as it is, or after writing a large clinic's statistics into its database.</summary>
    private async Task<CommandLog> RunAsync(bool largeClinic, Func<KapTestApp, Task> send)
    {
        if (largeClinic)
        {
            await LargeClinicStatistics.WriteAsync(DatabaseFile);
        }

        return await CommandLog.MeasureAsync(_app, () => send(_app));
    }

    /// <summary>The tables sqlite_stat1 has statistics for.</summary>
    private async Task<IReadOnlyList<string>> StatisticsAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            return [];
        }

        command.CommandText = "SELECT DISTINCT tbl FROM sqlite_stat1";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>Every statement the messages sent (the audit trail's too), explained; the plans go to the test's output.</summary>
    private async Task AssertNoFullScansAsync(CommandLog log)
    {
        var output = TestContext.Current.TestOutputHelper;
        var failures = new List<string>();
        foreach (var sql in log.All.Distinct())
        {
            var plan = await QueryPlan.ExplainAsync(DatabaseFile, sql);
            output?.WriteLine(sql + "\n  => " + string.Join("\n  => ", plan) + "\n");
            failures.AddRange(QueryPlan.FullScans(sql, plan).Select(scan => $"{scan} in:\n{sql}"));
        }

        Assert.True(failures.Count == 0, "Full table scans:\n" + string.Join("\n\n", failures));
    }
}
