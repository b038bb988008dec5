using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Kap.Benchmarks.Seed;

namespace Kap.Benchmarks.Load;

/// <summary>
/// HTTP load on the seeded clinic: the portal's upcoming-appointments page (prerendered, signed in as a patient) and the
/// iCal feed, each beside its baseline endpoint in the same process, at 1, 16 and 64 concurrent clients. Each round runs
/// the page and its baseline back to back (alternating which goes first) after a warm-up; the figures are medians over
/// the rounds, and the ratio is page ÷ baseline from the same rounds.
/// </summary>
public static partial class LoadBenchmark
{
    /// <param name="CpuMsPerRequest">The process's CPU time (server and client, all threads) over the requests made: less sensitive than wall-clock time to what else the machine runs.</param>
    public sealed record Sample(double RequestsPerSecond, double P50, double P95, double P99, long Requests, long Errors, double CpuMsPerRequest = double.NaN);

    public static async Task<int> RunAsync(Options options)
    {
        var db = options.Get("db", "/tmp/kap-10k.db");
        var seconds = options.GetInt("seconds", 6);
        var warmup = options.GetInt("warmup", 2);
        var rounds = options.GetInt("rounds", 3);
        var sessionCount = options.GetInt("sessions", 128);
        var clients = options.Get("clients", "1,16,64").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var only = options.Get("only", "portal,feed").Split(',');
        var output = options.Get("out", "");
        if (!File.Exists(db))
        {
            Console.Error.WriteLine($"{db} does not exist: run the seed command first.");
            return 1;
        }

        Console.WriteLine($"Starting Kap.Web on {db} ...");
        var started = Stopwatch.StartNew();
        // --sqlite-synchronous Normal: the experiment behind the Database:SqliteSynchronous setting (docs/benchmarks.md).
        var synchronous = options.Get("sqlite-synchronous", "Full");
        await using var host = new KapBenchHost(db, new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = synchronous });
        var baseUri = host.Start();
        Console.WriteLine($"  listening at {baseUri} after {started.Elapsed.TotalSeconds:F1} s");

        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

        // Many patients, so no one patient's rows are what is measured: every client request takes the next session or token.
        var patients = Enumerable.Range(0, sessionCount).Select(i => ClinicSeeder.PatientEmail(i * 37 % Math.Max(1, CountPatients(db)))).Distinct().ToList();
        Console.WriteLine($"  signing in {patients.Count} patients through the sign-in form ...");
        var cookies = await SignInAllAsync(baseUri, patients);
        var tokens = File.ReadLines(ClinicSeeder.TokensFile(db)).Select(l => l.Split('\t')[1]).ToArray();
        Console.WriteLine($"  {cookies.Length} sessions, {tokens.Length} feed tokens, ready after {started.Elapsed.TotalSeconds:F1} s");

        var scenarios = new List<(string Name, string Baseline, Func<long, HttpRequestMessage> Page, Func<long, HttpRequestMessage> Base)>();
        if (only.Contains("portal"))
        {
            scenarios.Add(("GET /portal (prerendered, signed in)", "baseline: ADO.NET rows as text",
                i => WithCookie(new HttpRequestMessage(HttpMethod.Get, "/portal"), cookies[Spread(i, cookies.Length)]),
                i => WithCookie(new HttpRequestMessage(HttpMethod.Get, BaselineEndpoints.PortalPath), cookies[Spread(i, cookies.Length)])));
        }

        if (only.Contains("feed"))
        {
            scenarios.Add(("GET /calendar/{token}.ics", "baseline: ADO.NET rows as text",
                i => new HttpRequestMessage(HttpMethod.Get, $"/calendar/{tokens[Spread(i, tokens.Length)]}.ics"),
                i => new HttpRequestMessage(HttpMethod.Get, $"{BaselineEndpoints.FeedPrefix}{tokens[Spread(i, tokens.Length)]}.ics")));
        }

        await SanityCheckAsync(client, scenarios.SelectMany(s => new[] { s.Page(0), s.Base(0) }));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Database:SqliteSynchronous = {synchronous}. Rounds: {rounds} × ({warmup} s warm-up + {seconds} s measured) per endpoint and concurrency; medians over rounds.");
        report.AppendLine();
        report.AppendLine("| endpoint | clients | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | errors | baseline req/s | baseline p50 / p95 / p99 ms | baseline CPU ms/req | req/s ratio (median of rounds) |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            foreach (var c in clients)
            {
                var page = new List<Sample>();
                var baseline = new List<Sample>();
                for (var r = 0; r < rounds; r++)
                {
                    var pageFirst = r % 2 == 0;
                    foreach (var isPage in pageFirst ? new[] { true, false } : [false, true])
                    {
                        var send = isPage ? scenario.Page : scenario.Base;
                        await RunAsync(client, send, c, TimeSpan.FromSeconds(warmup));
                        var sample = await RunAsync(client, send, c, TimeSpan.FromSeconds(seconds));
                        (isPage ? page : baseline).Add(sample);
                        Console.WriteLine($"  {(isPage ? scenario.Name : "  " + scenario.Baseline),-44} c={c,-3} round {r + 1}: {Describe(sample)}");
                    }
                }

                var ratios = page.Zip(baseline, (p, b) => p.RequestsPerSecond / b.RequestsPerSecond).ToList();
                var (mp, mb) = (MedianSample(page), MedianSample(baseline));
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario.Name} | {c} | {mp.RequestsPerSecond:F0} | {mp.P50:F1} | {mp.P95:F1} | {mp.P99:F1} | {mp.CpuMsPerRequest:F2} | {page.Sum(s => s.Errors)} | {mb.RequestsPerSecond:F0} | {mb.P50:F1} / {mb.P95:F1} / {mb.P99:F1} | {mb.CpuMsPerRequest:F2} | {Median(ratios):P0} |");
                report.AppendLine(line);
                Console.WriteLine(line);
            }
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"App log lines during the run: {host.Logs.Lines:N0}; warnings/errors: {host.Logs.Problems.Count}.");
        foreach (var problem in host.Logs.Problems.Take(10))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- {problem}");
        }

        Console.WriteLine();
        Console.WriteLine(report);
        if (output.Length > 0)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    /// <summary>c clients, each sending its next request as soon as the last answer is read in full, for the given time.</summary>
    public static async Task<Sample> RunAsync(HttpClient client, Func<long, HttpRequestMessage> request, int concurrency, TimeSpan duration)
    {
        long next = Random.Shared.Next(1_000_000);
        long errors = 0;
        var latencies = new List<double>[concurrency];
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (stopwatch.Elapsed < duration)
            {
                using var message = request(Interlocked.Increment(ref next));
                var t0 = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Sample(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), all.Length, errors, cpuMs / Math.Max(1, all.Length));
    }

    private static async Task SanityCheckAsync(HttpClient client, IEnumerable<HttpRequestMessage> requests)
    {
        foreach (var request in requests)
        {
            var uri = request.RequestUri!.ToString();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var ok = response.StatusCode == HttpStatusCode.OK && (!uri.StartsWith("/portal", StringComparison.Ordinal) || body.Contains("portal-appointment", StringComparison.Ordinal)
                || body.Contains("no-appointments", StringComparison.Ordinal)) && (!uri.StartsWith("/calendar", StringComparison.Ordinal) || body.Contains("BEGIN:VCALENDAR", StringComparison.Ordinal));
            var shown = uri.Length > 40 ? uri[..40] + "…" : uri;
            Console.WriteLine($"  check {shown,-42} {(int)response.StatusCode} {body.Length,7:N0} bytes{(ok ? "" : "  UNEXPECTED")}");
            if (!ok)
            {
                throw new InvalidOperationException($"{uri} answered {(int)response.StatusCode}: {(body.Length > 500 ? body[..500] : body)}");
            }
        }
    }

    /// <summary>Signs each patient in through the real form (antiforgery token, POST, the auth cookie), a few at a time.</summary>
    public static async Task<string[]> SignInAllAsync(Uri baseUri, IReadOnlyList<string> emails)
    {
        var cookies = new string[emails.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            cookies[i] = await SignInAsync(baseUri, emails[i], Kap.Infrastructure.Seeding.DemoData.Password);
        });
        return cookies;
    }

    public static async Task<string> SignInAsync(Uri baseUri, string email, string password)
    {
        var jar = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseUri };
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync("/account/login", form);
        var header = jar.GetCookieHeader(baseUri);
        if (!header.Contains("kap.auth", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return header;
    }

    private static HttpRequestMessage WithCookie(HttpRequestMessage message, string cookie)
    {
        message.Headers.Add("Cookie", cookie);
        return message;
    }

    /// <summary>The i-th request's session or token, scattered so that neighbouring requests ask for different patients.</summary>
    private static int Spread(long i, int count) => (int)(i * 7919 % count);

    private static int CountPatients(string db)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(KapServices.ConnectionString(db));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM Patients WHERE Email LIKE 'patient%@{ClinicSeeder.PatientEmailDomain}'";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static Sample MedianSample(List<Sample> samples) => new(Median(samples.Select(s => s.RequestsPerSecond)), Median(samples.Select(s => s.P50)),
        Median(samples.Select(s => s.P95)), Median(samples.Select(s => s.P99)), samples.Sum(s => s.Requests), samples.Sum(s => s.Errors), Median(samples.Select(s => s.CpuMsPerRequest)));

    private static string Describe(Sample s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.RequestsPerSecond,7:F0} req/s  p50 {s.P50,7:F1}  p95 {s.P95,7:F1}  p99 {s.P99,7:F1} ms  CPU {s.CpuMsPerRequest,6:F2} ms/req  ({s.Requests} requests, {s.Errors} errors)");

    [GeneratedRegex("name=\"__RequestVerificationToken\"(?: type=\"hidden\")? value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
