namespace Kap.Domain.Ledger;

/// <summary>
/// The perpetual balance of one lot, computed from its ledger entries and never stored, so it cannot drift
/// from the record: receipts − administered − wasted − destroyed ± corrections. Kap keeps it per lot so a
/// physical count can be compared with it [S: INV, 1304.21].
/// </summary>
public sealed record LotBalance(
    Guid LotId,
    decimal ReceivedMg,
    decimal AdministeredMg,
    decimal WastedMg,
    decimal DestroyedMg,
    decimal CorrectionsMg)
{
    public decimal BalanceMg => ReceivedMg - AdministeredMg - WastedMg - DestroyedMg + CorrectionsMg;

    public decimal BalanceMl(StockLot lot) => lot.MlFor(BalanceMg);

    /// <summary>The balance of <paramref name="lotId"/>; entries for other lots are ignored.</summary>
    public static LotBalance Of(Guid lotId, IEnumerable<LedgerEntry> entries)
    {
        decimal received = 0, administered = 0, wasted = 0, destroyed = 0, corrections = 0;
        foreach (var entry in entries.Where(e => e.LotId == lotId))
        {
            switch (entry.Kind)
            {
                case LedgerEntryKind.Receipt:
                    received += entry.QuantityMg;
                    break;
                case LedgerEntryKind.Administration:
                    administered += entry.QuantityMg;
                    break;
                case LedgerEntryKind.Waste:
                    wasted += entry.QuantityMg;
                    break;
                case LedgerEntryKind.Destruction:
                    destroyed += entry.QuantityMg;
                    break;
                case LedgerEntryKind.Correction:
                    corrections += entry.QuantityMg;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown ledger entry kind {entry.Kind}.");
            }
        }

        return new LotBalance(lotId, received, administered, wasted, destroyed, corrections);
    }

    /// <summary>The balance of every lot that has entries.</summary>
    public static IReadOnlyDictionary<Guid, LotBalance> Of(IEnumerable<LedgerEntry> entries)
    {
        var list = entries.ToList();
        return list.Select(e => e.LotId).Distinct().ToDictionary(id => id, id => Of(id, list));
    }
}
