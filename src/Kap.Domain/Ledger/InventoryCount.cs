using Kap.Domain.Common;

namespace Kap.Domain.Ledger;

/// <summary>Every inventory notes whether it was taken at the opening or the close of business [S: INV, 1304.21].</summary>
public enum CountTiming
{
    OpeningOfBusiness,
    CloseOfBusiness,
}

/// <summary>
/// A dated physical count of one lot: an initial count, then at least every 2 years [S: INV, 1304.21].
/// A count is its own record; it never changes the ledger balance, it is reconciled against it.
/// </summary>
public sealed class InventoryCount : Entity
{
    private InventoryCount()
    {
    }

    public Guid LotId { get; private set; }
    public decimal CountedMg { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid ByUserId { get; private set; }
    public CountTiming Timing { get; private set; }

    public static LedgerOutcome<InventoryCount> Record(Guid lotId, decimal countedMg, DateTime atUtc, Guid byUserId, CountTiming timing)
    {
        var problems = new List<string>();
        if (lotId == Guid.Empty)
        {
            problems.Add("Choose the lot counted.");
        }

        if (countedMg < 0)
        {
            problems.Add("A count cannot be below 0 mg.");
        }

        if (byUserId == Guid.Empty)
        {
            problems.Add("Record who counted.");
        }

        if (!Enum.IsDefined(timing))
        {
            problems.Add("Note whether the count was at the opening or the close of business.");
        }

        return problems.Count > 0
            ? LedgerOutcome<InventoryCount>.Fail(problems)
            : LedgerOutcome<InventoryCount>.Ok(new InventoryCount
            {
                LotId = lotId,
                CountedMg = countedMg,
                AtUtc = atUtc,
                ByUserId = byUserId,
                Timing = timing,
            });
    }
}

/// <summary>
/// A count compared with the perpetual balance. Any difference is flagged to admins: it may be a recording
/// error to correct, or a theft or significant loss, which needs notice within 1 business day and DEA
/// Form 106 within 45 days [S: F106].
/// </summary>
public sealed record Reconciliation(Guid LotId, Guid CountId, decimal CountedMg, decimal ExpectedMg)
{
    /// <summary>Counted − expected: negative means stock is missing.</summary>
    public decimal DifferenceMg => CountedMg - ExpectedMg;

    public bool Matches => DifferenceMg == 0;

    public bool IsDiscrepancy => !Matches;

    /// <summary>Whether admins must be told; every discrepancy is, whatever its size or sign.</summary>
    public bool FlagForAdmins => IsDiscrepancy;

    public static Reconciliation Compare(InventoryCount count, LotBalance balance)
    {
        if (count.LotId != balance.LotId)
        {
            throw new ArgumentException("The count and the balance are for different lots.", nameof(balance));
        }

        return new Reconciliation(count.LotId, count.Id, count.CountedMg, balance.BalanceMg);
    }
}
