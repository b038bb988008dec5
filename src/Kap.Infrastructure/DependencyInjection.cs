using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Infrastructure.Notifications;
using Kap.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Kap")),
                "Database:Provider is SqlServer but ConnectionStrings:Kap is empty.")
            .ValidateOnStart();

        services.AddDbContextFactory<KapDbContext>((sp, builder) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = options.Provider == DatabaseProvider.Sqlite
                ? configuration.GetConnectionString("Kap") is { Length: > 0 } cs ? cs : DatabaseConfiguration.SqliteConnectionString(options, environment.ContentRootPath)
                : configuration.GetConnectionString("Kap")!;
            DatabaseConfiguration.Configure(builder, options.Provider, connectionString, options.SqliteSynchronous);
        });
        services.AddSingleton<IKapDbContextFactory, KapDbContextFactory>();
        services.AddSingleton<IStaffCredentialVerifier, Identity.StaffCredentialVerifier>();
        services.AddSingleton<ICalendarWriter, Calendar.IcalNetCalendarWriter>();
        services.AddKapEmail(configuration);

        services.AddDataProtection()
            .SetApplicationName("Kap")
            .PersistKeysToDbContext<KapDbContext>();

        services.AddIdentityCore<KapUser>(o =>
            {
                // NIST SP 800-63B: length, not composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = Identity.KapAuthenticatorTokenProvider.ProviderName;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<KapDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<Identity.KapUserClaimsPrincipalFactory>()
            .AddUserStore<Identity.KapUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<Identity.KapAuthenticatorTokenProvider>(Identity.KapAuthenticatorTokenProvider.ProviderName);
        services.AddScoped<IAuthenticatorAccounts, Identity.AuthenticatorAccounts>();

        return services;
    }
}
