using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Integration;
using Kap.Domain.Preparation;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Integration;

/// <summary>
/// Records the structured notes of an integration session (domain.md §5): the experience, insights, themes,
/// homework agreed and the risk check, linked to the dosing session it follows (or to the series as a whole).
/// A concern raised in the risk check stands as a risk alert until a risk assessment is recorded.
/// </summary>
[RequiresPolicy(KapPolicies.Therapist)]
public sealed record RecordIntegrationNoteCommand(
    Guid CourseId,
    Guid? DosingSessionId,
    Guid? AppointmentId,
    DateTime? HeldAtUtc,
    string Experience,
    string? Insights,
    string? Themes,
    string? Homework,
    IntegrationRiskCheck RiskCheck,
    string? RiskNote) : ICommand<Result<Guid>>;

/// <summary>The course's integration: notes by the dosing session they follow, and what a new note can be linked to.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record GetIntegrationQuery(Guid CourseId) : IQuery<Result<IntegrationDto>>, IReadsHealthInformation;

/// <param name="Experience">Null when the reader is not a therapist: NPs and admins see that a note exists and its risk check, not its content.</param>
public sealed record IntegrationNoteDto(
    Guid Id,
    Guid? DosingSessionId,
    string FollowsText,
    Guid? AppointmentId,
    DateTime HeldAtUtc,
    string? Experience,
    string? Insights,
    IReadOnlyList<string> Themes,
    string? Homework,
    IntegrationRiskCheck RiskCheck,
    string? RiskNote,
    string RecordedBy,
    DateTime RecordedAtUtc);

/// <param name="Number">The dose's number in the course, 1 for the first dose given.</param>
public sealed record DosedSessionOption(Guid Id, int Number, DateTime StartedAtUtc, DateTime? EndedAtUtc, string RouteText)
{
    public string Label(Func<DateTime, string> format) => $"Dosing session {Number} · {format(StartedAtUtc)} · {RouteText}";
}

public sealed record IntegrationAppointmentOption(Guid Id, DateTime StartUtc, AppointmentStatus Status);

/// <param name="ContentVisible">The reader is a therapist and sees the notes' content.</param>
/// <param name="CanRecord">The reader is a therapist and the course has had a dose: a note can be written.</param>
public sealed record IntegrationDto(
    Guid CourseId,
    CoursePhase Phase,
    IReadOnlyList<IntegrationNoteDto> Notes,
    IReadOnlyList<DosedSessionOption> DosedSessions,
    IReadOnlyList<IntegrationAppointmentOption> OpenAppointments,
    bool ContentVisible,
    bool CanRecord);

public sealed class RecordIntegrationNoteValidator : AbstractValidator<RecordIntegrationNoteCommand>
{
    public RecordIntegrationNoteValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Experience).NotEmpty().WithMessage("Describe the patient's experience: it is the heart of the note.")
            .MaximumLength(IntegrationNote.MaxTextLength).WithMessage($"Keep the experience under {IntegrationNote.MaxTextLength} characters.");
        RuleFor(x => x.Insights).MaximumLength(IntegrationNote.MaxTextLength).WithMessage($"Keep the insights under {IntegrationNote.MaxTextLength} characters.");
        RuleFor(x => x.Homework).MaximumLength(IntegrationNote.MaxTextLength).WithMessage($"Keep the homework under {IntegrationNote.MaxTextLength} characters.");
        RuleFor(x => x.RiskNote).MaximumLength(IntegrationNote.MaxTextLength).WithMessage($"Keep the risk note under {IntegrationNote.MaxTextLength} characters.");
        RuleFor(x => x.Themes).MaximumLength(IntegrationNote.MaxThemesLength).WithMessage($"Keep the themes under {IntegrationNote.MaxThemesLength} characters.");
        RuleFor(x => x.RiskCheck).IsInEnum().WithMessage("Record the risk check: no concerns, or a concern raised.");
        RuleFor(x => x.RiskNote).NotEmpty().When(x => x.RiskCheck == IntegrationRiskCheck.ConcernRaised)
            .WithMessage("A concern was raised: record what the patient said and what was done.");
        RuleFor(x => x.HeldAtUtc).Must(d => d is null || d.Value.Kind != DateTimeKind.Local).WithMessage("Give the session's time in UTC.");
    }
}

public sealed class RecordIntegrationNoteHandler(IOperationContext context, PatientAccess access, TimeProvider clock)
    : ICommandHandler<RecordIntegrationNoteCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordIntegrationNoteCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(IntegrationNote), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (course.Phase is CoursePhase.Referred or CoursePhase.Screening or CoursePhase.Preparation)
        {
            return Error.Rule("Integration follows dosing: this course has not reached its dosing sessions yet. Record preparation sessions as preparation notes.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? sessionEnded = null;
        if (command.DosingSessionId is { } sessionId)
        {
            var session = await db.DosingSessions.AsNoTracking().Where(s => s.Id == sessionId && s.CourseId == course.Id)
                .Select(s => new { s.Status, s.EndedAtUtc }).SingleOrDefaultAsync(cancellationToken);
            if (session is null)
            {
                return Error.Field(nameof(command.DosingSessionId), "Choose one of this course's dosing sessions.");
            }

            if (session.Status != DosingSessionStatus.Discharged)
            {
                return Error.Field(nameof(command.DosingSessionId), session.Status == DosingSessionStatus.InProgress
                    ? "That dosing session is still in progress: integration follows discharge."
                    : "No dose was given in that session, so there is nothing to integrate from it.");
            }

            sessionEnded = session.EndedAtUtc;
        }
        else if (!await db.DosingSessions.AnyAsync(s => s.CourseId == course.Id && s.Status == DosingSessionStatus.Discharged, cancellationToken))
        {
            return Error.Rule("Integration follows dosing: this course has no dosing session with a dose given yet.");
        }

        Appointment? appointment = null;
        if (command.AppointmentId is { } appointmentId)
        {
            appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId && a.CourseId == course.Id && a.Kind == AppointmentKind.Integration, cancellationToken);
            if (appointment is null || appointment.Status == AppointmentStatus.Cancelled)
            {
                return Error.Field(nameof(command.AppointmentId), "Choose one of this course's integration sessions that was not cancelled.");
            }

            if (await db.IntegrationNotes.AnyAsync(n => n.AppointmentId == appointmentId, cancellationToken))
            {
                return Error.Field(nameof(command.AppointmentId), "That integration session already has its notes: write a new note without linking it, to add to them.");
            }
        }

        var heldAt = command.HeldAtUtc is { } given ? DateTime.SpecifyKind(given, DateTimeKind.Utc) : appointment?.StartUtc ?? now;
        var (note, check) = IntegrationNote.Create(course.Id, command.DosingSessionId, command.AppointmentId, heldAt, command.Experience, command.Insights,
            command.Themes, command.Homework, command.RiskCheck, command.RiskNote, op.User.RequiredId, now, sessionEnded);
        if (note is null)
        {
            return Error.Rule(check.Problems.Count == 1 ? check.Problems[0] : "The note cannot be saved yet:", check.Problems);
        }

        db.IntegrationNotes.Add(note);

        // The session the note is for was held: it is marked attended, so the summary counts it.
        if (appointment is { Status: AppointmentStatus.Booked } && appointment.StartUtc <= now)
        {
            appointment.RecordOutcome(AppointmentStatus.Attended, now);
        }

        if (note.RequiresRiskAssessment)
        {
            op.Note("risk-concern");
            if (course.PrimaryTherapistId != op.User.RequiredId)
            {
                var patient = await db.Patients.Where(p => p.Id == course.PatientId).Select(p => p.PreferredName ?? p.LegalName).SingleAsync(cancellationToken);
                db.InboxMessages.Add(new InboxMessage(course.PrimaryTherapistId, "Risk concern raised in integration: a risk assessment is needed",
                    $"A concern was raised in {patient}'s integration session.\nIt stays on your caseload's risk alerts until a risk assessment is recorded.\nCourse: /courses/{course.Id}",
                    now, reminderId: null));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(IntegrationNote), note.Id, course.PatientId);
        return note.Id;
    }
}

public sealed class GetIntegrationHandler(IOperationContext context, PatientAccess access) : IQueryHandler<GetIntegrationQuery, Result<IntegrationDto>>
{
    public async ValueTask<Result<IntegrationDto>> Handle(GetIntegrationQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(IntegrationNote), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var dosed = (await db.DosingSessions.AsNoTracking().Where(s => s.CourseId == course.Id && s.Status == DosingSessionStatus.Discharged)
                .OrderBy(s => s.StartedAtUtc).Select(s => new { s.Id, s.StartedAtUtc, s.EndedAtUtc, s.Route }).ToListAsync(cancellationToken))
            .Select((s, i) => new DosedSessionOption(s.Id, i + 1, s.StartedAtUtc, s.EndedAtUtc, s.Route.Describe()))
            .ToList();
        var notes = await db.IntegrationNotes.AsNoTracking().Where(n => n.CourseId == course.Id).OrderByDescending(n => n.HeldAtUtc).ThenByDescending(n => n.RecordedAtUtc)
            .Select(n => new { Note = n, By = db.Users.Where(u => u.Id == n.RecordedBy).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var noted = notes.Where(n => n.Note.AppointmentId != null).Select(n => n.Note.AppointmentId!.Value).ToHashSet();
        var open = (await db.Appointments.AsNoTracking()
                .Where(a => a.CourseId == course.Id && a.Kind == AppointmentKind.Integration && a.Status != AppointmentStatus.Cancelled)
                .OrderBy(a => a.StartUtc).Select(a => new IntegrationAppointmentOption(a.Id, a.StartUtc, a.Status)).ToListAsync(cancellationToken))
            .Where(a => !noted.Contains(a.Id)).ToList();

        var visible = op.User.IsTherapist;
        string Follows(Guid? sessionId) =>
            sessionId is { } id && dosed.FirstOrDefault(d => d.Id == id) is { } d ? $"After dosing session {d.Number}" : "After the series";
        var dtos = notes.Select(n => new IntegrationNoteDto(n.Note.Id, n.Note.DosingSessionId, Follows(n.Note.DosingSessionId), n.Note.AppointmentId, n.Note.HeldAtUtc,
            visible ? n.Note.Experience : null, visible ? n.Note.Insights : null, visible ? n.Note.ThemeList : [], visible ? n.Note.Homework : null,
            n.Note.RiskCheck, visible ? n.Note.RiskNote : null, n.By ?? "", n.Note.RecordedAtUtc)).ToList();
        return new IntegrationDto(course.Id, course.Phase, dtos, dosed, open, visible, visible && dosed.Count > 0 && course.Phase is not (CoursePhase.Referred or CoursePhase.Screening or CoursePhase.Preparation));
    }
}
