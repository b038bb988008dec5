namespace Kap.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public enum SqliteSynchronous
{
    Full,
    Normal,
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

    /// <summary>
    /// SQLite only: Full (the default) makes every commit wait for the disk (fsync), so a committed change survives a
    /// power cut. Normal, SQLite's recommended setting for WAL mode, syncs at checkpoints instead: the database is never
    /// corrupted, but the last transactions before a power cut or OS crash (not an app crash) may be rolled back. Every
    /// audited read commits an audit entry, so this is what bounds page loads per second on a slow disk
    /// (docs/benchmarks.md, "HTTP load").
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    public const string MigrationsAssemblySqlite = "Kap.Migrations.Sqlite";
    public const string MigrationsAssemblySqlServer = "Kap.Migrations.SqlServer";
}
