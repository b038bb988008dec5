using Hangfire;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.DispatchReminders;
using Kap.Application.Features.Reminders.SendDailyDigests;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Infrastructure.Jobs;

/// <summary>
/// Hangfire is the clock, the database is the memory: the job takes no arguments, finds what is due
/// in the database, and sends commands as Kap itself. Running it twice at once is harmless (claims).
/// </summary>
public sealed class ReminderJobs(IServiceScopeFactory scopes)
{
    public const string DispatchJobId = "reminders-dispatch";
    public const string DigestJobId = "staff-daily-digest";

    [AutomaticRetry(Attempts = 0)]
    public async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RunAs>().System();
        await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().DispatchDueAsync(cancellationToken);
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task SendDailyDigestsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RunAs>().System();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendDailyDigestsCommand(), cancellationToken);
    }
}
