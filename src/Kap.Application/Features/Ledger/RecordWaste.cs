using FluentValidation;
using Kap.Application.Common.Behaviors;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Mediator;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// Drug left in a vial or syringe and wasted: quantity, manner, who wasted [S: DEA-W], and a witness — a second
/// staff user who types their own user name and password here ([U]; `Ledger:WasteWitnessRequired`, default on).
/// Wrong credentials, or the signed-in user as their own witness, save nothing. The witness's password is
/// checked by Identity (with lockout) and never stored or logged.
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record RecordWasteCommand(Guid LotId, decimal QuantityMg, string Manner, StaffCredentials? Witness) : ICommand<Result<Guid>>, IWitnessedCommand
{
    public IEnumerable<StaffCredentials?> WitnessCredentials() => [Witness];
}

public sealed class RecordWasteValidator : AbstractValidator<RecordWasteCommand>
{
    public RecordWasteValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.LotId).NotEmpty().WithMessage("Choose the lot.");
        RuleFor(x => x.QuantityMg).GreaterThan(0).WithMessage("Enter the quantity wasted in mg.");
        RuleFor(x => x.Manner).NotEmpty().WithMessage("Record how the drug was wasted.").MaximumLength(500);
        RuleFor(x => x.Witness!).SetValidator(new StaffCredentialsValidator()).When(x => x.Witness is not null);
    }
}

/// <summary>Shape only; whether the credentials are right is Identity's to say.</summary>
public sealed class StaffCredentialsValidator : AbstractValidator<StaffCredentials>
{
    public StaffCredentialsValidator()
    {
        RuleFor(x => x.UserName).NotEmpty().WithMessage("Enter the witness's user name.").MaximumLength(256);
        RuleFor(x => x.Password).NotEmpty().WithMessage("The witness enters their password.").MaximumLength(256);
    }
}

public sealed class RecordWasteHandler(IOperationContext context, TimeProvider clock, IVerifiedWitnesses witnesses, IOptionsMonitor<LedgerOptions> options)
    : ICommandHandler<RecordWasteCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordWasteCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject(nameof(LedgerEntry), null, null);
        var (lot, entries) = await LedgerSupport.LotWithEntriesAsync(db, command.LotId, cancellationToken);
        if (lot is null)
        {
            return Error.NotFound("The lot");
        }

        var witnessRequired = options.CurrentValue.WasteWitnessRequired;
        Guid? witnessId = null;
        if (command.Witness is { } credentials)
        {
            var (witness, error) = LedgerSupport.Witness(witnesses, credentials, op.User.RequiredId, nameof(command.Witness));
            if (error is not null)
            {
                return error;
            }

            witnessId = witness!.UserId;
        }
        else if (witnessRequired)
        {
            return Error.Field(nameof(command.Witness), "Waste needs a witness who confirms with their own sign-in.");
        }

        var wasted = LedgerEntry.Waste(lot, entries, command.QuantityMg, clock.GetUtcNow().UtcDateTime, op.User.RequiredId, command.Manner, witnessId, witnessRequired);
        if (wasted.Value is not { } entry)
        {
            return LedgerSupport.Refused("waste", wasted.Problems);
        }

        db.LedgerEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(LedgerEntry), entry.Id, null);
        return entry.Id;
    }
}
