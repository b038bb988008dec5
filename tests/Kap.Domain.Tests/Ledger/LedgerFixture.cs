using Kap.Domain.Ledger;

namespace Kap.Domain.Tests.Ledger;

internal static class LedgerFixture
{
    public static readonly DateTime ReceivedAt = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>10 vials of 10 mL at 50 mg/mL: 5000 mg.</summary>
    public static StockLot Lot(DateOnly? expiresOn = null, int containers = 10, string dea = "AB1234563") =>
        StockLot.Receive(
            Substance.RacemicKetamine,
            DosageForm.InjectableSolution,
            strengthMgPerMl: 50m,
            volumeMlPerContainer: 10m,
            containersReceived: containers,
            lotNumber: "KX-2291",
            expiresOn: expiresOn ?? new DateOnly(2027, 6, 30),
            supplierName: "Midwest Pharma Supply",
            supplierAddress: "12 Depot Rd, Columbia, SC",
            supplierDeaNumber: dea,
            receivedAtUtc: ReceivedAt,
            receivedBy: Guid.NewGuid()).Value!;

    public static (StockLot Lot, List<LedgerEntry> Ledger) ReceivedLot(DateOnly? expiresOn = null, int containers = 10)
    {
        var lot = Lot(expiresOn, containers);
        var ledger = new List<LedgerEntry>();
        ledger.Add(LedgerEntry.Receive(lot, ledger).Value!);
        return (lot, ledger);
    }
}
