using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Patients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Patients.UpdatePatient;

/// <summary>Edits a patient's details. <see cref="Version"/> is the version the clinician started from.</summary>
[RequiresPolicy(KapPolicies.ManagesCourses)]
public sealed record UpdatePatientCommand(
    Guid PatientId,
    Guid Version,
    string LegalName,
    string? PreferredName,
    DateOnly? DateOfBirth,
    string? Mobile,
    ReminderChannel ReminderChannel,
    string TimeZone,
    string SupportPersonName,
    string SupportPersonRelationship,
    string SupportPersonPhone,
    string? SupportPersonEmail) : ICommand<Result<Guid>>, IPatientDetails;

public sealed class UpdatePatientHandler(IOperationContext context, PatientAccess access) : ICommandHandler<UpdatePatientCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(UpdatePatientCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(Patient), command.PatientId, command.PatientId);
        var patient = await access.Patients(op.Db.Patients, op.Db, op.User)
            .SingleOrDefaultAsync(p => p.Id == command.PatientId, cancellationToken);
        if (patient is null)
        {
            return Error.NotFound("The patient");
        }

        // Compare against the version the form was loaded with, so a concurrent edit is refused, not overwritten.
        op.Db.Entry(patient).Property(p => p.Version).OriginalValue = command.Version;
        patient.UpdateDetails(command.LegalName, command.PreferredName, command.DateOfBirth!.Value, command.Mobile,
            command.ReminderChannel, command.TimeZone, command.ToSupportPerson());
        await op.Db.SaveChangesAsync(cancellationToken);
        return patient.Version;
    }
}
