using Kap.Application;
using Kap.Infrastructure;
using Kap.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace Kap.Benchmarks;

/// <summary>The app's own service registration (Kap.Application + Kap.Infrastructure) over a given SQLite file, without the web host.</summary>
public static class KapServices
{
    /// <summary>src/Kap.Web, found from the output folder up to Kap.sln: its appsettings.json are the settings the app runs with.</summary>
    public static string WebProjectDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kap.sln")))
            {
                dir = dir.Parent;
            }

            return dir is null ? AppContext.BaseDirectory : Path.Combine(dir.FullName, "src", "Kap.Web");
        }
    }

    public static string ConnectionString(string dbPath) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(dbPath), Pooling = true, DefaultTimeout = 30 }.ToString();

    public static IConfiguration Configuration(string dbPath, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Kap"] = ConnectionString(dbPath),
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(WebProjectDirectory, "appsettings.json"), optional: true)
            .AddInMemoryCollection(settings)
            .Build();
    }

    public static ServiceProvider Build(string dbPath, bool seedDemoData, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>()) { ["Kap:SeedDemoData"] = seedDemoData ? "true" : "false" };
        var configuration = Configuration(dbPath, settings);
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "Kap.Benchmarks", ContentRootPath = Path.GetTempPath() };
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddApplication(configuration).AddInfrastructure(configuration, environment);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The app's EF Core model (for the bulk inserter's column lists and conversions).</summary>
    public static ModelHolder Model(string dbPath)
    {
        var options = new DbContextOptionsBuilder<KapDbContext>();
        DatabaseConfiguration.Configure(options, DatabaseProvider.Sqlite, ConnectionString(dbPath));
        var db = new KapDbContext(options.Options);
        return new ModelHolder(db);
    }

    public sealed class ModelHolder(KapDbContext db) : IDisposable
    {
        public IModel Value => db.Model;

        public void Dispose() => db.Dispose();
    }
}
