using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Ledger;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using static Kap.Application.Tests.Features.Ledger.LedgerTestSupport;

namespace Kap.Application.Tests.Features.Ledger;

/// <summary>
/// Random sequences of ledger commands through the whole Mediator pipeline on SQLite, against a model kept from the
/// commands alone: every command succeeds exactly when the model says the rules allow it, a refused command writes
/// nothing, and GetStockQuery's balance per lot always equals receipts − wasted − destroyed ± corrections and is
/// never negative. One database; each sequence works on lots of its own.
/// </summary>
public sealed class LedgerPipelinePropertyTests : ClinicTest
{
    private const int Sequences = 120;
    private const int CommandsPerSequence = 8;

    private enum Witness
    {
        Colleague,
        Self,
        WrongPassword,
        None,
    }

    [Fact]
    public async Task Balances_follow_the_commands_that_succeeded_and_refused_commands_change_nothing()
    {
        var decoy = await _app.CreateUserAsync(KapRoles.Therapist, "Decoy (only ever given a wrong password)");
        var colleagues = new[] { await CredentialsAsync(_app, _clinic.NpB), await CredentialsAsync(_app, _clinic.Admin), await CredentialsAsync(_app, _clinic.TherapistA) };
        var self = await CredentialsAsync(_app, _clinic.NpA);
        var wrong = await CredentialsAsync(_app, decoy, "wrong password");
        _clinic.AsNpA();

        var model = new Dictionary<Guid, decimal>();
        var entriesOf = new Dictionary<Guid, List<Guid>>();
        var expectedEntries = 0;
        var expectedCounts = 0;
        var refused = 0;
        var succeeded = 0;

        for (var seed = 1; seed <= Sequences; seed++)
        {
            var random = new Random(seed);
            var lots = new List<Guid>();
            for (var n = random.Next(1, 3); n > 0; n--)
            {
                var vials = random.Next(1, 4);
                var lot = await ReceiveAsync(_app, $"P-{seed}-{n}", vials);
                lots.Add(lot);
                model[lot] = vials * 500m;
                entriesOf[lot] = [await ReceiptOfAsync(lot)];
                expectedEntries++;
            }

            for (var step = 0; step < CommandsPerSequence; step++)
            {
                var lot = lots[random.Next(lots.Count)];
                var balance = model[lot];
                // Quantities in half-mg steps, sometimes more than the lot holds.
                var quantity = random.Next(1, (int)(balance * 2) + 200) / 2m;
                var context = $"seed {seed}, step {step}, lot balance {balance}";
                switch (random.Next(5))
                {
                    case 0:
                    {
                        var witness = (Witness)random.Next(4);
                        var credentials = Credentials(witness, random);
                        var result = await _app.SendAsync(new RecordWasteCommand(lot, quantity, "Drug disposal system", credentials));
                        var allowed = quantity <= balance && witness == Witness.Colleague;
                        Record(result, allowed, lot, -quantity, context);
                        break;
                    }

                    case 1:
                    {
                        var first = (Witness)random.Next(3);
                        var second = (Witness)random.Next(3);
                        var a = Credentials(first, random)!;
                        var b = Credentials(second, random)!;
                        var result = await _app.SendAsync(new RecordDestructionCommand(lot, quantity, "Reverse distributor", $"F41-{seed}-{step}", a, b));
                        var allowed = quantity <= balance && first == Witness.Colleague && second == Witness.Colleague && a.UserName != b.UserName;
                        Record(result, allowed, lot, -quantity, context);
                        break;
                    }

                    case 2:
                    {
                        var target = entriesOf[lot][random.Next(entriesOf[lot].Count)];
                        var delta = (random.Next(2) == 0 ? -1 : 1) * random.Next(1, (int)balance + 100) / 2m;
                        var result = await _app.SendAsync(new CorrectLedgerEntryCommand(target, delta, $"Property test {seed}/{step}"));
                        Record(result, balance + delta >= 0, lot, delta, context);
                        break;
                    }

                    case 3:
                    {
                        var counted = random.Next(2) == 0 ? balance : Math.Max(0, balance + random.Next(-20, 21));
                        var result = await _app.SendAsync(new RecordInventoryCountCommand(lot, counted, (CountTiming)random.Next(2)));
                        Assert.True(result.IsSuccess, context + ": " + result.Error?.Message);
                        Assert.Equal((balance, counted == balance), (result.Value.ExpectedMg, result.Value.Matches));
                        expectedCounts++;
                        break;
                    }

                    default:
                    {
                        // A lot that does not exist: refused, nothing written.
                        var result = await _app.SendAsync(new RecordWasteCommand(Guid.NewGuid(), 1m, "Drug disposal system", colleagues[0]));
                        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
                        refused++;
                        break;
                    }
                }

                _app.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            var stock = (await _app.SendAsync(new GetStockQuery())).Value.ToDictionary(l => l.Id);
            foreach (var lot in lots)
            {
                Assert.True(stock[lot].BalanceMg == model[lot], $"seed {seed}: lot balance {stock[lot].BalanceMg}, model {model[lot]}");
                Assert.True(stock[lot].BalanceMg >= 0, $"seed {seed}: negative balance");
            }

            await using var db = _app.Db();
            Assert.Equal(expectedEntries, await db.LedgerEntries.CountAsync());
            Assert.Equal(expectedCounts, await db.InventoryCounts.CountAsync());
        }

        // The generator must exercise both outcomes often, or the property proves little.
        Assert.True(succeeded > Sequences && refused > Sequences, $"{succeeded} succeeded, {refused} refused");
        Assert.All((await _app.SendAsync(new GetStockQuery())).Value, l => Assert.True(l.BalanceMg >= 0));

        void Record(Result<Guid> result, bool allowed, Guid lot, decimal change, string context)
        {
            Assert.True(result.IsSuccess == allowed, $"{context}: expected {(allowed ? "success" : "refusal")}, got {result.Error?.Message ?? "success"}");
            if (result.IsSuccess)
            {
                model[lot] += change;
                entriesOf[lot].Add(result.Value);
                expectedEntries++;
                succeeded++;
            }
            else
            {
                refused++;
            }
        }

        StaffCredentials? Credentials(Witness witness, Random random) => witness switch
        {
            Witness.Colleague => colleagues[random.Next(colleagues.Length)],
            Witness.Self => self,
            Witness.WrongPassword => wrong,
            _ => null,
        };
    }

    private async Task<Guid> ReceiptOfAsync(Guid lot)
    {
        await using var db = _app.Db();
        return await db.LedgerEntries.Where(e => e.LotId == lot && e.Kind == LedgerEntryKind.Receipt).Select(e => e.Id).SingleAsync();
    }
}
