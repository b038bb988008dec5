using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kap.Infrastructure.Persistence;

/// <summary>The provider switch: one place decides how a <see cref="KapDbContext"/> connects.</summary>
public static class DatabaseConfiguration
{
    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        var directory = Path.IsPathRooted(options.DataDirectory) ? options.DataDirectory : Path.Combine(contentRoot, options.DataDirectory);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "kap.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(DatabaseOptions.MigrationsAssemblySqlite))
                    .AddInterceptors(synchronous == SqliteSynchronous.Normal ? SqliteConnectionSetup.Normal : SqliteConnectionSetup.Full);
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: every command runs in its own explicit transaction, which it does not support.
                builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(DatabaseOptions.MigrationsAssemblySqlServer));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Database:Provider must be Sqlite or SqlServer.");
        }
    }
}

/// <summary>
/// Per SQLite connection, as it opens:
/// <list type="bullet">
/// <item><c>PRAGMA busy_timeout</c>: SQLite itself waits for the write lock, polling every few milliseconds, instead of
/// Microsoft.Data.Sqlite's own retry, which sleeps 150 ms whenever a statement finds the database busy. Every audited
/// read appends to the audit chain in a write transaction, so concurrent page loads meet a held lock often; with the
/// 150 ms sleeps the calendar feed's p95 at 4 clients was ~0.3 s (docs/benchmarks.md, "HTTP load").</item>
/// <item><c>PRAGMA synchronous=NORMAL</c> only when Database:SqliteSynchronous says so (see <see cref="SqliteSynchronous"/>).</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Full = new("PRAGMA busy_timeout = 30000;");
    public static readonly SqliteConnectionSetup Normal = new("PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");

    private readonly string _sql;

    private SqliteConnectionSetup(string sql) => _sql = sql;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // The busy timeout is as long as the connection's default command timeout (30 s), after which Microsoft.Data.Sqlite gives up.
    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.ExecuteNonQuery();
    }
}
