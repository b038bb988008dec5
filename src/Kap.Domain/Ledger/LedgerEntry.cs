using Kap.Domain.Common;

namespace Kap.Domain.Ledger;

/// <summary>
/// What a ledger entry records. There is deliberately no count adjustment: a physical count never changes
/// the perpetual balance, it is compared with it and a difference is flagged [S: INV, 1304.21].
/// </summary>
public enum LedgerEntryKind
{
    Receipt,
    Administration,
    Waste,
    Destruction,
    Correction,
}

/// <summary>
/// One append-only line of the controlled-substance log for one lot. Entries are never edited or deleted
/// and are kept ≥ 2 years [S: 1304.04, DEA-M]; a mistake is fixed by a <see cref="LedgerEntryKind.Correction"/>
/// that references the original and carries a signed change to the balance, so the original stays as it was
/// written. Entries are only made through the factory methods, which refuse anything the rules forbid.
/// </summary>
public sealed class LedgerEntry : Entity
{
    private LedgerEntry()
    {
    }

    public Guid LotId { get; private set; }
    public LedgerEntryKind Kind { get; private set; }

    /// <summary>
    /// The quantity in mg: always more than 0, except for a correction, where it is the signed change the
    /// correction makes to the lot's balance (+ puts stock back, − takes it away).
    /// </summary>
    public decimal QuantityMg { get; private set; }

    /// <summary>The same quantity in mL at the lot's strength (administrations record both [S: SC]).</summary>
    public decimal QuantityMl { get; private set; }

    public DateTime AtUtc { get; private set; }

    /// <summary>Who received, administered, wasted, destroyed or corrected.</summary>
    public Guid ByUserId { get; private set; }

    public Guid? PatientId { get; private set; }
    public Guid? CourseId { get; private set; }
    public Guid? SessionId { get; private set; }

    /// <summary>How waste or stock was destroyed (e.g. "drug disposal system", "reverse distributor").</summary>
    public string? Manner { get; private set; }

    public Guid? FirstWitnessId { get; private set; }
    public Guid? SecondWitnessId { get; private set; }

    /// <summary>The DEA Form 41 reference for a destruction [S: F41].</summary>
    public string? Form41Reference { get; private set; }

    public Guid? CorrectsEntryId { get; private set; }

    /// <summary>Why a correction was made; required so an inspector can follow it.</summary>
    public string? Reason { get; private set; }

    /// <summary>The signed change this entry makes to its lot's perpetual balance.</summary>
    public decimal BalanceEffectMg => Kind switch
    {
        LedgerEntryKind.Receipt => QuantityMg,
        LedgerEntryKind.Correction => QuantityMg,
        _ => -QuantityMg,
    };

    /// <summary>
    /// The receipt line for a lot, taken from the lot's own receipt record. A lot is received once: a later
    /// delivery is its own receipt with its own <see cref="StockLot"/>.
    /// </summary>
    public static LedgerOutcome<LedgerEntry> Receive(StockLot lot, IEnumerable<LedgerEntry> ledger)
    {
        if (ledger.Any(e => e.LotId == lot.Id && e.Kind == LedgerEntryKind.Receipt))
        {
            return LedgerOutcome<LedgerEntry>.Fail([$"Lot {lot.LotNumber} has already been received into the ledger."]);
        }

        return LedgerOutcome<LedgerEntry>.Ok(new LedgerEntry
        {
            LotId = lot.Id,
            Kind = LedgerEntryKind.Receipt,
            QuantityMg = lot.ReceivedMg,
            QuantityMl = lot.ReceivedMl,
            AtUtc = lot.ReceivedAtUtc,
            ByUserId = lot.ReceivedBy,
        });
    }

    /// <summary>
    /// A dose given from the lot: quantity (mg and mL), patient, date and time, who gave it, lot [S: SC].
    /// An expired lot is never administered (label), and no dose may exceed what the lot holds.
    /// </summary>
    public static LedgerOutcome<LedgerEntry> Administer(
        StockLot lot,
        IEnumerable<LedgerEntry> ledger,
        decimal quantityMg,
        DateTime atUtc,
        Guid administeredBy,
        Guid patientId,
        Guid courseId,
        Guid sessionId)
    {
        var problems = Drawing(lot, ledger, quantityMg, atUtc, administeredBy, "administered");
        if (lot.IsExpiredAt(atUtc))
        {
            problems.Add($"Lot {lot.LotNumber} expired on {lot.ExpiresOn:yyyy-MM-dd} and cannot be administered.");
        }

        if (patientId == Guid.Empty)
        {
            problems.Add("Record the patient the dose was given to.");
        }

        if (courseId == Guid.Empty || sessionId == Guid.Empty)
        {
            problems.Add("Record the course and dosing session the dose belongs to.");
        }

        return problems.Count > 0
            ? LedgerOutcome<LedgerEntry>.Fail(problems)
            : LedgerOutcome<LedgerEntry>.Ok(new LedgerEntry
            {
                LotId = lot.Id,
                Kind = LedgerEntryKind.Administration,
                QuantityMg = quantityMg,
                QuantityMl = lot.MlFor(quantityMg),
                AtUtc = atUtc,
                ByUserId = administeredBy,
                PatientId = patientId,
                CourseId = courseId,
                SessionId = sessionId,
            });
    }

    /// <summary>
    /// Drug left in a vial or syringe and wasted: quantity, date, manner, who wasted [S: DEA-W], and a
    /// witness — a second staff user, never the one who wasted ([U] clinic setting, default on; pass
    /// <paramref name="witnessRequired"/> from that setting). Expired stock may be wasted.
    /// </summary>
    public static LedgerOutcome<LedgerEntry> Waste(
        StockLot lot,
        IEnumerable<LedgerEntry> ledger,
        decimal quantityMg,
        DateTime atUtc,
        Guid wastedBy,
        string manner,
        Guid? witnessId,
        bool witnessRequired = true)
    {
        var problems = Drawing(lot, ledger, quantityMg, atUtc, wastedBy, "wasted");
        if (string.IsNullOrWhiteSpace(manner))
        {
            problems.Add("Record how the drug was wasted.");
        }

        if (witnessId == Guid.Empty)
        {
            witnessId = null;
        }

        if (witnessId is null && witnessRequired)
        {
            problems.Add("Waste needs a witness who confirms with their own sign-in.");
        }
        else if (witnessId is { } witness && witness == wastedBy)
        {
            problems.Add("The witness must be a different user from the one who wasted.");
        }

        return problems.Count > 0
            ? LedgerOutcome<LedgerEntry>.Fail(problems)
            : LedgerOutcome<LedgerEntry>.Ok(new LedgerEntry
            {
                LotId = lot.Id,
                Kind = LedgerEntryKind.Waste,
                QuantityMg = quantityMg,
                QuantityMl = lot.MlFor(quantityMg),
                AtUtc = atUtc,
                ByUserId = wastedBy,
                Manner = manner.Trim(),
                FirstWitnessId = witnessId,
            });
    }

    /// <summary>
    /// Destruction of stock, recorded on DEA Form 41 with two authorised witnesses [S: F41]: two distinct
    /// users, neither of them the one who destroys.
    /// </summary>
    public static LedgerOutcome<LedgerEntry> Destroy(
        StockLot lot,
        IEnumerable<LedgerEntry> ledger,
        decimal quantityMg,
        DateTime atUtc,
        Guid destroyedBy,
        string manner,
        Guid firstWitnessId,
        Guid secondWitnessId,
        string? form41Reference = null)
    {
        var problems = Drawing(lot, ledger, quantityMg, atUtc, destroyedBy, "destroyed");
        if (string.IsNullOrWhiteSpace(manner))
        {
            problems.Add("Record how the stock was destroyed.");
        }

        if (firstWitnessId == Guid.Empty || secondWitnessId == Guid.Empty)
        {
            problems.Add("Destruction needs two witnesses (DEA Form 41).");
        }
        else if (firstWitnessId == secondWitnessId)
        {
            problems.Add("Destruction needs two different witnesses (DEA Form 41).");
        }

        if (destroyedBy != Guid.Empty && (firstWitnessId == destroyedBy || secondWitnessId == destroyedBy))
        {
            problems.Add("A witness must be a different user from the one who destroys.");
        }

        return problems.Count > 0
            ? LedgerOutcome<LedgerEntry>.Fail(problems)
            : LedgerOutcome<LedgerEntry>.Ok(new LedgerEntry
            {
                LotId = lot.Id,
                Kind = LedgerEntryKind.Destruction,
                QuantityMg = quantityMg,
                QuantityMl = lot.MlFor(quantityMg),
                AtUtc = atUtc,
                ByUserId = destroyedBy,
                Manner = manner.Trim(),
                FirstWitnessId = firstWitnessId,
                SecondWitnessId = secondWitnessId,
                Form41Reference = string.IsNullOrWhiteSpace(form41Reference) ? null : form41Reference.Trim(),
            });
    }

    /// <summary>
    /// A correction: a new entry referencing <paramref name="original"/> with the signed change it makes to
    /// the lot's balance. The original is never changed [S: 1304.04, DEA-M]. A correction may not take
    /// the balance below zero.
    /// </summary>
    public static LedgerOutcome<LedgerEntry> Correct(
        StockLot lot,
        LedgerEntry original,
        IEnumerable<LedgerEntry> ledger,
        decimal deltaMg,
        DateTime atUtc,
        Guid correctedBy,
        string reason)
    {
        var problems = new List<string>();
        if (original.LotId != lot.Id)
        {
            problems.Add("The entry being corrected belongs to a different lot.");
        }

        var entries = ledger.ToList();
        if (!entries.Any(e => e.Id == original.Id))
        {
            problems.Add("The entry being corrected is not in the ledger.");
        }

        if (deltaMg == 0)
        {
            problems.Add("A correction must change the balance; its quantity cannot be 0 mg.");
        }

        if (correctedBy == Guid.Empty)
        {
            problems.Add("Record who made the correction.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add("Give the reason for the correction.");
        }

        var balance = LotBalance.Of(lot.Id, entries).BalanceMg;
        if (balance + deltaMg < 0)
        {
            problems.Add($"The correction would take lot {lot.LotNumber} below zero (balance {balance} mg, change {deltaMg} mg).");
        }

        return problems.Count > 0
            ? LedgerOutcome<LedgerEntry>.Fail(problems)
            : LedgerOutcome<LedgerEntry>.Ok(new LedgerEntry
            {
                LotId = lot.Id,
                Kind = LedgerEntryKind.Correction,
                QuantityMg = deltaMg,
                QuantityMl = lot.MlFor(deltaMg),
                AtUtc = atUtc,
                ByUserId = correctedBy,
                CorrectsEntryId = original.Id,
                Reason = reason.Trim(),
            });
    }

    /// <summary>The checks shared by everything that takes stock out of a lot.</summary>
    private static List<string> Drawing(StockLot lot, IEnumerable<LedgerEntry> ledger, decimal quantityMg, DateTime atUtc, Guid by, string verb)
    {
        var problems = new List<string>();
        if (quantityMg <= 0)
        {
            problems.Add($"The quantity {verb} must be more than 0 mg.");
        }

        if (by == Guid.Empty)
        {
            problems.Add($"Record who {verb} the drug.");
        }

        if (atUtc < lot.ReceivedAtUtc)
        {
            problems.Add($"Lot {lot.LotNumber} was not received until {lot.ReceivedAtUtc:yyyy-MM-dd HH:mm} UTC.");
        }

        var balance = LotBalance.Of(lot.Id, ledger).BalanceMg;
        if (quantityMg > balance)
        {
            problems.Add($"Lot {lot.LotNumber} holds {balance} mg; {quantityMg} mg cannot be {verb}.");
        }

        return problems;
    }
}
