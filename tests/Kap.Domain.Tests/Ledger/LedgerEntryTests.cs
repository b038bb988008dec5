using Kap.Domain.Ledger;

namespace Kap.Domain.Tests.Ledger;

public sealed class LedgerEntryTests
{
    private static readonly DateTime Session = new(2026, 4, 10, 14, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Nurse = Guid.NewGuid();
    private static readonly Guid Colleague = Guid.NewGuid();
    private static readonly Guid Admin = Guid.NewGuid();

    private static LedgerOutcome<LedgerEntry> Administer(StockLot lot, List<LedgerEntry> ledger, decimal mg, DateTime? at = null) =>
        LedgerEntry.Administer(lot, ledger, mg, at ?? Session, Nurse, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public void A_received_lot_is_tracked_in_mg_with_ml_derived()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        Assert.Equal(5000m, lot.ReceivedMg);
        Assert.Equal(100m, lot.ReceivedMl);
        Assert.Equal(5000m, LotBalance.Of(lot.Id, ledger).BalanceMg);
        Assert.False(LedgerEntry.Receive(lot, ledger).IsSuccess); // a lot is received once
    }

    [Fact]
    public void An_administration_records_mg_and_ml_and_draws_down_the_balance()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        var dose = Administer(lot, ledger, 35m).Value!;
        ledger.Add(dose);

        Assert.Equal(0.7m, dose.QuantityMl);
        Assert.NotNull(dose.PatientId);
        Assert.Equal(4965m, LotBalance.Of(lot.Id, ledger).BalanceMg);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Quantities_must_be_more_than_zero(int mg)
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        Assert.False(Administer(lot, ledger, mg).IsSuccess);
        Assert.False(LedgerEntry.Waste(lot, ledger, mg, Session, Nurse, "sink with disposal pouch", Colleague).IsSuccess);
        Assert.False(LedgerEntry.Destroy(lot, ledger, mg, Session, Admin, "reverse distributor", Nurse, Colleague).IsSuccess);
    }

    [Fact]
    public void A_witness_cannot_be_the_person_who_wasted()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        var outcome = LedgerEntry.Waste(lot, ledger, 15m, Session, Nurse, "drug disposal pouch", witnessId: Nurse);

        Assert.False(outcome.IsSuccess);
        Assert.Null(outcome.Value);
        Assert.Contains(outcome.Problems, p => p.Contains("witness must be a different user"));
    }

    [Fact]
    public void Waste_needs_a_witness_while_the_setting_is_on_and_records_one_when_given()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        Assert.False(LedgerEntry.Waste(lot, ledger, 15m, Session, Nurse, "drug disposal pouch", witnessId: null).IsSuccess);
        Assert.True(LedgerEntry.Waste(lot, ledger, 15m, Session, Nurse, "drug disposal pouch", witnessId: null, witnessRequired: false).IsSuccess);

        var waste = LedgerEntry.Waste(lot, ledger, 15m, Session, Nurse, "drug disposal pouch", Colleague).Value!;
        Assert.Equal(Colleague, waste.FirstWitnessId);
        Assert.Equal(0.3m, waste.QuantityMl);
    }

    [Fact]
    public void Destruction_with_only_one_witness_is_refused()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        var outcome = LedgerEntry.Destroy(lot, ledger, 500m, Session, Admin, "reverse distributor", Nurse, Guid.Empty);

        Assert.False(outcome.IsSuccess);
        Assert.Contains(outcome.Problems, p => p.Contains("two witnesses"));
    }

    [Fact]
    public void Destruction_with_the_same_witness_twice_is_refused()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        var outcome = LedgerEntry.Destroy(lot, ledger, 500m, Session, Admin, "reverse distributor", Nurse, Nurse);

        Assert.False(outcome.IsSuccess);
        Assert.Contains(outcome.Problems, p => p.Contains("two different witnesses"));
    }

    [Fact]
    public void Destruction_witnessed_by_the_destroyer_is_refused()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        var outcome = LedgerEntry.Destroy(lot, ledger, 500m, Session, Admin, "reverse distributor", Admin, Nurse);

        Assert.False(outcome.IsSuccess);
        Assert.Contains(outcome.Problems, p => p.Contains("different user from the one who destroys"));
    }

    [Fact]
    public void Destruction_with_two_distinct_other_witnesses_is_recorded()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();

        var entry = LedgerEntry.Destroy(lot, ledger, 500m, Session, Admin, "reverse distributor", Nurse, Colleague, "F41-2026-07").Value!;

        Assert.Equal(LedgerEntryKind.Destruction, entry.Kind);
        Assert.Equal((Nurse, Colleague), (entry.FirstWitnessId!.Value, entry.SecondWitnessId!.Value));
        Assert.Equal("F41-2026-07", entry.Form41Reference);
    }

    [Fact]
    public void Drawing_more_than_the_balance_is_refused()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot(containers: 1); // 500 mg
        ledger.Add(Administer(lot, ledger, 480m).Value!);

        Assert.False(Administer(lot, ledger, 21m).IsSuccess);
        Assert.False(LedgerEntry.Waste(lot, ledger, 21m, Session, Nurse, "drug disposal pouch", Colleague).IsSuccess);
        Assert.False(LedgerEntry.Destroy(lot, ledger, 21m, Session, Admin, "reverse distributor", Nurse, Colleague).IsSuccess);
        Assert.Contains(Administer(lot, ledger, 21m).Problems, p => p.Contains("holds 20 mg"));
        Assert.True(Administer(lot, ledger, 20m).IsSuccess); // exactly the balance is allowed
    }

    [Fact]
    public void An_expired_lot_cannot_be_administered_but_can_be_wasted()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot(expiresOn: new DateOnly(2026, 4, 9));

        var outcome = Administer(lot, ledger, 35m, Session);

        Assert.False(outcome.IsSuccess);
        Assert.Contains(outcome.Problems, p => p.Contains("expired"));
        Assert.True(LedgerEntry.Waste(lot, ledger, 35m, Session, Nurse, "drug disposal pouch", Colleague).IsSuccess);
    }

    [Fact]
    public void A_lot_can_be_administered_on_its_expiry_date()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot(expiresOn: DateOnly.FromDateTime(Session));

        Assert.True(Administer(lot, ledger, 35m, Session).IsSuccess);
    }

    [Fact]
    public void A_correction_changes_the_balance_without_altering_the_original_entry()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot();
        var original = Administer(lot, ledger, 50m).Value!;
        ledger.Add(original);
        var before = (original.Id, original.Kind, original.QuantityMg, original.QuantityMl, original.AtUtc, original.ByUserId, original.PatientId);

        // 40 mg was actually given, not 50: put 10 mg back.
        var correction = LedgerEntry.Correct(lot, original, ledger, +10m, Session.AddHours(1), Admin, "Dose keyed as 50 mg; 40 mg given").Value!;
        ledger.Add(correction);

        Assert.Equal(LedgerEntryKind.Correction, correction.Kind);
        Assert.Equal(original.Id, correction.CorrectsEntryId);
        Assert.NotEqual(original.Id, correction.Id);
        Assert.Equal(before, (original.Id, original.Kind, original.QuantityMg, original.QuantityMl, original.AtUtc, original.ByUserId, original.PatientId));
        Assert.Null(original.CorrectsEntryId);
        Assert.Equal(4960m, LotBalance.Of(lot.Id, ledger).BalanceMg);
        Assert.Equal(3, ledger.Count);
    }

    [Fact]
    public void A_correction_needs_a_reason_a_nonzero_change_and_cannot_go_below_zero()
    {
        var (lot, ledger) = LedgerFixture.ReceivedLot(containers: 1);
        var receipt = ledger[0];

        Assert.False(LedgerEntry.Correct(lot, receipt, ledger, -10m, Session, Admin, " ").IsSuccess);
        Assert.False(LedgerEntry.Correct(lot, receipt, ledger, 0m, Session, Admin, "typo").IsSuccess);
        Assert.False(LedgerEntry.Correct(lot, receipt, ledger, -501m, Session, Admin, "typo").IsSuccess);
        Assert.True(LedgerEntry.Correct(lot, receipt, ledger, -500m, Session, Admin, "received short").IsSuccess);
    }
}
