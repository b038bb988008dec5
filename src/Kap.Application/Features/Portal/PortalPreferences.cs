using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Domain.Patients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Portal;

/// <summary>How the signed-in patient is reminded: channel, quiet hours and time zone.</summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record GetMyPreferencesQuery : IQuery<Result<MyPreferencesDto>>;

/// <param name="SmsAvailable">The clinic has a text-message provider; until then SMS cannot be chosen.</param>
/// <param name="ClinicQuietHoursStart">The clinic's quiet hours, which apply when the patient chose none.</param>
public sealed record MyPreferencesDto(Guid Version, ReminderChannel Channel, TimeOnly? QuietHoursStart, TimeOnly? QuietHoursEnd, string TimeZone, bool SmsAvailable,
    string ClinicQuietHoursStart, string ClinicQuietHoursEnd, bool HasEmail);

[RequiresPolicy(KapPolicies.Patient)]
public sealed record UpdateMyPreferencesCommand(Guid Version, ReminderChannel Channel, TimeOnly? QuietHoursStart, TimeOnly? QuietHoursEnd, string TimeZone) : ICommand<Result<Guid>>;

public sealed class UpdateMyPreferencesValidator : AbstractValidator<UpdateMyPreferencesCommand>
{
    public UpdateMyPreferencesValidator()
    {
        RuleFor(x => x.Channel).IsInEnum().WithMessage("Choose how you want to be reminded.");
        RuleFor(x => x.TimeZone).NotEmpty().MaximumLength(64)
            .Must(z => z is not null && TimeZoneInfo.TryFindSystemTimeZoneById(z, out _)).WithMessage("Choose your time zone from the list.");
        RuleFor(x => x).Must(x => (x.QuietHoursStart is null) == (x.QuietHoursEnd is null))
            .WithName("QuietHoursEnd").WithMessage("Give both the start and the end of your quiet hours, or neither.");
        RuleFor(x => x).Must(x => x.QuietHoursStart is null || x.QuietHoursStart != x.QuietHoursEnd)
            .WithName("QuietHoursEnd").WithMessage("Quiet hours must start and end at different times.");
    }
}

public sealed class GetMyPreferencesHandler(IOperationContext context, PortalPatient portal, ISmsSender sms,
    Microsoft.Extensions.Options.IOptionsMonitor<Kap.Application.Common.Options.ReminderOptions> reminders)
    : IQueryHandler<GetMyPreferencesQuery, Result<MyPreferencesDto>>
{
    public async ValueTask<Result<MyPreferencesDto>> Handle(GetMyPreferencesQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        op.Subject(nameof(Patient), patient?.Id, patient?.Id);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        return new MyPreferencesDto(patient.Version, patient.ReminderChannel, patient.QuietHoursStart, patient.QuietHoursEnd, patient.TimeZone, sms.IsConfigured,
            reminders.CurrentValue.QuietHoursStart, reminders.CurrentValue.QuietHoursEnd, !string.IsNullOrWhiteSpace(patient.Email));
    }
}

public sealed class UpdateMyPreferencesHandler(IOperationContext context, PortalPatient portal, ISmsSender sms, ReminderScheduler scheduler)
    : ICommandHandler<UpdateMyPreferencesCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(UpdateMyPreferencesCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var current = await portal.CurrentAsync(op, cancellationToken);
        op.Subject(nameof(Patient), current?.Id, current?.Id);
        if (current is null)
        {
            return Error.NotFound("Your patient record");
        }

        if (command.Channel == ReminderChannel.Sms && !sms.IsConfigured)
        {
            return Error.Field(nameof(command.Channel), "Text messages are not available at this clinic yet; choose email or in the app.");
        }

        var patient = await db.Patients.SingleAsync(p => p.Id == current.Id, cancellationToken);
        db.Entry(patient).Property(p => p.Version).OriginalValue = command.Version;
        patient.SetReminderPreferences(command.Channel, command.QuietHoursStart, command.QuietHoursEnd, command.TimeZone);
        await scheduler.ApplyPatientPreferencesAsync(db, patient, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return patient.Version;
    }
}
