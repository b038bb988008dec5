using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Kap on a real port and Debian's Chromium driven by Playwright. Without a browser the tests skip with
/// the reason, unless KAP_E2E_REQUIRED=1 (CI), where a missing browser is a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    private IPlaywright? _playwright;
    private string? _unavailable;

    /// <summary>
    /// The browser flows move the clock across monitoring periods and dose intervals in which a real user keeps working,
    /// so the idle limits are set to their maximum here; idle sign-out itself is tested over HTTP (PortalIdleTests).
    /// </summary>
    public KapWebFactory Factory { get; } = new(new Dictionary<string, string>
    {
        ["Security:StaffIdleMinutes"] = "120",
        ["Portal:PatientIdleMinutes"] = "240",
    });

    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser? Browser { get; private set; }

    public static bool Required => Environment.GetEnvironmentVariable("KAP_E2E_REQUIRED") == "1";

    public static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("KAP_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    public async ValueTask InitializeAsync()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            _unavailable = "No Chromium found (looked at KAP_CHROMIUM and " + string.Join(", ", Candidates) + "). Install it with `apt-get install -y chromium`.";
            return;
        }

        BaseUrl = Factory.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>The browser, or a skip (a failure when KAP_E2E_REQUIRED=1) saying why there is none.</summary>
    public IBrowser RequireBrowser()
    {
        if (Browser is not null)
        {
            return Browser;
        }

        if (Required)
        {
            Assert.Fail("KAP_E2E_REQUIRED=1 but the browser tests cannot run: " + _unavailable);
        }

        Assert.Skip(_unavailable ?? "The browser is not available.");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

public static class Viewports
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Tablet = new() { Width = 1024, Height = 768 };
    public static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };

    public static IEnumerable<(string Name, ViewportSize Size)> All =>
        [("phone", Phone), ("tablet", Tablet), ("desktop", Desktop)];
}

public static class PageExtensions
{
    /// <summary>TestResults/e2e under the repository root, where CI and people look for the screenshots.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kap.sln")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "e2e");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public static async Task<string> ScreenshotAsync(this IPage page, string name)
    {
        var file = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    /// <summary>A screenshot of one element (a chart, a panel), to look at it closely.</summary>
    public static async Task<string> ScreenshotAsync(this ILocator locator, string name)
    {
        var file = Path.Combine(ScreenshotDirectory, name + ".png");
        await locator.ScreenshotAsync(new LocatorScreenshotOptions { Path = file });
        return file;
    }

    /// <summary>Waits until the Blazor circuit is connected, so clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-kap-interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    /// <summary>Runs axe-core on the page and fails on serious or critical violations, listing them.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string what)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"Accessibility violations on {what}:{Environment.NewLine}" + string.Join(Environment.NewLine, bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"- [{v.Impact}] {v.Id}: {v.Help} — " + string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()));

    /// <summary>Picks <paramref name="option"/> in the MudSelect labelled <paramref name="label"/>.</summary>
    public static async Task SelectAsync(this IPage page, string label, string option)
    {
        await page.GetByLabel(label).ClickAsync(new LocatorClickOptions { Force = true });
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    public static async Task SignInAsync(this IPage page, Uri baseUrl, string email, string password)
    {
        await page.GotoAsync(new Uri(baseUrl, "account/login").ToString());
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

/// <summary>No health information in logs (issue 8): nothing the app logged names a demo patient or gives their date of birth.</summary>
public static class LogPrivacy
{
    public static void AssertNoPatientIdentitiesIn(IReadOnlyCollection<string> lines)
    {
        Assert.NotEmpty(lines);
        foreach (var (legal, preferred, dob) in Kap.Infrastructure.Seeding.DemoData.PatientIdentities)
        {
            var needles = new List<string> { legal, dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                dob.ToString("M/d/yyyy", System.Globalization.CultureInfo.InvariantCulture), dob.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) };
            needles.AddRange(legal.Split(' ').Where(part => part.Length > 4));
            if (preferred is { Length: > 3 })
            {
                needles.Add(preferred);
            }

            foreach (var needle in needles)
            {
                var line = lines.FirstOrDefault(l => l.Contains(needle, StringComparison.OrdinalIgnoreCase));
                Assert.True(line is null, $"A log line names a demo patient (\"{needle}\"): {line}");
            }
        }
    }
}

