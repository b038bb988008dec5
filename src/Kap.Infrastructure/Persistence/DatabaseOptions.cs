namespace Kap.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>appsettings "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where the embedded SQLite file (and the development mail pickup folder) live. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>
    /// Apply migrations when the app starts. Always done for SQLite; for SQL Server only when set
    /// (development) — production applies the migration bundle or script instead (deploy/README.md).
    /// </summary>
    public bool MigrateOnStartup { get; set; }

    public const string MigrationsAssemblySqlite = "Kap.Migrations.Sqlite";
    public const string MigrationsAssemblySqlServer = "Kap.Migrations.SqlServer";
}
