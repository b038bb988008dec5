using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// A correction: a new entry that references the original and carries a signed change to the lot's balance, with
/// the reason. The original is never changed [S: 1304.04, DEA-M]; a correction never takes the balance below zero.
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record CorrectLedgerEntryCommand(Guid EntryId, decimal DeltaMg, string Reason) : ICommand<Result<Guid>>;

public sealed class CorrectLedgerEntryValidator : AbstractValidator<CorrectLedgerEntryCommand>
{
    public CorrectLedgerEntryValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.EntryId).NotEmpty().WithMessage("Choose the entry to correct.");
        RuleFor(x => x.DeltaMg).NotEqual(0).WithMessage("A correction must change the balance; its quantity cannot be 0 mg.")
            .InclusiveBetween(-1_000_000, 1_000_000);
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for the correction.").MaximumLength(2000);
    }
}

public sealed class CorrectLedgerEntryHandler(IOperationContext context, TimeProvider clock) : ICommandHandler<CorrectLedgerEntryCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(CorrectLedgerEntryCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject(nameof(LedgerEntry), command.EntryId, null);
        var original = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EntryId, cancellationToken);
        if (original is null)
        {
            return Error.NotFound("The ledger entry");
        }

        var (lot, entries) = await LedgerSupport.LotWithEntriesAsync(db, original.LotId, cancellationToken);
        var corrected = LedgerEntry.Correct(lot!, original, entries, command.DeltaMg, clock.GetUtcNow().UtcDateTime, op.User.RequiredId, command.Reason);
        if (corrected.Value is not { } entry)
        {
            return LedgerSupport.Refused("correction", corrected.Problems);
        }

        db.LedgerEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(LedgerEntry), entry.Id, original.PatientId);
        return entry.Id;
    }
}
