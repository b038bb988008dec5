using System.Diagnostics;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Security;
using Kap.Application.Features.Portal.CalendarFeed;
using Kap.Benchmarks.Seed;
using Kap.Domain.Portal;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Benchmarks.Load;

/// <summary>
/// Where a feed request's time goes, one request at a time in the app's own process: the whole query through the
/// Mediator pipeline, then its parts on their own — the audit append, the iCalendar writing, and the rows by hand.
/// </summary>
public static class FeedProbe
{
    public static async Task<int> RunAsync(Options options)
    {
        var db = options.Get("db", "/tmp/kap-10k.db");
        var n = options.GetInt("requests", 300);
        var sql = options.Get("sql", "no") == "yes";
        await using var host = new KapBenchHost(db, sql ? new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" } : null);
        host.Start();
        if (sql)
        {
            host.Logs.Echo = true;
            for (var i = 0; i < 3; i++)
            {
                Console.WriteLine($"--- request {i + 1}");
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetCalendarFeedIcsQuery(File.ReadLines(ClinicSeeder.TokensFile(db)).Skip(i).First().Split('\t')[1]));
            }

            return 0;
        }

        var tokens = File.ReadLines(ClinicSeeder.TokensFile(db)).Select(l => l.Split('\t')[1]).ToArray();
        var services = host.Services;

        async Task<double> Time(string what, Func<int, Task> action)
        {
            for (var i = 0; i < 30; i++)
            {
                await action(i);
            }

            var times = new double[n];
            var exceptions = 0;
            void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref exceptions);
            AppDomain.CurrentDomain.FirstChanceException += Count;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var gcs = GC.CollectionCount(0);
            for (var i = 0; i < n; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await action(i);
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }

            var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / n / 1024.0;
            AppDomain.CurrentDomain.FirstChanceException -= Count;
            var collections = GC.CollectionCount(0) - gcs;
            var median = LoadBenchmark.Median(times);
            Console.WriteLine($"  {what,-52} median {median,7:F3} ms   p95 {LoadBenchmark.Percentile(times.Order().ToArray(), 0.95),7:F3} ms   {perRequest,7:F0} KB allocated per request (process), {collections} gen0 GCs, {exceptions / (double)n:F1} exceptions thrown per request");
            return median;
        }

        using var efTimes = new EfTimes();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var cookie = await LoadBenchmark.SignInAsync(host.BaseAddress, ClinicSeeder.PatientEmail(1), Kap.Infrastructure.Seeding.DemoData.Password);
        await Time("HTTP GET /portal (prerendered), one client", async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/portal");
            request.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        efTimes.Print(n + 30);
        efTimes.Clear();
        await Time("HTTP GET /calendar/{token}.ics, one client", async i =>
        {
            using var response = await http.GetAsync($"/calendar/{tokens[i * 7919 % tokens.Length]}.ics");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        efTimes.Print(n + 30);
        efTimes.Clear();
        await Time("GetCalendarFeedIcsQuery through the pipeline", async i =>
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetCalendarFeedIcsQuery(tokens[i * 7919 % tokens.Length]));
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException(result.Error!.Message);
            }
        });

        efTimes.Print(n + 30);
        efTimes.Enabled = false;
        var audit = services.GetRequiredService<AuditWriter>();
        await Time("audit append alone (AuditWriter.WriteAsync)", _ =>
            audit.WriteAsync(UserContext.From(new System.Security.Claims.ClaimsPrincipal()), "ProbeRead", "CalendarFeed", Guid.NewGuid(), Guid.NewGuid(), true, "ok", default));

        var writer = services.GetRequiredService<ICalendarWriter>();
        var entries = Enumerable.Range(0, 12).Select(k => new CalendarEntry($"{Guid.NewGuid()}@appointments.kap", DateTime.UtcNow.AddDays(k).Date.AddHours(14),
            DateTime.UtcNow.AddDays(k).Date.AddHours(15), "Integration session — Kap Clinic", "Bench room 001, Kap Clinic", 0)).ToList();
        await Time("iCalendar text for 12 events (ICalendarWriter.Write)", _ =>
        {
            writer.Write(new CalendarDocument("Kap Clinic", "America/New_York", DateTime.UtcNow, entries));
            return Task.CompletedTask;
        });

        var connectionString = KapServices.ConnectionString(db);
        await Time("the rows by hand (one ADO.NET query)", async i =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT a.Id, a.Kind, a.StartUtc, a.EndUtc FROM CalendarFeeds f JOIN Appointments a ON a.PatientId = f.PatientId WHERE f.TokenHash = $h AND a.Status <> 3 AND a.StartUtc >= $from ORDER BY a.StartUtc LIMIT 500";
            command.Parameters.AddWithValue("$h", CalendarFeed.Hash(tokens[i * 7919 % tokens.Length]));
            command.Parameters.AddWithValue("$from", DateTime.UtcNow.AddDays(-30));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        });
        return 0;
    }
}

/// <summary>EF Core's own timings (command, connection open, commit) summed by event, from its DiagnosticListener.</summary>
public sealed class EfTimes : IObserver<DiagnosticListener>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Count, double Ms)> _sums = new();
    private readonly List<IDisposable> _inner = [];

    public EfTimes() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public bool Enabled { get; set; } = true;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            _inner.Add(value.Subscribe(new Observer(this)));
        }
    }

    public void Clear() => _sums.Clear();

    public void Print(int requests)
    {
        foreach (var (name, (count, ms)) in _sums.Where(kv => kv.Value.Ms > 0).OrderByDescending(kv => kv.Value.Ms))
        {
            Console.WriteLine($"      {name,-70} {count / (double)requests,5:F1} per request, {ms / requests,7:F3} ms per request");
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _inner.ForEach(i => i.Dispose());
    }

    private sealed class Observer(EfTimes owner) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (!owner.Enabled)
            {
                return;
            }

            var duration = value.Value switch
            {
                Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData c => c.Duration,
                Microsoft.EntityFrameworkCore.Diagnostics.DataReaderDisposingEventData r => r.Duration,
                Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData c => c.Duration,
                Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData t => t.Duration,
                _ => (TimeSpan?)null,
            };
            var key = value.Key.Replace("Microsoft.EntityFrameworkCore.", "", StringComparison.Ordinal);
            owner._sums.AddOrUpdate(key, (1, duration?.TotalMilliseconds ?? 0), (_, old) => (old.Count + 1, old.Ms + (duration?.TotalMilliseconds ?? 0)));
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
