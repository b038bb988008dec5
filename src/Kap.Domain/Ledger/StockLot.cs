using Kap.Domain.Common;

namespace Kap.Domain.Ledger;

/// <summary>The controlled substance received. Both are ketamine products and DEA Schedule III.</summary>
public enum Substance
{
    RacemicKetamine,
    Esketamine,
}

/// <summary>The finished form received; the receipt record names it [S: SC mirroring 21 CFR 1304.22(c)].</summary>
public enum DosageForm
{
    InjectableSolution,
    NasalSpray,
    OralSolution,
    Troche,
}

/// <summary>
/// One receipt of one lot of ketamine: the stock a perpetual balance is kept against. Holds every field a
/// Schedule III receipt record needs — substance, form/strength, units per container, date, supplier name,
/// address and DEA number, lot and expiry [S: SC mirroring 21 CFR 1304.22(c)]. Never edited or deleted:
/// records are kept ≥ 2 years [S: 1304.04, DEA-M]; a mistaken quantity is fixed by a correction entry.
/// Quantities are tracked in mg, the unit doses are prescribed in; mL is derived from the strength.
/// </summary>
public sealed class StockLot : Entity
{
    private StockLot()
    {
    }

    public Substance Substance { get; private set; }
    public DosageForm Form { get; private set; }
    public decimal StrengthMgPerMl { get; private set; }
    public decimal VolumeMlPerContainer { get; private set; }
    public int ContainersReceived { get; private set; }
    public string LotNumber { get; private set; } = "";

    /// <summary>The last day the lot may be used: it is expired from the following day.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public string SupplierName { get; private set; } = "";
    public string SupplierAddress { get; private set; } = "";
    public string SupplierDeaNumber { get; private set; } = "";
    public DateTime ReceivedAtUtc { get; private set; }
    public Guid ReceivedBy { get; private set; }

    public decimal MgPerContainer => StrengthMgPerMl * VolumeMlPerContainer;

    public decimal ReceivedMg => MgPerContainer * ContainersReceived;

    public decimal ReceivedMl => VolumeMlPerContainer * ContainersReceived;

    /// <summary>The volume holding <paramref name="mg"/> at this lot's strength.</summary>
    public decimal MlFor(decimal mg) => mg / StrengthMgPerMl;

    public bool IsExpiredAt(DateTime atUtc) => DateOnly.FromDateTime(atUtc) > ExpiresOn;

    public static LedgerOutcome<StockLot> Receive(
        Substance substance,
        DosageForm form,
        decimal strengthMgPerMl,
        decimal volumeMlPerContainer,
        int containersReceived,
        string lotNumber,
        DateOnly expiresOn,
        string supplierName,
        string supplierAddress,
        string supplierDeaNumber,
        DateTime receivedAtUtc,
        Guid receivedBy)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(substance))
        {
            problems.Add("Choose the substance received.");
        }

        if (!Enum.IsDefined(form))
        {
            problems.Add("Choose the form received.");
        }

        if (strengthMgPerMl <= 0)
        {
            problems.Add("The strength must be more than 0 mg/mL.");
        }

        if (volumeMlPerContainer <= 0)
        {
            problems.Add("The volume per container must be more than 0 mL.");
        }

        if (containersReceived <= 0)
        {
            problems.Add("At least one container must be received.");
        }

        if (string.IsNullOrWhiteSpace(lotNumber))
        {
            problems.Add("Give the lot number.");
        }

        if (string.IsNullOrWhiteSpace(supplierName))
        {
            problems.Add("Give the supplier's name.");
        }

        if (string.IsNullOrWhiteSpace(supplierAddress))
        {
            problems.Add("Give the supplier's address.");
        }

        problems.AddRange(DeaNumber.Check(supplierDeaNumber).Problems);

        if (receivedBy == Guid.Empty)
        {
            problems.Add("Record who received the stock.");
        }

        if (problems.Count > 0)
        {
            return LedgerOutcome<StockLot>.Fail(problems);
        }

        return LedgerOutcome<StockLot>.Ok(new StockLot
        {
            Substance = substance,
            Form = form,
            StrengthMgPerMl = strengthMgPerMl,
            VolumeMlPerContainer = volumeMlPerContainer,
            ContainersReceived = containersReceived,
            LotNumber = lotNumber.Trim(),
            ExpiresOn = expiresOn,
            SupplierName = supplierName.Trim(),
            SupplierAddress = supplierAddress.Trim(),
            SupplierDeaNumber = DeaNumber.Normalise(supplierDeaNumber),
            ReceivedAtUtc = receivedAtUtc,
            ReceivedBy = receivedBy,
        });
    }
}
