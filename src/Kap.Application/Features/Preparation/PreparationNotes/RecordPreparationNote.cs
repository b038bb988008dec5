using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Scheduling;
using Kap.Domain.Screening;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Preparation.PreparationNotes;

/// <summary>Notes of a preparation session with the intentions agreed; each counts one session against the plan.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record RecordPreparationNoteCommand(Guid CourseId, Guid? AppointmentId, string Intentions, string? Notes) : ICommand<Result<Guid>>;

public sealed class RecordPreparationNoteValidator : AbstractValidator<RecordPreparationNoteCommand>
{
    public RecordPreparationNoteValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Intentions).NotEmpty().WithMessage("Record the intentions the patient set.").MaximumLength(4000);
        RuleFor(x => x.Notes).MaximumLength(10_000);
    }
}

public sealed class RecordPreparationNoteHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<RecordPreparationNoteCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordPreparationNoteCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(PreparationNote), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (command.AppointmentId is { } appointmentId
            && !await db.Appointments.AnyAsync(a => a.Id == appointmentId && a.CourseId == course.Id && a.Kind == AppointmentKind.Preparation, cancellationToken))
        {
            return Error.Field(nameof(command.AppointmentId), "Choose one of this course's preparation sessions.");
        }

        if (command.AppointmentId is { } linked && await db.PreparationNotes.AnyAsync(n => n.AppointmentId == linked, cancellationToken))
        {
            return Error.Field(nameof(command.AppointmentId), "This preparation session already has its notes.");
        }

        var note = new PreparationNote(course.Id, command.AppointmentId, command.Intentions, command.Notes, op.User.RequiredId, clock.GetUtcNow().UtcDateTime);
        db.PreparationNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(PreparationNote), note.Id, course.PatientId);
        return note.Id;
    }
}
