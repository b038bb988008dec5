using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Consent;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Preparation.Consent;

/// <summary>Publishes a new version of the consent document. Earlier versions stay as they were; every course must re-consent before its next dose.</summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record PublishConsentVersionCommand(string Title, string Text) : ICommand<Result<int>>;

/// <summary>The latest published consent document, or none.</summary>
[RequiresPolicy(KapPolicies.Authenticated)]
public sealed record GetCurrentConsentQuery : IQuery<Result<ConsentDocumentDto?>>;

public sealed record ConsentDocumentDto(Guid Id, int VersionNumber, string Title, string Text, DateTime PublishedAtUtc);

/// <summary>
/// Records consent signed in the clinic: the patient types their full legal name to sign the current
/// version, and the clinician present countersigns in the same step.
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record RecordConsentCommand(Guid CourseId, int VersionNumber, string PatientTypedName) : ICommand<Result<Guid>>;

public sealed class PublishConsentVersionValidator : AbstractValidator<PublishConsentVersionCommand>
{
    public PublishConsentVersionValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Give the document a title.").MaximumLength(200);
        RuleFor(x => x.Text).NotEmpty().WithMessage("Write the consent text.").MaximumLength(100_000);
    }
}

public sealed class RecordConsentValidator : AbstractValidator<RecordConsentCommand>
{
    public RecordConsentValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.PatientTypedName).NotEmpty().WithMessage("The patient types their full legal name to sign.").MaximumLength(200);
    }
}

public sealed class PublishConsentVersionHandler(IOperationContext context, TimeProvider clock) : ICommandHandler<PublishConsentVersionCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(PublishConsentVersionCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var latest = await op.Db.ConsentDocuments.MaxAsync(d => (int?)d.VersionNumber, cancellationToken) ?? 0;
        var document = new ConsentDocument(latest + 1, command.Title, command.Text, clock.GetUtcNow().UtcDateTime, op.User.RequiredId);
        op.Db.ConsentDocuments.Add(document);
        await op.Db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(ConsentDocument), document.Id, null);
        return document.VersionNumber;
    }
}

public sealed class GetCurrentConsentHandler(IOperationContext context) : IQueryHandler<GetCurrentConsentQuery, Result<ConsentDocumentDto?>>
{
    public async ValueTask<Result<ConsentDocumentDto?>> Handle(GetCurrentConsentQuery query, CancellationToken cancellationToken)
    {
        var latest = await context.Current.Db.ConsentDocuments.AsNoTracking().OrderByDescending(d => d.VersionNumber)
            .Select(d => new ConsentDocumentDto(d.Id, d.VersionNumber, d.Title, d.Text, d.PublishedAtUtc)).FirstOrDefaultAsync(cancellationToken);
        return Result<ConsentDocumentDto?>.Success(latest);
    }
}

public sealed class RecordConsentHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<RecordConsentCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordConsentCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(ConsentSignature), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var document = await db.ConsentDocuments.AsNoTracking().OrderByDescending(d => d.VersionNumber).FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return Error.Rule("No consent document is published yet. An administrator publishes it first.");
        }

        if (document.VersionNumber != command.VersionNumber)
        {
            return Error.Rule($"Version {document.VersionNumber} of the consent document is now current; read it with the patient and sign that one.");
        }

        var legalName = await db.Patients.Where(p => p.Id == course.PatientId).Select(p => p.LegalName).SingleAsync(cancellationToken);
        var name = ConsentRules.CheckTypedName(command.PatientTypedName, legalName);
        if (!name.IsSuccess)
        {
            return Error.Field(nameof(command.PatientTypedName), name.Problems[0]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var signature = new ConsentSignature(course.Id, course.PatientId, document.Id, document.VersionNumber, command.PatientTypedName, now);
        signature.Countersign(op.User.RequiredId, now);
        db.ConsentSignatures.Add(signature);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(ConsentSignature), signature.Id, course.PatientId);
        return signature.Id;
    }
}

/// <summary>A clinician countersigns the consent a patient signed in the portal (the current version only).</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record CountersignConsentCommand(Guid CourseId) : ICommand<Result<Guid>>;

public sealed class CountersignConsentHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<CountersignConsentCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(CountersignConsentCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(ConsentSignature), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var latest = await db.ConsentDocuments.MaxAsync(d => (int?)d.VersionNumber, cancellationToken);
        var signature = await db.ConsentSignatures
            .Where(s => s.CourseId == course.Id && s.VersionNumber == latest && s.ClinicianSignedAtUtc == null)
            .OrderByDescending(s => s.PatientSignedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (signature is null)
        {
            return Error.Rule("There is no patient signature on the current version waiting to be countersigned.");
        }

        var result = signature.Countersign(op.User.RequiredId, clock.GetUtcNow().UtcDateTime);
        if (!result.IsSuccess)
        {
            return Error.Rule(result.Problems[0]);
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(ConsentSignature), signature.Id, course.PatientId);
        return signature.Id;
    }
}
