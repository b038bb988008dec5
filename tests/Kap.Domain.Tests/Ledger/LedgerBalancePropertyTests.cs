using Kap.Domain.Ledger;

namespace Kap.Domain.Tests.Ledger;

/// <summary>
/// Property-style: random command sequences (fixed seeds, so every run is the same) applied through the
/// factory methods. Accepted entries are appended; refused ones are skipped. After every step each lot's
/// balance must equal an independently kept tally of receipts − administered − wasted − destroyed ±
/// corrections, and never be negative; and a command must be refused exactly when the rules say so.
/// </summary>
public sealed class LedgerBalancePropertyTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 200; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    private sealed class Tally
    {
        public decimal Received;
        public decimal Administered;
        public decimal Wasted;
        public decimal Destroyed;
        public decimal Corrections;

        public decimal Expected => Received - Administered - Wasted - Destroyed + Corrections;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Balance_always_equals_receipts_minus_draws_plus_corrections_and_never_goes_negative(int seed)
    {
        var random = new Random(seed);
        var users = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var lots = new List<StockLot>();
        var tallies = new Dictionary<Guid, Tally>();
        var ledger = new List<LedgerEntry>();
        var now = Start;
        var accepted = 0;

        Guid User() => users[random.Next(users.Length)];
        decimal Mg(decimal max) => Math.Round((decimal)random.NextDouble() * max, 1);

        var steps = random.Next(20, 80);
        for (var step = 0; step < steps; step++)
        {
            now = now.AddHours(random.Next(1, 48));
            var op = lots.Count == 0 ? 0 : random.Next(5);

            if (op == 0)
            {
                // Receipt: a new lot; some already expired at receipt so administrations must be refused.
                var expires = DateOnly.FromDateTime(now).AddDays(random.Next(-10, 120));
                var lot = StockLot.Receive(
                    random.Next(2) == 0 ? Substance.RacemicKetamine : Substance.Esketamine,
                    DosageForm.InjectableSolution,
                    strengthMgPerMl: random.Next(2) == 0 ? 50m : 100m,
                    volumeMlPerContainer: 10m,
                    containersReceived: random.Next(1, 4),
                    lotNumber: $"L{seed}-{step}",
                    expiresOn: expires,
                    supplierName: "Supplier",
                    supplierAddress: "1 Main St",
                    supplierDeaNumber: "AB1234563",
                    receivedAtUtc: now,
                    receivedBy: User()).Value!;
                var receipt = LedgerEntry.Receive(lot, ledger);
                Assert.True(receipt.IsSuccess, $"seed {seed} step {step}");
                ledger.Add(receipt.Value!);
                lots.Add(lot);
                tallies[lot.Id] = new Tally { Received = lot.ReceivedMg };
                accepted++;
            }
            else
            {
                var lot = lots[random.Next(lots.Count)];
                var tally = tallies[lot.Id];
                var balance = tally.Expected;

                // Sometimes ask for more than the lot holds, so overdraws are exercised too.
                var mg = random.Next(4) == 0 ? Mg(balance * 2 + 50m) : Mg(Math.Max(balance, 1m));
                LedgerOutcome<LedgerEntry> outcome;
                bool shouldAccept;
                Action<decimal> apply;

                switch (op)
                {
                    case 1:
                        outcome = LedgerEntry.Administer(lot, ledger, mg, now, User(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
                        shouldAccept = mg > 0 && mg <= balance && !lot.IsExpiredAt(now);
                        apply = q => tally.Administered += q;
                        break;
                    case 2:
                        {
                            var by = User();
                            var witness = User();
                            outcome = LedgerEntry.Waste(lot, ledger, mg, now, by, "drug disposal pouch", witness);
                            shouldAccept = mg > 0 && mg <= balance && witness != by;
                            apply = q => tally.Wasted += q;
                            break;
                        }

                    case 3:
                        {
                            var by = User();
                            var first = User();
                            var second = User();
                            outcome = LedgerEntry.Destroy(lot, ledger, mg, now, by, "reverse distributor", first, second);
                            shouldAccept = mg > 0 && mg <= balance && first != second && first != by && second != by;
                            apply = q => tally.Destroyed += q;
                            break;
                        }

                    default:
                        {
                            var lotEntries = ledger.Where(e => e.LotId == lot.Id).ToList();
                            var original = lotEntries[random.Next(lotEntries.Count)];
                            var delta = random.Next(2) == 0 ? mg : -mg;
                            outcome = LedgerEntry.Correct(lot, original, ledger, delta, now, User(), "recount of the vial");
                            shouldAccept = delta != 0 && balance + delta >= 0;
                            apply = _ => tally.Corrections += delta;
                            mg = delta;
                            break;
                        }
                }

                Assert.True(shouldAccept == outcome.IsSuccess,
                    $"seed {seed} step {step} op {op} mg {mg} balance {balance}: expected {(shouldAccept ? "accepted" : "refused")}; problems: {string.Join(" | ", outcome.Problems)}");
                if (outcome.IsSuccess)
                {
                    Assert.Equal(mg, outcome.Value!.QuantityMg);
                    ledger.Add(outcome.Value);
                    apply(mg);
                    accepted++;
                }
                else
                {
                    Assert.Null(outcome.Value);
                }
            }

            Assert.Equal(accepted, ledger.Count);
            var balances = LotBalance.Of(ledger);
            Assert.Equal(lots.Count, balances.Count);
            foreach (var lot in lots)
            {
                var tally = tallies[lot.Id];
                var computed = balances[lot.Id];
                Assert.Equal(tally.Expected, computed.BalanceMg);
                Assert.Equal(
                    (tally.Received, tally.Administered, tally.Wasted, tally.Destroyed, tally.Corrections),
                    (computed.ReceivedMg, computed.AdministeredMg, computed.WastedMg, computed.DestroyedMg, computed.CorrectionsMg));
                Assert.True(computed.BalanceMg >= 0, $"seed {seed} step {step}: lot {lot.LotNumber} went negative ({computed.BalanceMg} mg)");
                Assert.Equal(computed.BalanceMg, ledger.Where(e => e.LotId == lot.Id).Sum(e => e.BalanceEffectMg));
            }
        }

        // The sequence must have exercised more than receipts, or the property says nothing.
        Assert.True(accepted > lots.Count, $"seed {seed}: no draw or correction was accepted");
    }
}
