using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Mediator;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// A delivery of one lot of ketamine, with every field a Schedule III receipt record needs: substance, form,
/// strength, container size and count, lot, expiry, and the supplier's name, address and DEA number
/// [S: SC mirroring 21 CFR 1304.22(c)]. Creates the lot and its receipt entry in one transaction.
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record ReceiveStockCommand(
    Substance Substance,
    DosageForm Form,
    decimal StrengthMgPerMl,
    decimal VolumeMlPerContainer,
    int ContainersReceived,
    string LotNumber,
    DateOnly ExpiresOn,
    string SupplierName,
    string SupplierAddress,
    string SupplierDeaNumber) : ICommand<Result<Guid>>;

public sealed class ReceiveStockValidator : AbstractValidator<ReceiveStockCommand>
{
    public ReceiveStockValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Substance).IsInEnum().WithMessage("Choose the substance received.");
        RuleFor(x => x.Form).IsInEnum().WithMessage("Choose the form received.");
        RuleFor(x => x.StrengthMgPerMl).GreaterThan(0).WithMessage("Enter the strength in mg/mL.").LessThanOrEqualTo(10_000);
        RuleFor(x => x.VolumeMlPerContainer).GreaterThan(0).WithMessage("Enter the volume of each container in mL.").LessThanOrEqualTo(10_000);
        RuleFor(x => x.ContainersReceived).GreaterThan(0).WithMessage("Enter how many containers were received.").LessThanOrEqualTo(100_000);
        RuleFor(x => x.LotNumber).NotEmpty().WithMessage("Give the lot number.").MaximumLength(100);
        RuleFor(x => x.ExpiresOn).NotEqual(default(DateOnly)).WithMessage("Give the expiry date.");
        RuleFor(x => x.SupplierName).NotEmpty().WithMessage("Give the supplier's name.").MaximumLength(200);
        RuleFor(x => x.SupplierAddress).NotEmpty().WithMessage("Give the supplier's address.").MaximumLength(500);
        RuleFor(x => x.SupplierDeaNumber).NotEmpty().WithMessage("Give the supplier's DEA number.").MaximumLength(20)
            .Must(DeaNumber.IsValid).WithMessage(x => DeaNumber.Check(x.SupplierDeaNumber).Problems.FirstOrDefault() ?? "Check the DEA number.");
    }
}

public sealed class ReceiveStockHandler(IOperationContext context, TimeProvider clock) : ICommandHandler<ReceiveStockCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(ReceiveStockCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var now = clock.GetUtcNow().UtcDateTime;
        var received = StockLot.Receive(command.Substance, command.Form, command.StrengthMgPerMl, command.VolumeMlPerContainer, command.ContainersReceived,
            command.LotNumber, command.ExpiresOn, command.SupplierName, command.SupplierAddress, command.SupplierDeaNumber, now, op.User.RequiredId);
        if (received.Value is not { } lot)
        {
            return LedgerSupport.Refused("receipt", received.Problems);
        }

        // A new lot has no entries yet; the receipt is its first line.
        var receipt = LedgerEntry.Receive(lot, []);
        if (receipt.Value is not { } entry)
        {
            return LedgerSupport.Refused("receipt", receipt.Problems);
        }

        db.StockLots.Add(lot);
        db.LedgerEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(StockLot), lot.Id, null);
        return lot.Id;
    }
}
