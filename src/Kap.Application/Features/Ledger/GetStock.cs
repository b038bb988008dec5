using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// Every lot with its perpetual balance (mg and mL), expiry and last count. Balances come from one grouped query
/// over the ledger, never from a stored figure, so they cannot drift from the record [S: INV, 1304.21].
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record GetStockQuery : IQuery<Result<IReadOnlyList<StockLotDto>>>;

/// <param name="LastCountMatched">Whether the last count equalled the balance of the entries recorded up to that count.</param>
public sealed record StockLotDto(
    Guid Id,
    Substance Substance,
    DosageForm Form,
    decimal StrengthMgPerMl,
    decimal VolumeMlPerContainer,
    int ContainersReceived,
    string LotNumber,
    DateOnly ExpiresOn,
    bool IsExpired,
    DateTime ReceivedAtUtc,
    string SupplierName,
    decimal ReceivedMg,
    decimal BalanceMg,
    decimal BalanceMl,
    DateTime? LastCountAtUtc,
    decimal? LastCountMg,
    CountTiming? LastCountTiming,
    bool? LastCountMatched)
{
    public string Describe() => $"{LotNumber} — {Substance.Describe()}, {Form.Describe()} {StrengthMgPerMl:0.###} mg/mL";
}

public sealed class GetStockHandler(IOperationContext context, TimeProvider clock) : IQueryHandler<GetStockQuery, Result<IReadOnlyList<StockLotDto>>>
{
    public async ValueTask<Result<IReadOnlyList<StockLotDto>>> Handle(GetStockQuery query, CancellationToken cancellationToken)
    {
        var db = context.Current.Db;
        var now = clock.GetUtcNow().UtcDateTime;
        var lots = await db.StockLots.AsNoTracking().ToListAsync(cancellationToken);
        var balances = await StockBalances.AllAsync(db, cancellationToken);

        // The last count of each lot, and the balance as it stood then (entries up to the count), in one grouped query.
        var lastCounts = db.InventoryCounts.Where(c => !db.InventoryCounts.Any(o => o.LotId == c.LotId && o.AtUtc > c.AtUtc));
        var counts = (await lastCounts.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(c => c.LotId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Id).Last());
        var atCount = await (from e in db.LedgerEntries
                             join c in lastCounts on e.LotId equals c.LotId
                             where e.AtUtc <= c.AtUtc
                             group e.QuantityMg by new { CountId = c.Id, e.LotId, e.Kind } into g
                             select new KindTotal(g.Key.CountId, g.Key.LotId, g.Key.Kind, g.Sum()))
            .ToListAsync(cancellationToken);
        var balanceAtCount = atCount.GroupBy(t => t.GroupId).ToDictionary(g => g.Key, g => StockBalances.From(g.First().LotId, g).BalanceMg);

        return lots
            .Select(l =>
            {
                var balance = balances.TryGetValue(l.Id, out var b) ? b : new LotBalance(l.Id, 0, 0, 0, 0, 0);
                var count = counts.GetValueOrDefault(l.Id);
                bool? matched = count is null ? null : count.CountedMg == balanceAtCount.GetValueOrDefault(count.Id);
                return new StockLotDto(l.Id, l.Substance, l.Form, l.StrengthMgPerMl, l.VolumeMlPerContainer, l.ContainersReceived, l.LotNumber, l.ExpiresOn,
                    l.IsExpiredAt(now), l.ReceivedAtUtc, l.SupplierName, l.ReceivedMg, balance.BalanceMg, balance.BalanceMl(l),
                    count?.AtUtc, count?.CountedMg, count?.Timing, matched);
            })
            .OrderBy(l => l.BalanceMg == 0)
            .ThenBy(l => l.Substance)
            .ThenBy(l => l.ExpiresOn)
            .ThenBy(l => l.LotNumber, StringComparer.Ordinal)
            .ToList();
    }
}

internal sealed record KindTotal(Guid GroupId, Guid LotId, LedgerEntryKind Kind, decimal Mg);

internal static class StockBalances
{
    /// <summary>The balance of every lot with entries: one query grouped by lot and kind.</summary>
    public static async Task<Dictionary<Guid, LotBalance>> AllAsync(IKapDbContext db, CancellationToken cancellationToken)
    {
        var totals = await db.LedgerEntries
            .GroupBy(e => new { e.LotId, e.Kind })
            .Select(g => new KindTotal(g.Key.LotId, g.Key.LotId, g.Key.Kind, g.Sum(e => e.QuantityMg)))
            .ToListAsync(cancellationToken);
        return totals.GroupBy(t => t.LotId).ToDictionary(g => g.Key, g => From(g.Key, g));
    }

    public static LotBalance From(Guid lotId, IEnumerable<KindTotal> totals)
    {
        decimal Sum(LedgerEntryKind kind) => totals.Where(t => t.Kind == kind).Sum(t => t.Mg);
        return new LotBalance(lotId, Sum(LedgerEntryKind.Receipt), Sum(LedgerEntryKind.Administration), Sum(LedgerEntryKind.Waste),
            Sum(LedgerEntryKind.Destruction), Sum(LedgerEntryKind.Correction));
    }
}
