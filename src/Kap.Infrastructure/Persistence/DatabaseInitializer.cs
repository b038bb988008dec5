using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Security;
using Kap.Application.Features.Patients.RegisterPatient;
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

        await CreateInitialAdminAsync(sp, configuration, logger, cancellationToken);

        if (configuration.GetValue("Kap:SeedDemoData", false))
        {
            return await DemoData.SeedAsync(sp, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// A new production database has no users. When Kap:InitialAdminEmail is set and there is no admin yet,
    /// an Admin login is created without a password and sent an invitation to choose one.
    /// </summary>
    private static async Task CreateInitialAdminAsync(IServiceProvider sp, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var email = configuration["Kap:InitialAdminEmail"]?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var users = sp.GetRequiredService<UserManager<KapUser>>();
        if ((await users.GetUsersInRoleAsync(KapRoles.Admin)).Count > 0)
        {
            return;
        }

        var user = new KapUser { UserName = email, Email = email, DisplayName = configuration["Kap:InitialAdminName"] ?? "Administrator" };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, KapRoles.Admin)).Succeeded)
        {
            throw new InvalidOperationException("The initial admin could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        var token = InvitationTokens.NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await sp.GetRequiredService<IDbContextFactory<KapDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            db.Invitations.Add(new Invitation { UserId = user.Id, TokenHash = InvitationTokens.Hash(token), CreatedAtUtc = now, ExpiresAtUtc = now.AddDays(7) });
            await db.SaveChangesAsync(cancellationToken);
        }

        await sp.GetRequiredService<IInvitationSender>().SendAsync(email, user.DisplayName, sp.GetRequiredService<IAppLinks>().Invitation(token), cancellationToken);
        logger.LogWarning("Created the initial admin login from Kap:InitialAdminEmail; its invitation is in the mail pickup folder.");
    }
}
