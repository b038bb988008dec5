using Kap.Application.Common.Behaviors;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Results;
using Kap.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Ledger;

/// <summary>What the ledger handlers share: loading a lot with its entries and checking a witness's own sign-in.</summary>
internal static class LedgerSupport
{
    /// <summary>The message shown for any credential that does not verify; it never says which part was wrong.</summary>
    public const string WrongCredentials =
        "The witness's user name or password is not right, or that account cannot witness (locked, disabled or not a staff account). Nothing was saved.";

    /// <summary>
    /// The lot and every entry already written against it (the balance the domain checks a draw against),
    /// read under a lock on the lot that the command's transaction holds until it commits, so two draws at
    /// once cannot both pass the balance check. SQLite's transactions already hold the database's write lock
    /// from their start (BEGIN IMMEDIATE); on SQL Server the lot's row is read with UPDLOCK, HOLDLOCK.
    /// </summary>
    public static async Task<(StockLot? Lot, List<LedgerEntry> Entries)> LotWithEntriesAsync(IKapDbContext db, Guid lotId, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer")
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT Id FROM StockLots WITH (UPDLOCK, HOLDLOCK) WHERE Id = {lotId}", cancellationToken);
        }

        var lot = await db.StockLots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken);
        if (lot is null)
        {
            return (null, []);
        }

        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.LotId == lotId).ToListAsync(cancellationToken);
        return (lot, entries);
    }

    /// <summary>
    /// The witness behind <paramref name="credentials"/> (checked by the pipeline before the transaction), or a field error naming <paramref name="field"/>: wrong credentials,
    /// or the signed-in user witnessing their own entry.
    /// </summary>
    public static (VerifiedStaff? Witness, Error? Error) Witness(IVerifiedWitnesses witnesses, StaffCredentials credentials, Guid currentUserId, string field)
    {
        var witness = witnesses.For(credentials);
        if (witness is null)
        {
            return (null, Error.Field(field, WrongCredentials));
        }

        if (witness.UserId == currentUserId)
        {
            return (null, Error.Field(field, "The witness must be a different user from the one recording the entry: ask a colleague to sign in here."));
        }

        return (witness, null);
    }

    public static Error Refused(string what, IReadOnlyList<string> problems) =>
        Error.Rule(problems.Count == 1 ? problems[0] : $"The {what} was not recorded:", problems);
}

/// <summary>The words screens and the export use for the ledger's enums.</summary>
public static class LedgerText
{
    public static string Describe(this Substance substance) => substance switch
    {
        Substance.RacemicKetamine => "Ketamine (racemic)",
        Substance.Esketamine => "Esketamine",
        _ => substance.ToString(),
    };

    public static string Describe(this DosageForm form) => form switch
    {
        DosageForm.InjectableSolution => "Injectable solution",
        DosageForm.NasalSpray => "Nasal spray",
        DosageForm.OralSolution => "Oral solution",
        DosageForm.Troche => "Troche",
        _ => form.ToString(),
    };

    public static string Describe(this LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Receipt => "Receipt",
        LedgerEntryKind.Administration => "Administration",
        LedgerEntryKind.Waste => "Waste",
        LedgerEntryKind.Destruction => "Destruction",
        LedgerEntryKind.Correction => "Correction",
        _ => kind.ToString(),
    };

    public static string Describe(this CountTiming timing) => timing switch
    {
        CountTiming.OpeningOfBusiness => "opening of business",
        CountTiming.CloseOfBusiness => "close of business",
        _ => timing.ToString(),
    };
}
