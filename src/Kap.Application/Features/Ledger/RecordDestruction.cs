using FluentValidation;
using Kap.Application.Common.Behaviors;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Mediator;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// Destruction of stock, recorded against its DEA Form 41 with two authorised witnesses [S: F41]: both type their
/// own sign-in here, they are two different people, and neither is the user recording the destruction.
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record RecordDestructionCommand(
    Guid LotId,
    decimal QuantityMg,
    string Manner,
    string Form41Reference,
    StaffCredentials FirstWitness,
    StaffCredentials SecondWitness) : ICommand<Result<Guid>>, IWitnessedCommand
{
    public IEnumerable<StaffCredentials?> WitnessCredentials() => [FirstWitness, SecondWitness];
}

public sealed class RecordDestructionValidator : AbstractValidator<RecordDestructionCommand>
{
    public RecordDestructionValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.LotId).NotEmpty().WithMessage("Choose the lot.");
        RuleFor(x => x.QuantityMg).GreaterThan(0).WithMessage("Enter the quantity destroyed in mg.");
        RuleFor(x => x.Manner).NotEmpty().WithMessage("Record how the stock was destroyed.").MaximumLength(500);
        RuleFor(x => x.Form41Reference).NotEmpty().WithMessage("Give the DEA Form 41 reference.").MaximumLength(100);
        RuleFor(x => x.FirstWitness).NotNull().WithMessage("Destruction needs two witnesses (DEA Form 41).").SetValidator(new StaffCredentialsValidator());
        RuleFor(x => x.SecondWitness).NotNull().WithMessage("Destruction needs two witnesses (DEA Form 41).").SetValidator(new StaffCredentialsValidator());
    }
}

public sealed class RecordDestructionHandler(IOperationContext context, TimeProvider clock, IVerifiedWitnesses witnesses)
    : ICommandHandler<RecordDestructionCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordDestructionCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject(nameof(LedgerEntry), null, null);
        var (lot, entries) = await LedgerSupport.LotWithEntriesAsync(db, command.LotId, cancellationToken);
        if (lot is null)
        {
            return Error.NotFound("The lot");
        }

        var me = op.User.RequiredId;
        var (first, firstError) = LedgerSupport.Witness(witnesses, command.FirstWitness, me, nameof(command.FirstWitness));
        if (firstError is not null)
        {
            return firstError;
        }

        var (second, secondError) = LedgerSupport.Witness(witnesses, command.SecondWitness, me, nameof(command.SecondWitness));
        if (secondError is not null)
        {
            return secondError;
        }

        if (first!.UserId == second!.UserId)
        {
            return Error.Field(nameof(command.SecondWitness), "Destruction needs two different witnesses (DEA Form 41): the same person signed in twice.");
        }

        var destroyed = LedgerEntry.Destroy(lot, entries, command.QuantityMg, clock.GetUtcNow().UtcDateTime, me, command.Manner,
            first.UserId, second.UserId, command.Form41Reference);
        if (destroyed.Value is not { } entry)
        {
            return LedgerSupport.Refused("destruction", destroyed.Problems);
        }

        db.LedgerEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(LedgerEntry), entry.Id, null);
        return entry.Id;
    }
}
