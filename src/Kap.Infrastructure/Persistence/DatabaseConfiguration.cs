using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(DatabaseOptions.MigrationsAssemblySqlite));
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
