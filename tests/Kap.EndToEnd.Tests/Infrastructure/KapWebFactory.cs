using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kap.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Kap as `dotnet run` starts it (SQLite, demo data), in a temporary data folder. With
/// <see cref="StartKestrel"/> it listens on a real port for the browser.
/// </summary>
public sealed class KapWebFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;
    private readonly string _environment;
    private readonly bool _keepData;

    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Extra configuration for this app (e.g. longer idle limits for flows that move the clock).</param>
    /// <param name="dataDirectory">An existing data directory to start on (a "restart"); it is then left in place on dispose.</param>
    public KapWebFactory(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null, bool keepData = false, string environment = "Development")
    {
        _environment = environment;
        _dataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "kap-e2e", Guid.NewGuid().ToString("N"));
        _keepData = keepData;
        Directory.CreateDirectory(_dataDirectory);
        _settings = settings ?? new Dictionary<string, string>();
    }

    public string DataDirectory => _dataDirectory;

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The app's clock: real time, plus however far a test has moved it forward (e.g. past a monitoring period).</summary>
    public ShiftableClock Clock { get; } = new();

    public Uri? BaseAddress { get; private set; }

    /// <summary>Starts Kestrel on a free loopback port and returns its address.</summary>
    public Uri StartKestrel()
    {
        var port = FreePort();
        UseKestrel(port);
        StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        return BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Kap:SeedDemoData", "true");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_keepData)
            {
                return;
            }

            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The system clock moved forward by a test: what a browser flow needs to wait out an hour of monitoring in a second.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

/// <summary>Keeps every log line the app writes, so tests can check what reaches the logs.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
