using System.Globalization;
using System.Text;
using Kap.Benchmarks.Load;
using Kap.Benchmarks.Seed;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kap.Benchmarks.Circuits;

/// <summary>
/// Memory per interactive circuit: N Chromium tabs (Debian's /usr/bin/chromium through Playwright, as the browser tests
/// launch it), each signed in as a different seeded patient, on a trivial interactive page (/not-found: the plain layout,
/// two lines of text) and then on the portal's upcoming appointments (/portal). The server is this process, so its managed
/// heap is read directly (GC.GetTotalMemory after a forced full, compacting collection) before and after each set; a
/// counting CircuitHandler waits until every tab's circuit is up. Playwright's own .NET objects live in this process too:
/// they are measured first with N about:blank tabs (no circuit) and subtracted.
/// </summary>
public static class CircuitBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var db = options.Get("db", "/tmp/kap-10k.db");
        var count = options.GetInt("count", 50);
        var histogram = options.Get("histogram", "no") == "yes";
        var output = options.Get("out", "");
        var chromium = options.Get("chromium", "/usr/bin/chromium");
        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"No browser at {chromium}: apt-get install -y chromium");
            return 1;
        }

        var circuits = new CircuitCounter();
        await using var host = new KapBenchHost(db, services: s => s.AddSingleton(circuits).AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>().NewHandler()));
        var baseUri = host.Start();
        Console.WriteLine($"Kap.Web at {baseUri}; signing in {count} patients ...");
        var emails = Enumerable.Range(0, count).Select(i => ClinicSeeder.PatientEmail(i * 53 + 11)).ToList();
        var cookieHeaders = await LoadBenchmark.SignInAllAsync(baseUri, emails);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });

        // Warm-up: one circuit on each page first, so one-time costs (caches, JIT'd code's statics, the hub) are not counted per circuit.
        var warmCookie = await LoadBenchmark.SignInAsync(baseUri, ClinicSeeder.PatientEmail(3), Kap.Infrastructure.Seeding.DemoData.Password);
        foreach (var path in new[] { "/not-found", "/portal" })
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
            await context.AddCookiesAsync(ParseCookies(warmCookie, baseUri));
            var page = await context.NewPageAsync();
            var expectedUp = circuits.Up + 1;
            await page.GotoAsync(path);
            while (circuits.Up < expectedUp)
            {
                await Task.Delay(100);
            }
        }

        await Task.Delay(2000);
        var h0 = Heap();
        Console.WriteLine($"  managed heap at start: {h0 / 1024.0 / 1024:F1} MB");

        // 1. Playwright's own cost per tab, with no circuit.
        var blankContext = await browser.NewContextAsync();
        for (var i = 0; i < count; i++)
        {
            var page = await blankContext.NewPageAsync();
            await page.GotoAsync("about:blank");
        }

        var h1 = Heap();
        var blank = (h1 - h0) / (double)count;
        Console.WriteLine($"  {count} about:blank tabs: +{(h1 - h0) / 1024.0:F0} KB, {blank / 1024:F1} KB per tab (Playwright's objects in this process)");

        // 2. A trivial interactive page, then 3. the portal, each in its own signed-in context per patient.
        var results = new List<(string Page, long Before, long After, double PerCircuit)>();
        var before = h1;
        var snapshots = new List<string>();
        if (histogram)
        {
            // Only the file names are kept here: the snapshots themselves would be counted in the next one.
            snapshots.Add(HeapHistogram.Snapshot("/tmp/kap-heap-0.tsv"));
        }

        foreach (var path in new[] { "/not-found", "/portal" })
        {
            var expected = circuits.Up + count;
            for (var i = 0; i < count; i++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
                await context.AddCookiesAsync(ParseCookies(cookieHeaders[i], baseUri));
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
            }

            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (circuits.Up < expected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            if (circuits.Up < expected)
            {
                throw new InvalidOperationException($"Only {circuits.Up} of {expected} circuits came up on {path}.");
            }

            // Let each circuit finish its first interactive render and data load.
            await Task.Delay(3000);
            var after = Heap();
            var perCircuit = (after - before) / (double)count - blank;
            results.Add((path, before, after, perCircuit));
            if (histogram)
            {
                snapshots.Add(HeapHistogram.Snapshot($"/tmp/kap-heap-{snapshots.Count}.tsv"));
                after = Heap();
            }

            Console.WriteLine($"  {count} circuits on {path}: +{(after - before) / 1024.0:F0} KB, {perCircuit / 1024:F1} KB per circuit (less {blank / 1024:F1} KB of Playwright per tab); {circuits.Up} circuits up");
            before = after;
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{count} circuits per page, each a Chromium tab signed in as a different seeded patient; managed heap after a forced full compacting GC.");
        report.AppendLine();
        report.AppendLine("| page | heap before (MB) | heap after (MB) | per circuit (KB) | ratio to trivial page |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        var trivial = results[0].PerCircuit;
        foreach (var (page, b, a, per) in results)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {page} | {b / 1048576.0:F1} | {a / 1048576.0:F1} | {per / 1024:F0} | {per / trivial:F2}× |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Playwright's own objects: {blank / 1024:F1} KB per about:blank tab, subtracted above.");
        if (histogram)
        {
            report.AppendLine();
            report.AppendLine("What a trivial-page circuit holds (types that grew most, per circuit):");
            report.AppendLine();
            foreach (var line in HeapHistogram.Diff(HeapHistogram.Read(snapshots[0]), HeapHistogram.Read(snapshots[1]), count, 15))
            {
                report.AppendLine(line);
            }

            report.AppendLine();
            report.AppendLine("What a portal circuit holds beyond a trivial one (per circuit):");
            report.AppendLine();
            foreach (var line in HeapHistogram.Diff(HeapHistogram.Read(snapshots[1]), HeapHistogram.Read(snapshots[2]), count, 25))
            {
                report.AppendLine(line);
            }
        }
        Console.WriteLine();
        Console.WriteLine(report);
        if (output.Length > 0)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static IEnumerable<Cookie> ParseCookies(string header, Uri baseUri) =>
        header.Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('=', 2)).Select(kv => new Cookie
        {
            Name = kv[0],
            Value = kv[1],
            Domain = baseUri.Host,
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteAttribute.Strict,
        });
}

/// <summary>Counts circuits whose connection is up, so the benchmark knows every tab is interactive.</summary>
public sealed class CircuitCounter
{
    private int _up;

    public int Up => Volatile.Read(ref _up);

    public CircuitHandler NewHandler() => new Handler(this);

    private sealed class Handler(CircuitCounter owner) : CircuitHandler
    {
        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._up);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref owner._up);
            return Task.CompletedTask;
        }
    }
}
