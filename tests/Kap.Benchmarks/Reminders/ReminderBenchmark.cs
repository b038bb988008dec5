using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Application.Features.Reminders.DispatchReminders;
using Kap.Benchmarks.Load;
using Kap.Benchmarks.Seed;
using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Kap.Infrastructure.Persistence;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kap.Benchmarks.Reminders;

/// <summary>
/// Reminders end to end through the app's own code, in the app's own process (Kap.Web's composition, Hangfire's server
/// removed so that only the simulated clock drives the dispatcher):
/// <list type="number">
/// <item>Planning: ReminderScheduler.PlanForAppointmentAsync for every appointment of a seeded clinic (20 per patient), a
/// DbContext and SaveChanges per 500 appointments, with the clock set before the first one so that every reminder is planned.
/// Every patient is set to the in-app channel, so the dispatch below never sends email.</item>
/// <item>Dispatch at the configured interval: a simulated clock moves in ticks of the recurring job's interval (one minute,
/// Cron.Minutely) through the busiest days; each tick runs ReminderDispatcher.DispatchDueAsync once, as the Hangfire job does,
/// with the clock running in real time inside the tick (a tick that takes longer than the interval delays the next one).
/// Lateness is sent − due, in simulated time.</item>
/// <item>Throughput: a day's backlog (the clock jumps a day ahead) handled by one dispatcher run, beside a baseline
/// in the same run that delivers the same number of reminders with hand-written ADO.NET (one transaction each: mark sent, add
/// the inbox message).</item>
/// <item>The due-reminders query with 1,000,000 reminder rows: the app's query (its LINQ, copied from Due.Filter, which is
/// internal), AnyRemindersDueQuery through the Mediator pipeline, the same SQL by hand, and a COUNT(*) of what is due.</item>
/// </list>
/// </summary>
public static class ReminderBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var appointments = options.GetInt("appointments", 100_000);
        var totalRows = options.GetInt("rows", 1_000_000);
        var days = options.GetInt("days", 2);
        var db = options.Get("db", "/tmp/kap-reminders.db");
        var output = options.Get("out", "");
        var report = new StringBuilder();

        // A clinic with the requested number of appointments (20 per patient), without its reminders: they are planned below.
        var patients = Math.Max(1, appointments / 20);
        Console.WriteLine($"Seeding {patients:N0} patients ({patients * 20:N0} appointments) into {db} ...");
        await ClinicSeeder.SeedAsync(db, patients);
        var connectionString = KapServices.ConnectionString(db);
        DateTime firstStart;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            Exec(connection, "DELETE FROM InboxMessages; DELETE FROM Reminders; UPDATE Patients SET ReminderChannel = 1; PRAGMA wal_checkpoint(TRUNCATE);");
            firstStart = DateTime.SpecifyKind(DateTime.Parse((string)Scalar(connection, "SELECT MIN(StartUtc) FROM Appointments")!, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        var clock = new SimulatedClock(firstStart.AddDays(-4));
        await using var host = new KapBenchHost(db, new Dictionary<string, string?> { ["Database:DataDirectory"] = Path.GetTempPath() }, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            // Only the simulated clock runs the dispatcher: Hangfire's server (and its minutely job) is not started.
            foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
                && (d.ImplementationFactory?.Method.DeclaringType?.Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true
                    || d.ImplementationType?.Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true)).ToList())
            {
                services.Remove(hosted);
            }
        });
        var sp = host.Services;
        var reminderOptions = sp.GetRequiredService<IOptionsMonitor<ReminderOptions>>().CurrentValue;
        var interval = TimeSpan.FromMinutes(1);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Settings: dispatcher every {interval.TotalMinutes:F0} min (Cron.Minutely), DispatchBatchSize {reminderOptions.DispatchBatchSize}, MaxAttempts {reminderOptions.MaxAttempts}. Database {db}.");
        report.AppendLine();

        // 1. Planning.
        var scheduler = sp.GetRequiredService<ReminderScheduler>();
        var factory = sp.GetRequiredService<IKapDbContextFactory>();
        List<Appointment> all;
        await using (var read = await factory.CreateAsync())
        {
            all = await read.Appointments.AsNoTracking().Where(a => a.Status != AppointmentStatus.Cancelled).OrderBy(a => a.StartUtc).ToListAsync();
        }

        Console.WriteLine($"Planning reminders for {all.Count:N0} appointments ...");
        var planning = Stopwatch.StartNew();
        foreach (var chunk in all.Chunk(500))
        {
            await using var write = await factory.CreateAsync();
            foreach (var appointment in chunk)
            {
                await scheduler.PlanForAppointmentAsync(write, appointment, default);
            }

            await write.SaveChangesAsync();
        }

        planning.Stop();
        long planned;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            planned = (long)Scalar(connection, "SELECT COUNT(*) FROM Reminders")!;
        }

        report.AppendLine("### Planning");
        report.AppendLine();
        report.AppendLine("| appointments | reminder rows | seconds | appointments/s | reminders/s |");
        report.AppendLine("|---:|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {all.Count:N0} | {planned:N0} | {planning.Elapsed.TotalSeconds:F1} | {all.Count / planning.Elapsed.TotalSeconds:F0} | {planned / planning.Elapsed.TotalSeconds:F0} |");
        report.AppendLine();
        Console.WriteLine(report);

        // 2. Dispatch at the configured interval through the busiest stretch of days.
        DateTime windowStart;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            windowStart = DateTime.SpecifyKind(DateTime.Parse((string)Scalar(connection,
                "SELECT substr(DueUtc, 1, 10) AS Day FROM Reminders GROUP BY Day ORDER BY COUNT(*) DESC LIMIT 1")!, CultureInfo.InvariantCulture), DateTimeKind.Utc);
            // Everything due before the window counts as already handled, so the window starts with no backlog.
            Exec(connection, $"UPDATE Reminders SET Status = 2, SentAtUtc = DueUtc, Attempts = 1 WHERE DueUtc < '{windowStart:yyyy-MM-dd HH:mm:ss}'");
        }

        Console.WriteLine($"Dispatching {days} simulated days from {windowStart:yyyy-MM-dd} in {interval.TotalMinutes:F0}-minute ticks ...");
        var lateness = new List<double>();
        long delivered = 0;
        var busyTicks = new List<(int Count, double Seconds)>();
        var tick = windowStart;
        var end = windowStart.AddDays(days);
        var ticks = 0;
        while (tick < end)
        {
            clock.StartTick(tick);
            var started = Stopwatch.GetTimestamp();
            var count = await DispatchOnceAsync(sp);
            var realSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            ticks++;
            if (count > 0)
            {
                delivered += count;
                busyTicks.Add((count, realSeconds));
            }

            // The next run comes at the next interval, or when this one finished if it overran.
            tick = tick.Add(TimeSpan.FromSeconds(Math.Max(interval.TotalSeconds, Math.Ceiling(realSeconds / interval.TotalSeconds) * interval.TotalSeconds)));
        }

        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT (julianday(SentAtUtc) - julianday(DueUtc)) * 86400.0 FROM Reminders WHERE Status = 2 AND DueUtc >= '{windowStart:yyyy-MM-dd HH:mm:ss}' AND SentAtUtc IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lateness.Add(reader.GetDouble(0));
            }
        }

        var sorted = lateness.Order().ToArray();
        var busySeconds = busyTicks.Sum(b => b.Seconds);
        report.AppendLine(CultureInfo.InvariantCulture, $"### Dispatch at the configured interval ({days} simulated days from {windowStart:yyyy-MM-dd}, the day with most reminders due)");
        report.AppendLine();
        report.AppendLine("| ticks | ticks with work | reminders sent | reminders/s while working | lateness p50 | p95 | p99 | max |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {ticks:N0} | {busyTicks.Count:N0} | {delivered:N0} | {delivered / Math.Max(0.001, busySeconds):F0} | {Seconds(LoadBenchmark.Percentile(sorted, 0.5))} | {Seconds(LoadBenchmark.Percentile(sorted, 0.95))} | {Seconds(LoadBenchmark.Percentile(sorted, 0.99))} | {Seconds(sorted.LastOrDefault())} |");
        report.AppendLine();
        Console.WriteLine(report);

        // 3. A day's backlog (Kap stopped for a day): one dispatcher run (which claims batch after batch for up to
        // ReminderDispatcher.MaxRunTime), then the same number delivered by hand.
        var backlogAt = end.AddDays(1);
        var openBefore = await OpenDueAsync(connectionString, backlogAt);
        clock.StartTick(backlogAt);
        var drain = Stopwatch.StartNew();
        var sent = await DispatchOnceAsync(sp);
        drain.Stop();
        var drained = (int)(openBefore - await OpenDueAsync(connectionString, backlogAt));
        var appRate = drained / drain.Elapsed.TotalSeconds;
        var (baselineCount, baselineSeconds) = await BaselineDeliverAsync(connectionString, end.AddDays(2), Math.Max(drained, 1));
        var baselineRate = baselineCount / baselineSeconds;
        report.AppendLine(CultureInfo.InvariantCulture, $"### Throughput on a backlog (a day's reminders due at once: {openBefore:N0}; one dispatcher run)");
        report.AppendLine();
        report.AppendLine("| what | reminders | seconds | reminders/s | ratio to baseline |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| ReminderDispatcher run (claim a batch, one DeliverReminderCommand each, again while batches are full): {sent:N0} sent, the rest expired or withdrawn | {drained:N0} | {drain.Elapsed.TotalSeconds:F1} | {appRate:F0} | {appRate / baselineRate:P0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| baseline: ADO.NET, one transaction per reminder (mark sent + inbox row) | {baselineCount:N0} | {baselineSeconds:F1} | {baselineRate:F0} | 100 % |");
        report.AppendLine();
        Console.WriteLine(report);

        // 4. The due-reminders query with 1,000,000 rows.
        await DueQueryAsync(sp, connectionString, totalRows, end.AddDays(3), reminderOptions, report);
        Console.WriteLine(report);
        if (output.Length > 0)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    /// <summary>Reminders still to be handled that are due at <paramref name="now"/> (the app's due filter, by hand).</summary>
    private static async Task<long> OpenDueAsync(string connectionString, DateTime now)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Reminders WHERE DueUtc <= $now AND (Status = 0 OR (Status = 3 AND Attempts < 5) OR Status = 1)";
        command.Parameters.AddWithValue("$now", now);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One pass of the dispatcher, as ReminderJobs.DispatchDueAsync runs it: a new scope acting as Kap itself.</summary>
    private static async Task<int> DispatchOnceAsync(IServiceProvider sp)
    {
        await using var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RunAs>().System();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().DispatchDueAsync(default);
    }

    private static async Task<(int Count, double Seconds)> BaselineDeliverAsync(string connectionString, DateTime now, int count)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Exec(connection, "PRAGMA busy_timeout = 30000;");
        var ids = new List<(string Id, string User)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT Id, RecipientUserId FROM Reminders WHERE Status = 0 AND DueUtc <= $now ORDER BY DueUtc LIMIT $n";
            select.Parameters.AddWithValue("$now", now);
            select.Parameters.AddWithValue("$n", count);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var stopwatch = Stopwatch.StartNew();
        foreach (var (id, user) in ids)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE Reminders SET Status = 2, SentAtUtc = $now, Attempts = Attempts + 1 WHERE Id = $id AND Status = 0";
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO InboxMessages (Id, UserId, Subject, Body, CreatedAtUtc, ReminderId) VALUES ($mid, $user, 'Reminder', 'You have an appointment coming up.', $now, $id)";
            insert.Parameters.AddWithValue("$mid", Guid.CreateVersion7().ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$user", user);
            insert.Parameters.AddWithValue("$now", now);
            insert.Parameters.AddWithValue("$id", id);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return (ids.Count, stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task DueQueryAsync(IServiceProvider sp, string connectionString, int totalRows, DateTime now, ReminderOptions reminderOptions, StringBuilder report)
    {
        long existing;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            existing = (long)Scalar(connection, "SELECT COUNT(*) FROM Reminders")!;
        }

        if (existing < totalRows)
        {
            Console.WriteLine($"Adding {totalRows - existing:N0} reminder rows (sent ones in the past, a few planned, failed and claimed) ...");
            using var model = KapServices.Model("/dev/null");
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            Exec(connection, "PRAGMA synchronous=OFF;");
            using var bulk = new BulkInserter(connection, model.Value);
            var random = new Random(7);
            var transaction = connection.BeginTransaction();
            bulk.Begin(transaction);
            for (long i = existing; i < totalRows; i++)
            {
                var due = now.AddMinutes(-random.Next(400 * 24 * 60)).AddMinutes(random.Next(100) < 3 ? random.Next(60 * 24 * 90) + 400 * 24 * 60 : 0);
                var reminder = new Reminder((ReminderKind)random.Next(7), RecipientRole.Patient, Guid.CreateVersion7(), ReminderChannel.InApp, due, null, Guid.CreateVersion7(), Guid.CreateVersion7(),
                    Guid.CreateVersion7(), due.AddDays(-7));
                var roll = random.Next(1000);
                if (due <= now && roll < 995)
                {
                    reminder.MarkSent(due.AddSeconds(30));
                }
                else if (due <= now && roll < 998)
                {
                    reminder.MarkFailed("SMTP timeout", due.AddMinutes(10), 5);
                }

                bulk.Insert(reminder);
                if (i % 100_000 == 0)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = connection.BeginTransaction();
                    bulk.Begin(transaction);
                }
            }

            transaction.Commit();
            transaction.Dispose();
            Exec(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var factory = sp.GetRequiredService<IDbContextFactory<KapDbContext>>();
        var max = reminderOptions.MaxAttempts;
        var take = reminderOptions.DispatchBatchSize;
        var stale = now - TimeSpan.FromMinutes(10);

        // The app's query: Due.Filter (internal to Kap.Application), copied expression for expression.
        IQueryable<Guid> AppQuery(KapDbContext db) => db.Reminders
            .Where(r => r.DueUtc <= now && (r.Status == ReminderStatus.Planned
                || (r.Status == ReminderStatus.Failed && r.Attempts < max)
                || (r.Status == ReminderStatus.Claimed && r.ClaimedAtUtc < stale)))
            .OrderBy(r => r.DueUtc).Take(take).Select(r => r.Id);

        string sql;
        await using (var db = await factory.CreateDbContextAsync())
        {
            sql = AppQuery(db).ToQueryString();
        }

        var plan = new List<string>();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + StripDeclarations(sql, out var parameters);
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value);
            }

            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        var results = new List<(string What, double Median, double P95)>();

        async Task Time(string what, Func<Task> action, int n = 200)
        {
            for (var i = 0; i < 10; i++)
            {
                await action();
            }

            var times = new double[n];
            for (var i = 0; i < n; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await action();
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }

            Array.Sort(times);
            results.Add((what, LoadBenchmark.Median(times), LoadBenchmark.Percentile(times, 0.95)));
            Console.WriteLine($"  {what,-70} median {results[^1].Median,8:F3} ms  p95 {results[^1].P95,8:F3} ms");
        }

        await Time("the app's due query (EF Core, Due.Filter + OrderBy + Take(batch))", async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await AppQuery(db).ToListAsync();
        });
        var clock = (SimulatedClock)sp.GetRequiredService<TimeProvider>();
        clock.StartTick(now);
        await Time("AnyRemindersDueQuery through the Mediator pipeline", async () =>
        {
            await using var scope = sp.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RunAs>().System();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AnyRemindersDueQuery());
        });
        var handSql = StripDeclarations(sql, out var handParameters);
        await Time("baseline: the same SQL by hand (ADO.NET)", async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = handSql;
            foreach (var (name, value) in handParameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        });
        await Time("baseline: SELECT COUNT(*) of planned reminders due (index only)", async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Reminders WHERE Status = 0 AND DueUtc <= $now";
            command.Parameters.AddWithValue("$now", now);
            await command.ExecuteScalarAsync();
        });

        long rows;
        long dueCount;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            rows = (long)Scalar(connection, "SELECT COUNT(*) FROM Reminders")!;
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Reminders WHERE DueUtc <= $now AND (Status = 0 OR (Status = 3 AND Attempts < 5) OR (Status = 1 AND ClaimedAtUtc < $stale))";
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$stale", stale);
            dueCount = (long)(await command.ExecuteScalarAsync())!;
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"### The due-reminders query with {rows:N0} reminder rows ({dueCount:N0} due)");
        report.AppendLine();
        report.AppendLine("| query | median ms | p95 ms | ratio to hand-written SQL |");
        report.AppendLine("|---|---:|---:|---:|");
        var hand = results.Single(r => r.What.StartsWith("baseline: the same SQL", StringComparison.Ordinal)).Median;
        foreach (var (what, median, p95) in results)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {median:F3} | {p95:F3} | {median / hand:F2}× |");
        }

        report.AppendLine();
        report.AppendLine("SQL (EF Core) and SQLite's plan for it:");
        report.AppendLine();
        report.AppendLine("```sql");
        report.AppendLine(handSql.Trim());
        report.AppendLine("```");
        report.AppendLine();
        foreach (var line in plan)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- `{line}`");
        }

        report.AppendLine();
    }

    /// <summary>ToQueryString writes ".param set @name value" lines before the SQL; they become real parameters here.</summary>
    private static string StripDeclarations(string sql, out List<(string Name, object Value)> parameters)
    {
        parameters = [];
        var lines = sql.Split('\n');
        var body = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var parts = line[".param set ".Length..].Trim().Split(' ', 2);
                var value = parts[1].Trim();
                parameters.Add((parts[0], value.StartsWith('\'') ? value.Trim('\'') : long.Parse(value, CultureInfo.InvariantCulture)));
            }
            else
            {
                body.AppendLine(line);
            }
        }

        return body.ToString();
    }

    private static string Seconds(double s) => double.IsNaN(s) ? "–" : s < 120 ? $"{s:F0} s" : s < 7200 ? $"{s / 60:F1} min" : $"{s / 3600:F1} h";

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// The app's clock in the simulation: set to a tick's instant, then running in real time until the next tick — so work
/// inside a tick takes the time it really takes.
/// </summary>
public sealed class SimulatedClock(DateTime start) : TimeProvider
{
    private DateTime _tick = DateTime.SpecifyKind(start, DateTimeKind.Utc);
    private long _startedAt = Stopwatch.GetTimestamp();

    public void StartTick(DateTime utc)
    {
        _tick = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        _startedAt = Stopwatch.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => new(_tick + Stopwatch.GetElapsedTime(_startedAt), TimeSpan.Zero);
}
