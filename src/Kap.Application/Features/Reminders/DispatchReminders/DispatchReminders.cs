using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Reminders.DispatchReminders;

/// <summary>Whether any reminder is due: a cheap look before claiming, so an idle minute writes nothing.</summary>
[RequiresPolicy(KapPolicies.System)]
public sealed record AnyRemindersDueQuery : IQuery<Result<bool>>;

/// <summary>
/// Claims the due reminders for one dispatcher: a conditional status change per row that only one
/// dispatcher can win, committed before anything is sent — so two app instances, or a retried job,
/// never send the same reminder twice. A claim left by a dispatcher that died is taken over after 10 minutes.
/// </summary>
[RequiresPolicy(KapPolicies.System)]
public sealed record ClaimDueRemindersCommand : ICommand<Result<ReminderClaim>>;

public sealed record ReminderClaim(Guid Token, IReadOnlyList<Guid> ReminderIds);

/// <summary>Delivers one claimed reminder: in-app, email or SMS; marks it sent, failed (to retry), expired or withdrawn.</summary>
[RequiresPolicy(KapPolicies.System)]
public sealed record DeliverReminderCommand(Guid ReminderId, Guid ClaimToken) : ICommand<Result<ReminderStatus>>;

public sealed class AnyRemindersDueHandler(IOperationContext context, TimeProvider clock, IOptionsMonitor<ReminderOptions> options)
    : IQueryHandler<AnyRemindersDueQuery, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(AnyRemindersDueQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await Due.Filter(context.Current.Db.Reminders, now, options.CurrentValue.MaxAttempts).AnyAsync(cancellationToken);
    }
}

public sealed class ClaimDueRemindersHandler(IOperationContext context, TimeProvider clock, IOptionsMonitor<ReminderOptions> options)
    : ICommandHandler<ClaimDueRemindersCommand, Result<ReminderClaim>>
{
    public async ValueTask<Result<ReminderClaim>> Handle(ClaimDueRemindersCommand command, CancellationToken cancellationToken)
    {
        var db = context.Current.Db;
        var now = clock.GetUtcNow().UtcDateTime;
        var max = options.CurrentValue.MaxAttempts;
        var candidates = await Due.Filter(db.Reminders, now, max).OrderBy(r => r.DueUtc).Take(options.CurrentValue.DispatchBatchSize)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var token = Guid.NewGuid();
        var claimed = new List<Guid>();
        foreach (var id in candidates)
        {
            var won = await Due.Filter(db.Reminders.Where(r => r.Id == id), now, max).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Claimed)
                .SetProperty(r => r.ClaimToken, token)
                .SetProperty(r => r.ClaimedAtUtc, now), cancellationToken);
            if (won == 1)
            {
                claimed.Add(id);
            }
        }

        context.Current.Subject("Reminder", null, null);
        return new ReminderClaim(token, claimed);
    }
}

internal static class Due
{
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    public static IQueryable<Reminder> Filter(IQueryable<Reminder> reminders, DateTime now, int maxAttempts)
    {
        var stale = now - StaleClaim;
        return reminders.Where(r => r.DueUtc <= now && (r.Status == ReminderStatus.Planned
            || (r.Status == ReminderStatus.Failed && r.Attempts < maxAttempts)
            || (r.Status == ReminderStatus.Claimed && r.ClaimedAtUtc < stale)));
    }
}

public sealed class DeliverReminderHandler(
    IOperationContext context,
    TimeProvider clock,
    ReminderComposer composer,
    IEmailSender email,
    ISmsSender sms,
    IOptions<ClinicOptions> clinic,
    IOptionsMonitor<ReminderOptions> options) : ICommandHandler<DeliverReminderCommand, Result<ReminderStatus>>
{
    public async ValueTask<Result<ReminderStatus>> Handle(DeliverReminderCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var now = clock.GetUtcNow().UtcDateTime;
        var reminder = await db.Reminders.SingleOrDefaultAsync(r => r.Id == command.ReminderId && r.ClaimToken == command.ClaimToken && r.Status == ReminderStatus.Claimed, cancellationToken);
        if (reminder is null)
        {
            return Error.Rule("This reminder is not claimed by this dispatcher.");
        }

        op.Subject("Reminder", reminder.Id, reminder.PatientId);
        var appointment = reminder.AppointmentId is { } aid ? await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == aid, cancellationToken) : null;
        if (appointment is { Status: AppointmentStatus.Cancelled })
        {
            reminder.Withdraw("The appointment was cancelled.");
        }
        else if (reminder.ExpiresUtc is { } expires && expires <= now)
        {
            reminder.MarkExpired("Its moment passed before it could be sent (Kap was not running).");
        }
        else if (reminder.Kind == ReminderKind.IntegrationBookingCheck && appointment is not null && await IntegrationBookedAsync(db, appointment, cancellationToken))
        {
            reminder.Withdraw("An integration session is booked.");
        }
        else
        {
            await DeliverAsync(db, reminder, appointment, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return reminder.Status;
    }

    private async Task<bool> IntegrationBookedAsync(IKapDbContext db, Appointment dosing, CancellationToken cancellationToken)
    {
        var until = dosing.EndUtc.AddHours(options.CurrentValue.IntegrationBookedWithinHours);
        return await db.Appointments.AnyAsync(a => a.CourseId == dosing.CourseId && a.Kind == AppointmentKind.Integration
            && a.Status != AppointmentStatus.Cancelled && a.StartUtc >= dosing.EndUtc && a.StartUtc <= until, cancellationToken);
    }

    private async Task DeliverAsync(IKapDbContext db, Reminder reminder, Appointment? appointment, DateTime now, CancellationToken cancellationToken)
    {
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == reminder.RecipientUserId)
            .Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == reminder.PatientId)
            .Select(p => new { p.LegalName, p.PreferredName, p.TimeZone }).SingleAsync(cancellationToken);
        if (recipient is null)
        {
            reminder.MarkFailed("The recipient no longer has a Kap login.", now, maxAttempts: 1);
            return;
        }

        var clinician = appointment is null ? null
            : await db.Users.Where(u => u.Id == appointment.ClinicianId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var zone = reminder.RecipientRole == RecipientRole.Patient && TimeZoneInfo.TryFindSystemTimeZoneById(patient.TimeZone, out var z) ? z : clinic.Value.GetTimeZone();
        var (subject, body) = composer.Compose(reminder.Kind, new ReminderComposer.Facts(recipient.DisplayName, patient.PreferredName ?? patient.LegalName,
            appointment?.Kind, appointment?.StartUtc, appointment?.Location, clinician, zone, reminder.CourseId));

        switch (reminder.Channel)
        {
            case ReminderChannel.InApp:
                db.InboxMessages.Add(new InboxMessage(reminder.RecipientUserId, subject, body, now, reminder.Id));
                reminder.MarkSent(now);
                break;
            case ReminderChannel.Email when string.IsNullOrWhiteSpace(recipient.Email):
                reminder.MarkFailed("The recipient has no email address.", now, maxAttempts: 1);
                break;
            case ReminderChannel.Email:
                try
                {
                    await email.SendAsync(new EmailMessage(recipient.Email!, recipient.DisplayName, subject, body), cancellationToken);
                    reminder.MarkSent(now);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    reminder.MarkFailed($"{ex.GetType().Name}: {ex.Message}", now.AddMinutes(options.CurrentValue.RetryAfterMinutes), options.CurrentValue.MaxAttempts);
                }

                break;
            case ReminderChannel.Sms when !sms.IsConfigured:
                reminder.MarkFailed("No SMS provider is configured; the patient still received the in-app message.", now, maxAttempts: 1);
                break;
            case ReminderChannel.Sms:
                var mobile = await db.Patients.Where(p => p.Id == reminder.PatientId).Select(p => p.Mobile).SingleAsync(cancellationToken);
                if (string.IsNullOrWhiteSpace(mobile))
                {
                    reminder.MarkFailed("The patient has no mobile number.", now, maxAttempts: 1);
                    break;
                }

                try
                {
                    await sms.SendAsync(mobile, subject + "\n" + body, cancellationToken);
                    reminder.MarkSent(now);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    reminder.MarkFailed($"{ex.GetType().Name}: {ex.Message}", now.AddMinutes(options.CurrentValue.RetryAfterMinutes), options.CurrentValue.MaxAttempts);
                }

                break;
        }
    }
}

/// <summary>
/// One run of the dispatcher: claim what is due, then deliver each claimed reminder in its own transaction — and claim
/// again while the last claim filled a whole batch, for up to <see cref="MaxRunTime"/>. Reminders fall due in bursts
/// (every session starts on the hour, and quiet hours end at 08:00 for everyone in a zone), and one batch a minute left
/// the end of a 750-reminder burst 7 minutes late on a 5,000-patient clinic (docs/benchmarks.md, "Reminder throughput").
/// </summary>
public sealed class ReminderDispatcher(ISender sender, IOptionsMonitor<ReminderOptions> options, TimeProvider clock)
{
    /// <summary>A run stops claiming after this long, so it ends before the next minute's run starts.</summary>
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromSeconds(45);

    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var delivered = 0;
        while (true)
        {
            var due = await sender.Send(new AnyRemindersDueQuery(), cancellationToken);
            if (!due.IsSuccess || !due.Value)
            {
                return delivered;
            }

            var claim = await sender.Send(new ClaimDueRemindersCommand(), cancellationToken);
            if (!claim.IsSuccess)
            {
                return delivered;
            }

            foreach (var id in claim.Value.ReminderIds)
            {
                var result = await sender.Send(new DeliverReminderCommand(id, claim.Value.Token), cancellationToken);
                if (result.IsSuccess && result.Value == ReminderStatus.Sent)
                {
                    delivered++;
                }
            }

            if (claim.Value.ReminderIds.Count < options.CurrentValue.DispatchBatchSize || clock.GetElapsedTime(started) >= MaxRunTime)
            {
                return delivered;
            }
        }
    }
}
