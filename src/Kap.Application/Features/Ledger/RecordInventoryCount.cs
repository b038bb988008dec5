using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Kap.Domain.Reminders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// A dated physical count of one lot, noting opening or close of business [S: INV, 1304.21], reconciled against
/// the perpetual balance. Any difference puts a message in every active admin's inbox: it may be a recording
/// error to correct, or a theft or significant loss (notice within 1 business day, DEA Form 106 within 45 days
/// [S: F106]). The message names the lot and the quantities, never a patient.
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record RecordInventoryCountCommand(Guid LotId, decimal CountedMg, CountTiming Timing) : ICommand<Result<CountReconciliationDto>>;

public sealed record CountReconciliationDto(Guid LotId, string LotNumber, Guid CountId, decimal CountedMg, decimal ExpectedMg, decimal DifferenceMg, bool Matches, int AdminsAlerted);

public sealed class RecordInventoryCountValidator : AbstractValidator<RecordInventoryCountCommand>
{
    public RecordInventoryCountValidator()
    {
        RuleFor(x => x.LotId).NotEmpty().WithMessage("Choose the lot counted.");
        RuleFor(x => x.CountedMg).GreaterThanOrEqualTo(0).WithMessage("A count cannot be below 0 mg.");
        RuleFor(x => x.Timing).IsInEnum().WithMessage("Note whether the count was at the opening or the close of business.");
    }
}

public sealed class RecordInventoryCountHandler(IOperationContext context, TimeProvider clock) : ICommandHandler<RecordInventoryCountCommand, Result<CountReconciliationDto>>
{
    public const string DiscrepancySubject = "Controlled-substance count discrepancy";

    public async ValueTask<Result<CountReconciliationDto>> Handle(RecordInventoryCountCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject(nameof(InventoryCount), null, null);
        var (lot, entries) = await LedgerSupport.LotWithEntriesAsync(db, command.LotId, cancellationToken);
        if (lot is null)
        {
            return Error.NotFound("The lot");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var recorded = InventoryCount.Record(lot.Id, command.CountedMg, now, op.User.RequiredId, command.Timing);
        if (recorded.Value is not { } count)
        {
            return LedgerSupport.Refused("count", recorded.Problems);
        }

        db.InventoryCounts.Add(count);
        var reconciliation = Reconciliation.Compare(count, LotBalance.Of(lot.Id, entries));
        var alerted = 0;
        if (reconciliation.FlagForAdmins)
        {
            var admins = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                join u in db.Users on ur.UserId equals u.Id
                                where r.Name == KapRoles.Admin && u.IsActive
                                select u.Id).Distinct().ToListAsync(cancellationToken);
            var body = FormattableString.Invariant(
                $"Controlled-substance count discrepancy: lot {lot.LotNumber} counted {reconciliation.CountedMg:0.###} mg, ledger balance {reconciliation.ExpectedMg:0.###} mg (difference {reconciliation.DifferenceMg:+0.###;-0.###} mg), {command.Timing.Describe()} count.")
                + "\n\nCheck the ledger for a recording error and correct it with a correction entry. If stock is missing and it may be a theft or " +
                "significant loss, the DEA must be notified within 1 business day and DEA Form 106 filed within 45 days.";
            foreach (var admin in admins)
            {
                db.InboxMessages.Add(new InboxMessage(admin, DiscrepancySubject, body, now, reminderId: null));
            }

            alerted = admins.Count;
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(InventoryCount), count.Id, null);
        return new CountReconciliationDto(lot.Id, lot.LotNumber, count.Id, reconciliation.CountedMg, reconciliation.ExpectedMg, reconciliation.DifferenceMg,
            reconciliation.Matches, alerted);
    }
}
