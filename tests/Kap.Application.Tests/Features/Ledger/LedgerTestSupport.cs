using Kap.Application.Common.Interfaces;
using Kap.Application.Features.Ledger;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Ledger;

/// <summary>Receipts, witnesses' sign-ins and balances for the ledger's handler tests.</summary>
internal static class LedgerTestSupport
{
    /// <summary>The password <see cref="KapTestApp.CreateUserAsync"/> gives every test user.</summary>
    public const string Password = "correct horse battery staple";

    public const string ValidDea = "AB1234563";

    /// <summary>50 mg/mL × 10 mL × <paramref name="vials"/> vials: 500 mg a vial.</summary>
    public static ReceiveStockCommand Receipt(string lot = "LOT-1", int vials = 10, string dea = ValidDea, DateOnly? expires = null) =>
        new(Substance.RacemicKetamine, DosageForm.InjectableSolution, 50m, 10m, vials, lot, expires ?? new DateOnly(2028, 6, 30),
            "Example Pharma Supply", "1 Example Way, Newark, NJ 07102", dea);

    public static async Task<Guid> ReceiveAsync(KapTestApp app, string lot = "LOT-1", int vials = 10)
    {
        var result = await app.SendAsync(Receipt(lot, vials));
        Assert.True(result.IsSuccess, result.Error?.Message);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return result.Value;
    }

    public static async Task<StaffCredentials> CredentialsAsync(KapTestApp app, Guid userId, string? password = null)
    {
        await using var db = app.Db();
        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync();
        return new StaffCredentials(userName, password ?? Password);
    }

    public static async Task<decimal> BalanceAsync(KapTestApp app, Guid lotId)
    {
        await using var db = app.Db();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.LotId == lotId).ToListAsync();
        return LotBalance.Of(lotId, entries).BalanceMg;
    }

    public static async Task<int> EntryCountAsync(KapTestApp app)
    {
        await using var db = app.Db();
        return await db.LedgerEntries.CountAsync();
    }
}
