using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kap.Benchmarks.Load;

/// <summary>
/// The real Kap.Web (its Program.cs: AddApplication, AddInfrastructure, AddWeb, UseWeb, database start-up) on Kestrel on a
/// free loopback port, in Production, over an existing (seeded) SQLite file. Added in this process only: the baseline
/// endpoints (<see cref="BaselineEndpoints"/>, through a startup filter, ahead of the app's pipeline), the calendar feed's
/// per-address limit raised (every benchmark client shares 127.0.0.1), and the log lines counted instead of printed.
/// </summary>
public sealed class KapBenchHost(string dbPath, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    /// <summary>CalendarFeedEndpoints.RequestsPerMinuteSetting in Kap.Web (internal there).</summary>
    public const string FeedLimitSetting = "Portal:CalendarFeedRequestsPerMinute";

    public LogCounter Logs { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public Uri Start()
    {
        var port = FreePort();
        UseKestrel(port);
        StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        return BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(KapServices.WebProjectDirectory);
        builder.UseEnvironment("Production");
        // Serve blazor.web.js and MudBlazor's files from the build output as a published app would from its wwwroot
        // (Production does not map them from the packages by itself).
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Kap", KapServices.ConnectionString(dbPath));
        builder.UseSetting("Kap:SeedDemoData", "false");
        builder.UseSetting(FeedLimitSetting, "10000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            // The app's own levels still apply (appsettings.json); the lines are formatted and counted, not written to the console.
            logging.ClearProviders();
            logging.AddProvider(Logs);
        });
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<IStartupFilter>(new BaselineEndpoints.StartupFilter(KapServices.ConnectionString(dbPath)));
            services?.Invoke(s);
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Formats every enabled log line (as a real sink would) and keeps the warnings and errors to show after the run.</summary>
public sealed class LogCounter : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _problems = new();
    private long _lines;

    public long Lines => Interlocked.Read(ref _lines);

    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Also writes each line to the console (the probe's SQL trace).</summary>
    public bool Echo { get; set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            Interlocked.Increment(ref owner._lines);
            if (owner.Echo)
            {
                Console.WriteLine($"    [{category}] {line}");
            }
            if (logLevel >= LogLevel.Warning && owner._problems.Count < 50)
            {
                owner._problems.Enqueue($"{logLevel} {category}: {line} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}
