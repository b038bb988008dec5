using Kap.Domain.Ledger;

namespace Kap.Domain.Tests.Ledger;

public sealed class ReconciliationTests
{
    private static readonly DateTime Evening = new(2026, 4, 10, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_count_equal_to_the_balance_matches()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();
        var count = InventoryCount.Record(lot.Id, 5000m, Evening, Guid.NewGuid(), CountTiming.CloseOfBusiness).Value!;

        var result = Reconciliation.Compare(count, LotBalance.Of(lot.Id, ledger));

        Assert.True(result.Matches);
        Assert.False(result.FlagForAdmins);
        Assert.Equal(0m, result.DifferenceMg);
    }

    [Fact]
    public void A_short_count_is_a_discrepancy_flagged_with_its_difference_and_leaves_the_balance_alone()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();
        var count = InventoryCount.Record(lot.Id, 4950m, Evening, Guid.NewGuid(), CountTiming.OpeningOfBusiness).Value!;

        var result = Reconciliation.Compare(count, LotBalance.Of(lot.Id, ledger));

        Assert.True(result.IsDiscrepancy);
        Assert.True(result.FlagForAdmins);
        Assert.Equal(-50m, result.DifferenceMg);
        Assert.Equal(5000m, LotBalance.Of(lot.Id, ledger).BalanceMg);
    }

    [Fact]
    public void A_negative_count_is_refused()
    {
        Assert.False(InventoryCount.Record(Guid.NewGuid(), -1m, Evening, Guid.NewGuid(), CountTiming.CloseOfBusiness).IsSuccess);
    }

    [Fact]
    public void A_count_cannot_be_compared_with_another_lots_balance()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();
        var count = InventoryCount.Record(Guid.NewGuid(), 5000m, Evening, Guid.NewGuid(), CountTiming.CloseOfBusiness).Value!;

        Assert.Throws<ArgumentException>(() => Reconciliation.Compare(count, LotBalance.Of(lot.Id, ledger)));
    }
}
