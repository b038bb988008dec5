using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Consent;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Portal;

/// <summary>The signed-in patient's course as a timeline of phases, what comes next, and their consent.</summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record GetMyCourseQuery : IQuery<Result<MyCourseDto>>, IReadsHealthInformation;

public enum MyStepStatus
{
    Done,
    Current,
    Next,
}

/// <param name="Detail">What the step means for the patient, in plain words (counts of sessions held and planned).</param>
public sealed record MyCourseStepDto(string Name, MyStepStatus Status, string Detail);

/// <param name="SignedVersion">The latest version the patient has signed (countersigned or not).</param>
/// <param name="AwaitingCountersign">The patient signed in the portal; a clinician has yet to countersign.</param>
/// <param name="MustSign">A version newer than any the patient signed is published: they are asked to read and sign it.</param>
public sealed record MyConsentDto(int? CurrentVersion, string? Title, string? Text, int? SignedVersion, DateTime? SignedAtUtc, bool AwaitingCountersign, bool MustSign);

public sealed record MyCourseDto(Guid CourseId, string Phase, string WhatIsNext, IReadOnlyList<MyCourseStepDto> Steps, MyConsentDto Consent, string TherapistName, string PrescriberName,
    string TimeZone);

/// <summary>The patient reads and signs the current consent version in the portal (typed full legal name); a clinician countersigns it.</summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record SignMyConsentCommand(int VersionNumber, string TypedName) : ICommand<Result<Guid>>;

public sealed class SignMyConsentValidator : AbstractValidator<SignMyConsentCommand>
{
    public SignMyConsentValidator()
    {
        RuleFor(x => x.VersionNumber).GreaterThan(0);
        RuleFor(x => x.TypedName).NotEmpty().WithMessage("Type your full legal name to sign.").MaximumLength(200);
    }
}

public sealed class GetMyCourseHandler(IOperationContext context, PortalPatient portal) : IQueryHandler<GetMyCourseQuery, Result<MyCourseDto>>
{
    public async ValueTask<Result<MyCourseDto>> Handle(GetMyCourseQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        var course = patient is null ? null : await PortalPatient.CurrentCourseAsync(op, patient.Id, cancellationToken);
        op.Subject(nameof(Course), course?.Id, patient?.Id);
        if (patient is null || course is null)
        {
            return Error.NotFound("Your course");
        }

        var sessions = await db.Appointments.AsNoTracking().Where(a => a.CourseId == course.Id && a.Status != AppointmentStatus.Cancelled)
            .Select(a => new { a.Kind, a.Status }).ToListAsync(cancellationToken);
        int Held(AppointmentKind kind) => sessions.Count(s => s.Kind == kind && s.Status == AppointmentStatus.Attended);
        int Booked(AppointmentKind kind) => sessions.Count(s => s.Kind == kind && s.Status == AppointmentStatus.Booked);
        var doses = await db.DosingSessions.CountAsync(s => s.CourseId == course.Id && s.Status == DosingSessionStatus.Discharged, cancellationToken);

        var reached = course.Phase == CoursePhase.OnHold ? course.PhaseBeforeHold ?? CoursePhase.Referred : course.Phase;
        var order = new[] { CoursePhase.Referred, CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing, CoursePhase.Integration, CoursePhase.Completed };
        var at = Array.IndexOf(order, reached is CoursePhase.Referred or CoursePhase.Screening ? CoursePhase.Preparation : reached);
        MyStepStatus StatusOf(CoursePhase phase)
        {
            var i = Array.IndexOf(order, phase);
            return course.Phase == CoursePhase.Completed || i < at ? MyStepStatus.Done : i == at ? MyStepStatus.Current : MyStepStatus.Next;
        }

        var steps = new List<MyCourseStepDto>
        {
            new("Preparation", StatusOf(CoursePhase.Preparation), StatusOf(CoursePhase.Preparation) == MyStepStatus.Done
                ? "Done: your medical check, consent, first questionnaires and preparation sessions."
                : $"Getting ready together: a medical check, consent, questionnaires and {Sessions(Held(AppointmentKind.Preparation), course.Plan.PreparationSessions, Booked(AppointmentKind.Preparation))} preparation sessions."),
            new("Dosing sessions", StatusOf(CoursePhase.Dosing),
                $"{doses} of {course.Plan.DosingSessions} dosing sessions done{(Booked(AppointmentKind.Dosing) > 0 ? $", {Booked(AppointmentKind.Dosing)} booked" : "")}."),
            new("Integration", StatusOf(CoursePhase.Integration),
                $"Making sense of the experience: {Held(AppointmentKind.Integration)} integration sessions held{(Booked(AppointmentKind.Integration) > 0 ? $", {Booked(AppointmentKind.Integration)} booked" : "")}."),
        };

        var latest = await db.ConsentDocuments.AsNoTracking().OrderByDescending(d => d.VersionNumber).FirstOrDefaultAsync(cancellationToken);
        var signed = await db.ConsentSignatures.AsNoTracking().Where(s => s.CourseId == course.Id).OrderByDescending(s => s.VersionNumber).ThenByDescending(s => s.PatientSignedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        var mustSign = latest is not null && (signed is null || signed.VersionNumber < latest.VersionNumber);
        var consent = new MyConsentDto(latest?.VersionNumber, latest?.Title, mustSign ? latest?.Text : null, signed?.VersionNumber, signed?.PatientSignedAtUtc,
            signed is { IsComplete: false }, mustSign);

        var names = await db.Users.Where(u => u.Id == course.PrimaryTherapistId || u.Id == course.PrescriberId).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new MyCourseDto(course.Id, PhaseName(course.Phase), WhatIsNext(course.Phase, mustSign), steps, consent,
            names.GetValueOrDefault(course.PrimaryTherapistId, ""), names.GetValueOrDefault(course.PrescriberId, ""), patient.TimeZone);
    }

    private static string Sessions(int held, int planned, int booked) =>
        $"{held} of {planned}" + (booked > 0 ? $" ({booked} booked)" : "");

    private static string PhaseName(CoursePhase phase) => phase switch
    {
        CoursePhase.Referred or CoursePhase.Screening => "Getting started",
        CoursePhase.Preparation => "Preparation",
        CoursePhase.Dosing => "Dosing sessions",
        CoursePhase.Integration => "Integration",
        CoursePhase.Completed => "Completed",
        CoursePhase.OnHold => "On hold",
        _ => "Closed",
    };

    private static string WhatIsNext(CoursePhase phase, bool mustSign) => mustSign
        ? "Please read and sign the consent form below."
        : phase switch
        {
            CoursePhase.Referred or CoursePhase.Screening => "Your care team will meet you to see whether this treatment suits you.",
            CoursePhase.Preparation => "Your preparation sessions and a medical check come first; your care team will book your dosing sessions when you are ready.",
            CoursePhase.Dosing => "Your dosing sessions, each followed by an integration session. Check each appointment for how to prepare.",
            CoursePhase.Integration => "Integration sessions to make the most of what you experienced.",
            CoursePhase.Completed => "Your course is complete. We will ask for short follow-up questionnaires at 1 and 3 months.",
            CoursePhase.OnHold => "Your course is paused. Your care team will talk with you about resuming.",
            _ => "Your course has ended. Contact the clinic with any question.",
        };
}

public sealed class SignMyConsentHandler(IOperationContext context, PortalPatient portal, TimeProvider clock) : ICommandHandler<SignMyConsentCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(SignMyConsentCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        var course = patient is null ? null : await PortalPatient.CurrentCourseAsync(op, patient.Id, cancellationToken);
        op.Subject(nameof(ConsentSignature), null, patient?.Id);
        if (patient is null || course is null || CourseStateMachine.IsClosed(course.Phase))
        {
            return Error.NotFound("An open course");
        }

        var document = await db.ConsentDocuments.AsNoTracking().OrderByDescending(d => d.VersionNumber).FirstOrDefaultAsync(cancellationToken);
        if (document is null || document.VersionNumber != command.VersionNumber)
        {
            return Error.Rule(document is null ? "There is no consent form to sign yet." : $"Version {document.VersionNumber} of the consent form is now current: please read that one.");
        }

        if (await db.ConsentSignatures.AnyAsync(s => s.CourseId == course.Id && s.VersionNumber == document.VersionNumber, cancellationToken))
        {
            return Error.Rule("You have already signed this version.");
        }

        var name = ConsentRules.CheckTypedName(command.TypedName, patient.LegalName);
        if (!name.IsSuccess)
        {
            return Error.Field(nameof(command.TypedName), "Type your full legal name exactly as the clinic has it, to sign.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signature = new ConsentSignature(course.Id, patient.Id, document.Id, document.VersionNumber, command.TypedName.Trim(), now);
        db.ConsentSignatures.Add(signature);
        db.InboxMessages.Add(new InboxMessage(course.PrimaryTherapistId, $"{patient.DisplayName} signed consent version {document.VersionNumber}",
            $"{patient.DisplayName} read and signed version {document.VersionNumber} of the consent form in the portal. Countersign it from the course page's preparation panel.\nCourse: /courses/{course.Id}",
            now, reminderId: null));
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(ConsentSignature), signature.Id, patient.Id);
        return signature.Id;
    }
}
