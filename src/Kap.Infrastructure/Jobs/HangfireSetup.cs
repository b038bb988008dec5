using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Kap.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure.Jobs;

/// <summary>
/// Hangfire.InMemory for the embedded SQLite setup (one process; the reminders themselves are rows in
/// the database, so nothing due is lost on restart) and Hangfire.SqlServer when Kap runs on SQL Server,
/// where every instance's Hangfire server shares one job store.
/// </summary>
public static class HangfireSetup
{
    public static IServiceCollection AddKapJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);

        // The storage is this app's own singleton, not Hangfire's static JobStorage.Current, so that two
        // hosts in one process (the test suites) never share or dispose each other's job store.
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.SqlServer
            ? new SqlServerStorage(configuration.GetConnectionString("Kap"), new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(15),
            })
            : new InMemoryStorage(new InMemoryStorageOptions()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(15);
        });
        services.AddTransient<ReminderJobs>();
        return services;
    }

    /// <summary>Registers the recurring jobs (constant ids, so restarts and other instances update rather than add).</summary>
    public static void ScheduleKapJobs(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<ReminderJobs>(ReminderJobs.DispatchJobId, j => j.DispatchDueAsync(CancellationToken.None), Cron.Minutely());
        var clinicZone = services.GetRequiredService<IOptions<ClinicOptions>>().Value.GetTimeZone();
        jobs.AddOrUpdate<ReminderJobs>(ReminderJobs.DigestJobId, j => j.SendDailyDigestsAsync(CancellationToken.None), "0 7 * * *",
            new RecurringJobOptions { TimeZone = clinicZone });
    }

    /// <summary>The Hangfire dashboard at /jobs, for admins only.</summary>
    public static IEndpointConventionBuilder MapKapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            // Only the asynchronous filter, which can audit; an empty list replaces Hangfire's default "local requests only".
            Authorization = [],
            AsyncAuthorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "Kap jobs",
            DisplayStorageConnectionString = false,
        });
}

/// <summary>
/// Only a signed-in Admin, with the authenticator app confirmed like every staff page, sees the Hangfire dashboard. A
/// signed-in user who may not is refused (403) and the refusal audited like a refused page; an anonymous visitor gets
/// 401 and no entry.
/// </summary>
public sealed class AdminOnlyDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public const string Action = "Open /jobs";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var security = http.RequestServices.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue;
        if (http.User.IsInRole(KapRoles.Admin) && !StaffSecondFactorRequirement.IsMissing(http.User, security))
        {
            return true;
        }

        if (http.User.Identity?.IsAuthenticated == true)
        {
            var audit = http.RequestServices.GetRequiredService<AuditWriter>();
            await audit.WriteAsync(UserContext.From(http.User), Action, null, null, null, success: false, "forbidden", CancellationToken.None);
        }

        return false;
    }
}
