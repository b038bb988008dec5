using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
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

                // Table statistics for the query planner (docs/benchmarks.md, "Indexes"): without them SQLite guesses that every
                // index lookup finds 10 rows, and lists an admin's caseload by sorting every course instead of walking the patient
                // name index. ANALYZE runs only on tables that have grown since their last statistics, with a row limit, so a
                // start-up with a large database stays fast; 0x10002 checks every table, not only those this connection used.
                command.CommandText = "PRAGMA optimize=0x10002;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            else if (options.MigrateOnStartup)
            {
                logger.LogWarning("Applying SQL Server migrations at start-up (Database:MigrateOnStartup). Production should apply the migration bundle instead.");
                await db.Database.MigrateAsync(cancellationToken);
            }

            // Entries written before the hash chain existed are sealed into it once (see docs/security.md).
            var sealedCount = await AuditChainAppender.SealLegacyEntriesAsync(db, cancellationToken);
            if (sealedCount > 0)
            {
                logger.LogWarning("Sealed {Count} audit entries written before the hash chain existed into the chain.", sealedCount);
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
    /// A new production database has no users. When Kap:InitialAdminEmail is set, that Admin login is
    /// created without a password and sent an invitation to choose one. Until they have chosen it, each
    /// start-up without a usable invitation sends a new one, so a failed delivery cannot lock them out.
    /// </summary>
    private static async Task CreateInitialAdminAsync(IServiceProvider sp, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var email = configuration["Kap:InitialAdminEmail"]?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        var users = sp.GetRequiredService<UserManager<KapUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if ((await users.GetUsersInRoleAsync(KapRoles.Admin)).Count > 0)
            {
                return;
            }

            user = new KapUser { UserName = email, Email = email, DisplayName = configuration["Kap:InitialAdminName"] ?? "Administrator" };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded || !(await users.AddToRoleAsync(user, KapRoles.Admin)).Succeeded)
            {
                throw new InvalidOperationException("The initial admin could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        if (user.PasswordHash is not null)
        {
            return;
        }

        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var factory = sp.GetRequiredService<IDbContextFactory<KapDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Invitations.AnyAsync(i => i.UserId == user.Id && i.UsedAtUtc == null && i.ExpiresAtUtc > now, cancellationToken))
            {
                return;
            }
        }

        var token = InvitationTokens.NewToken();
        var invitation = new Invitation { UserId = user.Id, TokenHash = InvitationTokens.Hash(token), CreatedAtUtc = now, ExpiresAtUtc = now.AddDays(7) };
        try
        {
            await sp.GetRequiredService<IInvitationSender>().SendAsync(email, user.DisplayName, sp.GetRequiredService<IAppLinks>().Invitation(token), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("The initial admin's invitation could not be sent ({ExceptionType}); Kap tries again at the next start.", ex.GetType().Name);
            return;
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogWarning("Sent the initial admin (Kap:InitialAdminEmail) an invitation to choose a password.");
    }
}
