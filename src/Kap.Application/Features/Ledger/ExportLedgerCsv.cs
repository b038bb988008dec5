using System.Globalization;
using System.Text;
using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Ledger;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Ledger;

/// <summary>
/// The ledger from <see cref="From"/> to <see cref="To"/> (whole clinic days) as CSV for an inspection
/// [S: 1304.04 — records readily retrievable]: every entry with every DEA-relevant field, times in the clinic's
/// zone and in UTC. RFC 4180 quoting; text cells that a spreadsheet would run as a formula are prefixed with a
/// single quote. At most <see cref="MaxDays"/> days per export. Audited (administrations name patients).
/// </summary>
[RequiresPolicy(KapPolicies.ControlledSubstances)]
public sealed record ExportLedgerCsvQuery(DateOnly From, DateOnly To) : IQuery<Result<LedgerCsvFile>>, IReadsHealthInformation
{
    public const int MaxDays = 1100;
}

public sealed record LedgerCsvFile(string FileName, string Content, int Rows);

public sealed class ExportLedgerCsvValidator : AbstractValidator<ExportLedgerCsvQuery>
{
    public ExportLedgerCsvValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.From).InclusiveBetween(SaneDates.Earliest, SaneDates.Latest).WithMessage(SaneDates.Message);
        RuleFor(x => x.To).InclusiveBetween(SaneDates.Earliest, SaneDates.Latest).WithMessage(SaneDates.Message);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).WithMessage("The end date must be on or after the start date.")
            .Must((q, to) => to.DayNumber - q.From.DayNumber < ExportLedgerCsvQuery.MaxDays)
            .WithMessage($"Export at most {ExportLedgerCsvQuery.MaxDays:N0} days at a time (about three years).");
    }
}

public sealed class ExportLedgerCsvHandler(IOperationContext context, IOptions<ClinicOptions> clinic) : IQueryHandler<ExportLedgerCsvQuery, Result<LedgerCsvFile>>
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Entry id", "Date/time (clinic)", "Clinic time zone", "Date/time (UTC)", "Kind", "Substance", "Form", "Strength (mg/mL)", "Lot", "Expiry",
        "Quantity (mg)", "Quantity (mL)", "Patient", "By", "Witness 1", "Witness 2", "Manner", "DEA Form 41 reference",
        "Supplier name", "Supplier address", "Supplier DEA number", "Container volume (mL)", "Containers received", "Corrects entry id", "Reason",
    ];

    public async ValueTask<Result<LedgerCsvFile>> Handle(ExportLedgerCsvQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(LedgerEntry), null, null);
        var zoneId = clinic.Value.TimeZone;
        var zone = clinic.Value.GetTimeZone();
        var (fromUtc, toUtc) = LedgerRows.UtcRange(query.From, query.To, zone);
        var rows = await LedgerRows.Query(op.Db, fromUtc, toUtc, null).ToListAsync(cancellationToken);

        var csv = new StringBuilder();
        Csv.AppendRow(csv, Header);
        foreach (var r in rows)
        {
            Csv.AppendRow(csv,
            [
                r.Id.ToString(),
                Csv.Number(WallClock.ToLocal(r.AtUtc, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                zoneId,
                Csv.Number(r.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                r.Kind.Describe(),
                r.Substance.Describe(),
                r.Form.Describe(),
                Csv.Number(r.StrengthMgPerMl),
                Csv.Text(r.LotNumber),
                Csv.Number(r.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                Csv.Number(r.QuantityMg),
                Csv.Number(decimal.Round(r.QuantityMl, 4)),
                Csv.Text(r.Patient),
                Csv.Text(r.By),
                Csv.Text(r.FirstWitness),
                Csv.Text(r.SecondWitness),
                Csv.Text(r.Manner),
                Csv.Text(r.Form41Reference),
                Csv.Text(r.SupplierName),
                Csv.Text(r.SupplierAddress),
                Csv.Text(r.SupplierDeaNumber),
                r.VolumeMlPerContainer is { } volume ? Csv.Number(volume) : Csv.Empty,
                r.ContainersReceived is { } containers ? Csv.Number(containers) : Csv.Empty,
                r.CorrectsEntryId?.ToString() ?? "",
                Csv.Text(r.Reason),
            ]);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"controlled-substance-ledger_{query.From:yyyy-MM-dd}_{query.To:yyyy-MM-dd}.csv");
        return new LedgerCsvFile(name, csv.ToString(), rows.Count);
    }
}

/// <summary>RFC 4180 cells: a field with a comma, quote or line break is quoted and its quotes doubled; rows end in CRLF.</summary>
public static class Csv
{
    public const string Empty = "";

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>
    /// Text someone typed (a manner, a reason, a name). A cell starting with = + - @ (or a tab or carriage return) would
    /// run as a formula in a spreadsheet (CSV injection), so it gets a leading single quote and is read as text.
    /// </summary>
    public static string Text(string? value) =>
        string.IsNullOrEmpty(value) ? Empty : FormulaStarts.Contains(value[0]) ? "'" + value : value;

    /// <summary>A value Kap formats itself (numbers, dates): written as is, so a negative correction stays a number.</summary>
    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(string formatted) => formatted;

    public static void AppendRow(StringBuilder csv, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            csv.Append(cell.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }

        csv.Append("\r\n");
    }
}

/// <summary>Dates a clinic's records can have: anything outside is a typing mistake or hostile input, refused before any arithmetic.</summary>
public static class SaneDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);
    public const string Message = "Choose a date between 1900 and 2199.";
}
