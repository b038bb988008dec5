using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Preparation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Preparation.Clearance;

public sealed record MedicationInput(string Name, string? Dose, MedicationInteraction Interactions);

public sealed record FindingInput(Contraindication Contraindication, string? Note);

public sealed record OverrideInput(Contraindication Contraindication, string Reason);

/// <summary>
/// The prescribing NP records (or adds to) the course's medical clearance before signing it: vitals,
/// cardiac and vascular history, allergies, pregnancy status, medications, contraindications found and
/// the overrides of flags. A signed clearance is frozen: saving after signing starts a new one.
/// </summary>
[RequiresPolicy(KapPolicies.Prescriber)]
public sealed record SaveClearanceCommand(
    Guid CourseId,
    Guid? Version,
    int? SystolicMmHg,
    int? DiastolicMmHg,
    int? HeartRateBpm,
    decimal? WeightKg,
    decimal? HeightCm,
    string? CardiacVascularHistory,
    string? Allergies,
    PregnancyStatus PregnancyStatus,
    IReadOnlyList<MedicationInput>? Medications,
    IReadOnlyList<FindingInput> AddFindings,
    IReadOnlyList<OverrideInput> Overrides) : ICommand<Result<Guid>>;

/// <summary>The prescribing NP signs the clearance; refused while any hard stop or un-overridden flag stands, naming each.</summary>
[RequiresPolicy(KapPolicies.Prescriber)]
public sealed record SignClearanceCommand(Guid ClearanceId, Guid Version) : ICommand<Result<Guid>>;

/// <summary>The course's latest clearance, with what still stands in the way of signing it.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetClearanceQuery(Guid CourseId) : IQuery<Result<ClearanceDto?>>, IReadsHealthInformation;

public sealed record ClearanceFindingDto(Contraindication Contraindication, ContraindicationKind Kind, string Display, string? Note, string? OverrideReason, DateTime? OverriddenAtUtc);

public sealed record ClearanceDto(
    Guid Id,
    Guid Version,
    ClearanceVitals Vitals,
    decimal? Bmi,
    string? CardiacVascularHistory,
    string? Allergies,
    PregnancyStatus PregnancyStatus,
    IReadOnlyList<MedicationInput> Medications,
    IReadOnlyList<string> MedicationWarnings,
    IReadOnlyList<ClearanceFindingDto> Findings,
    IReadOnlyList<string> SigningProblems,
    DateTime? SignedAtUtc,
    DateTime? ExpiresAtUtc,
    bool IsCurrent);

public sealed class SaveClearanceValidator : AbstractValidator<SaveClearanceCommand>
{
    public SaveClearanceValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.CardiacVascularHistory).MaximumLength(4000);
        RuleFor(x => x.Allergies).MaximumLength(2000);
        RuleFor(x => x.PregnancyStatus).IsInEnum();
        RuleForEach(x => x.Medications).ChildRules(m => m.RuleFor(x => x.Name).NotEmpty().WithMessage("Name each medication.").MaximumLength(200));
        RuleForEach(x => x.AddFindings).ChildRules(f => f.RuleFor(x => x.Contraindication).IsInEnum());
        RuleForEach(x => x.Overrides).ChildRules(o => o.RuleFor(x => x.Reason).NotEmpty().WithMessage("An override needs a written reason.").MaximumLength(2000));
    }
}

public sealed class SaveClearanceHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<SaveClearanceCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(SaveClearanceCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(MedicalClearance), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (course.PrescriberId != op.User.Id)
        {
            return Error.Rule("Only the course's prescribing nurse practitioner records its medical clearance.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var clearance = await ClearanceQueries.Latest(db.MedicalClearances, course.Id).Where(c => c.SignedAtUtc == null).FirstOrDefaultAsync(cancellationToken);
        if (clearance is null)
        {
            clearance = new MedicalClearance(course.Id, course.PrescriberId, op.User.RequiredId, now);
            db.MedicalClearances.Add(clearance);
        }
        else if (command.Version is { } version)
        {
            db.Entry(clearance).Property(c => c.Version).OriginalValue = version;
        }

        var problems = new List<string>();
        void Apply(Kap.Domain.Common.DomainResult r) => problems.AddRange(r.Problems);
        var vitals = new ClearanceVitals(command.SystolicMmHg, command.DiastolicMmHg, command.HeartRateBpm, command.WeightKg, command.HeightCm);
        if (vitals != ClearanceVitals.Empty && vitals != clearance.Vitals)
        {
            Apply(clearance.RecordVitals(vitals, now));
        }

        if (!string.IsNullOrWhiteSpace(command.CardiacVascularHistory))
        {
            Apply(clearance.RecordCardiacVascularHistory(command.CardiacVascularHistory));
        }

        if (!string.IsNullOrWhiteSpace(command.Allergies))
        {
            Apply(clearance.RecordAllergies(command.Allergies));
        }

        if (command.PregnancyStatus != PregnancyStatus.Unknown)
        {
            Apply(clearance.RecordPregnancyStatus(command.PregnancyStatus));
        }

        if (command.Medications is { } medications)
        {
            Apply(clearance.RecordMedications(medications.Select(m => new ClearanceMedication(m.Name, m.Dose, m.Interactions))));
        }

        foreach (var finding in command.AddFindings)
        {
            Apply(clearance.RecordFinding(finding.Contraindication, op.User.RequiredId, now, finding.Note));
        }

        foreach (var o in command.Overrides)
        {
            Apply(clearance.Override(o.Contraindication, o.Reason, op.User.RequiredId, op.User.IsNursePractitioner, now));
        }

        if (problems.Count > 0)
        {
            return Error.Rule(problems.Count == 1 ? problems[0] : "The clearance was not saved:", problems);
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(MedicalClearance), clearance.Id, course.PatientId);
        return clearance.Version;
    }
}

public sealed class SignClearanceHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<SignClearanceCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(SignClearanceCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var visible = access.Courses(db, op.User);
        var clearance = await ClearanceQueries.WithDetails(db.MedicalClearances).Where(c => c.Id == command.ClearanceId && visible.Any(v => v.Id == c.CourseId))
            .SingleOrDefaultAsync(cancellationToken);
        if (clearance is null)
        {
            op.Subject(nameof(MedicalClearance), command.ClearanceId, null);
            return Error.NotFound("The clearance");
        }

        var patientId = await db.Courses.Where(c => c.Id == clearance.CourseId).Select(c => c.PatientId).SingleAsync(cancellationToken);
        op.Subject(nameof(MedicalClearance), clearance.Id, patientId);
        db.Entry(clearance).Property(c => c.Version).OriginalValue = command.Version;
        var signed = clearance.Sign(op.User.RequiredId, op.User.IsNursePractitioner, clock.GetUtcNow().UtcDateTime);
        if (!signed.IsSuccess)
        {
            return Error.Rule(signed.Problems.Count == 1 ? signed.Problems[0] : "The clearance cannot be signed yet:", signed.Problems);
        }

        await db.SaveChangesAsync(cancellationToken);
        return clearance.Version;
    }
}

public sealed class GetClearanceHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<ClinicalOptions> options)
    : IQueryHandler<GetClearanceQuery, Result<ClearanceDto?>>
{
    public async ValueTask<Result<ClearanceDto?>> Handle(GetClearanceQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(MedicalClearance), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var c = await ClearanceQueries.Latest(op.Db.MedicalClearances.AsNoTracking(), course.Id).FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return Result<ClearanceDto?>.Success(null);
        }

        var days = options.CurrentValue.ClearanceValidityDays;
        return Result<ClearanceDto?>.Success(new ClearanceDto(c.Id, c.Version, c.Vitals, c.Bmi, c.CardiacVascularHistory, c.Allergies, c.PregnancyStatus,
            c.Medications.Select(m => new MedicationInput(m.Name, m.Dose, m.Interactions)).ToList(),
            c.MedicationWarnings.Select(w => $"{w.MedicationName}: {w.Text}").ToList(),
            c.Findings.Select(f => new ClearanceFindingDto(f.Contraindication, f.Kind, f.Contraindication.Describe(), f.Note, f.Override?.Reason, f.Override?.AtUtc)).ToList(),
            c.SigningProblems(), c.SignedAtUtc, c.ExpiresAtUtc(days), c.IsCurrent(clock.GetUtcNow().UtcDateTime, days)));
    }
}

public static class ClearanceQueries
{
    public static IQueryable<MedicalClearance> WithDetails(IQueryable<MedicalClearance> clearances) =>
        clearances.Include(c => c.Findings).Include(c => c.Medications);

    public static IQueryable<MedicalClearance> Latest(IQueryable<MedicalClearance> clearances, Guid courseId) =>
        WithDetails(clearances).Where(c => c.CourseId == courseId).OrderByDescending(c => c.StartedAtUtc);

    /// <summary>Item 1 of the gate: the latest signed clearance is still within its validity window.</summary>
    public static async Task<bool> IsSignedAndCurrentAsync(IKapDbContext db, Guid courseId, DateTime nowUtc, int validityDays, CancellationToken cancellationToken)
    {
        var signedAt = await db.MedicalClearances.Where(c => c.CourseId == courseId && c.SignedAtUtc != null)
            .OrderByDescending(c => c.SignedAtUtc).Select(c => c.SignedAtUtc).FirstOrDefaultAsync(cancellationToken);
        return signedAt is { } at && nowUtc <= at.AddDays(validityDays);
    }
}
