using Kap.Application.Common.Security;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure.Persistence;

/// <summary>
/// Start-up work on the database: SQLite is created and migrated (WAL mode); SQL Server only when
/// Database:MigrateOnStartup says so. Then the roles, and the demo clinic when Kap:SeedDemoData is on
/// and the database has no users yet.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task<DemoLogins?> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var configuration = sp.GetRequiredService<IConfiguration>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var factory = sp.GetRequiredService<IDbContextFactory<KapDbContext>>();

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.MigrateAsync(cancellationToken);
                await using var connection = new SqliteConnection(db.Database.GetConnectionString());
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            else if (options.MigrateOnStartup)
            {
                logger.LogWarning("Applying SQL Server migrations at start-up (Database:MigrateOnStartup). Production should apply the migration bundle instead.");
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        var roles = sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in KapRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }

        if (configuration.GetValue("Kap:SeedDemoData", false))
        {
            return await DemoData.SeedAsync(sp, cancellationToken);
        }

        return null;
    }
}
