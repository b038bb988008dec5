using Kap.Application.Common.Results;
using Kap.Application.Features.Ledger;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using static Kap.Application.Tests.Features.Ledger.LedgerTestSupport;

namespace Kap.Application.Tests.Features.Ledger;

public sealed class LedgerQueriesTests : ClinicTest
{
    private static readonly DateOnly Nov24 = new(2026, 11, 24);

    [Fact]
    public async Task Stock_shows_each_lots_balance_in_mg_and_ml_its_expiry_and_whether_the_last_count_matched()
    {
        _clinic.AsNpA();
        var lotA = await ReceiveAsync(_app, "A-LOT", vials: 2);
        var expired = await _app.SendAsync(Receipt("OLD-LOT", vials: 1, expires: Nov24.AddDays(-1)));
        var untouched = await ReceiveAsync(_app, "C-LOT", vials: 1);
        await _app.SendAsync(new RecordWasteCommand(lotA, 25m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpB)));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(new RecordInventoryCountCommand(lotA, 975m, CountTiming.CloseOfBusiness));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(new RecordWasteCommand(lotA, 5m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpB)));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(new RecordInventoryCountCommand(expired.Value, 400m, CountTiming.OpeningOfBusiness));

        var stock = (await _app.SendAsync(new GetStockQuery())).Value;

        var a = stock.Single(l => l.Id == lotA);
        Assert.Equal((970m, 19.4m, false), (a.BalanceMg, a.BalanceMl, a.IsExpired));
        Assert.Equal((975m, CountTiming.CloseOfBusiness, true), (a.LastCountMg, a.LastCountTiming, a.LastCountMatched)); // matched the balance at the time
        var old = stock.Single(l => l.Id == expired.Value);
        Assert.Equal((500m, true, false), (old.BalanceMg, old.IsExpired, old.LastCountMatched));
        var c = stock.Single(l => l.Id == untouched);
        Assert.Equal((500m, 10m, null, null), (c.BalanceMg, c.BalanceMl, c.LastCountAtUtc, c.LastCountMatched));
        Assert.Equal("A-LOT — Ketamine (racemic), Injectable solution 50 mg/mL", a.Describe());
    }

    [Fact]
    public async Task Entries_name_who_recorded_witnessed_and_the_patient_of_an_administration()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app, "KET-9", vials: 2);
        await AdministerAsync(lotId, 35m);
        _clinic.AsNpA();
        var waste = await _app.SendAsync(new RecordWasteCommand(lotId, 15m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpB)));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(new CorrectLedgerEntryCommand(waste.Value, 5m, "Only 10 mg wasted"));

        var page = (await _app.SendAsync(new GetLedgerEntriesQuery(Nov24, Nov24))).Value;

        Assert.Equal(4, page.TotalCount);
        Assert.Equal([LedgerEntryKind.Receipt, LedgerEntryKind.Administration, LedgerEntryKind.Waste, LedgerEntryKind.Correction], page.Items.Select(e => e.Kind));
        var given = page.Items[1];
        Assert.Equal(("Jamie Rivera", "NP A", 35m, 0.7m, "KET-9"), (given.Patient, given.By, given.QuantityMg, given.QuantityMl, given.LotNumber));
        Assert.Equal(("NP A", "NP B", "Drug disposal system"), (page.Items[2].By, page.Items[2].FirstWitness, page.Items[2].Manner));
        Assert.Equal((waste.Value, "Only 10 mg wasted", 5m), (page.Items[3].CorrectsEntryId!.Value, page.Items[3].Reason, page.Items[3].QuantityMg));
        Assert.Equal(("Example Pharma Supply", ValidDea), (page.Items[0].SupplierName, page.Items[0].SupplierDeaNumber));
        Assert.Null(page.Items[2].SupplierName);
        await using var db = _app.Db();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "GetLedgerEntries");
        Assert.Equal(_clinic.NpA, audit.UserId);
    }

    [Fact]
    public async Task Entries_are_paged_at_most_a_thousand_at_a_time_and_filter_by_lot()
    {
        _clinic.AsNpA();
        var lotA = await ReceiveAsync(_app, "A");
        var lotB = await ReceiveAsync(_app, "B");
        for (var i = 0; i < 3; i++)
        {
            await _app.SendAsync(new RecordWasteCommand(lotA, 1m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpB)));
        }

        var tooMany = await _app.SendAsync(new GetLedgerEntriesQuery(Nov24, Nov24, PageSize: 1001));
        var second = (await _app.SendAsync(new GetLedgerEntriesQuery(Nov24, Nov24, lotA, Page: 2, PageSize: 3))).Value;
        var onlyB = (await _app.SendAsync(new GetLedgerEntriesQuery(Nov24, Nov24, lotB))).Value;

        Assert.Equal(ErrorKind.Validation, tooMany.Error!.Kind);
        Assert.Contains("1,000", tooMany.Error.Message, StringComparison.Ordinal);
        Assert.Equal((4, 2, 1), (second.TotalCount, second.PageCount, second.Items.Count));
        Assert.Equal(LedgerEntryKind.Waste, second.Items[0].Kind);
        Assert.Equal(lotB, Assert.Single(onlyB.Items).LotId);
    }

    [Fact]
    public async Task The_csv_export_has_a_header_quotes_commas_and_quotes_and_defuses_formulas()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app, "KET-CSV");
        var witness = await CredentialsAsync(_app, _clinic.NpB);
        var quoted = await _app.SendAsync(new RecordWasteCommand(lotId, 10m, "Vial \"A\", then syringe", witness));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(new RecordWasteCommand(lotId, 1m, "=HYPERLINK(\"http://evil.example\")", witness));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(new RecordWasteCommand(lotId, 1m, "@SUM(A1)", witness));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(new CorrectLedgerEntryCommand(quoted.Value, -2m, "+1 more mg was wasted"));

        var file = (await _app.SendAsync(new ExportLedgerCsvQuery(Nov24, Nov24))).Value;

        Assert.Equal("controlled-substance-ledger_2026-11-24_2026-11-24.csv", file.FileName);
        Assert.Equal(5, file.Rows);
        Assert.EndsWith("\r\n", file.Content, StringComparison.Ordinal);
        Assert.Contains("\"Vial \"\"A\"\", then syringe\"", file.Content, StringComparison.Ordinal);
        var rows = CsvReader.Parse(file.Content);
        Assert.Equal(ExportLedgerCsvHandler.Header, rows[0]);
        Assert.All(rows, r => Assert.Equal(ExportLedgerCsvHandler.Header.Count, r.Count));
        string Cell(int row, string column) => rows[row][ExportLedgerCsvHandler.Header.ToList().IndexOf(column)];
        Assert.Equal("Receipt", Cell(1, "Kind"));
        Assert.Equal(("Example Pharma Supply", "1 Example Way, Newark, NJ 07102", "AB1234563", "10", "10"),
            (Cell(1, "Supplier name"), Cell(1, "Supplier address"), Cell(1, "Supplier DEA number"), Cell(1, "Container volume (mL)"), Cell(1, "Containers received")));
        Assert.Equal(("2026-11-24 10:00:00", "America/New_York", "2026-11-24T15:00:00Z"), (Cell(1, "Date/time (clinic)"), Cell(1, "Clinic time zone"), Cell(1, "Date/time (UTC)")));
        Assert.Equal(("Vial \"A\", then syringe", "10", "0.2", "NP A", "NP B"), (Cell(2, "Manner"), Cell(2, "Quantity (mg)"), Cell(2, "Quantity (mL)"), Cell(2, "By"), Cell(2, "Witness 1")));
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", Cell(3, "Manner"));
        Assert.Equal("'@SUM(A1)", Cell(4, "Manner"));
        Assert.Equal(("Correction", "-2", "'+1 more mg was wasted", quoted.Value.ToString()), (Cell(5, "Kind"), Cell(5, "Quantity (mg)"), Cell(5, "Reason"), Cell(5, "Corrects entry id")));
        Assert.Equal(("Ketamine (racemic)", "Injectable solution", "50", "KET-CSV", "2028-06-30"),
            (Cell(2, "Substance"), Cell(2, "Form"), Cell(2, "Strength (mg/mL)"), Cell(2, "Lot"), Cell(2, "Expiry")));
    }

    [Fact]
    public async Task The_export_and_the_entries_take_whole_days_in_the_clinics_time_zone()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app, "KET-TZ"); // 24 Nov 10:00 New York
        var witness = await CredentialsAsync(_app, _clinic.NpB);
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 4, 59, 0, TimeSpan.Zero)); // 24 Nov 23:59 in New York
        var late = (await _app.SendAsync(new RecordWasteCommand(lotId, 1m, "Late on the 24th", witness))).Value;
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero)); // 25 Nov 00:00 in New York
        var next = (await _app.SendAsync(new RecordWasteCommand(lotId, 1m, "First thing on the 25th", witness))).Value;

        var day24 = CsvReader.Parse((await _app.SendAsync(new ExportLedgerCsvQuery(Nov24, Nov24))).Value.Content);
        var day25 = CsvReader.Parse((await _app.SendAsync(new ExportLedgerCsvQuery(Nov24.AddDays(1), Nov24.AddDays(1)))).Value.Content);
        var entries25 = (await _app.SendAsync(new GetLedgerEntriesQuery(Nov24.AddDays(1), Nov24.AddDays(1)))).Value;
        var backwards = await _app.SendAsync(new ExportLedgerCsvQuery(Nov24, Nov24.AddDays(-1)));

        Assert.Equal(["Receipt", "Waste"], day24.Skip(1).Select(r => r[4]));
        Assert.Equal(late.ToString(), day24[2][0]);
        Assert.Equal("2026-11-24 23:59:00", day24[2][1]);
        Assert.Equal(next.ToString(), Assert.Single(day25.Skip(1))[0]);
        Assert.Equal("2026-11-25 00:00:00", day25[1][1]);
        Assert.Equal(next, Assert.Single(entries25.Items).Id);
        Assert.Equal(ErrorKind.Validation, backwards.Error!.Kind);
    }

    /// <summary>Writes an administration as the dosing-session commands will (LedgerEntry.Administer), for a registered patient.</summary>
    private async Task<Guid> AdministerAsync(Guid lotId, decimal mg)
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        await using var db = _app.Db();
        var lot = await db.StockLots.SingleAsync(l => l.Id == lotId);
        var entries = await db.LedgerEntries.Where(e => e.LotId == lotId).ToListAsync();
        var given = LedgerEntry.Administer(lot, entries, mg, _app.Clock.GetUtcNow().UtcDateTime, _clinic.NpA, patient, course, Guid.NewGuid());
        db.LedgerEntries.Add(given.Value!);
        await db.SaveChangesAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        return patient;
    }
}

/// <summary>A strict RFC 4180 reader, so the tests check what a spreadsheet would read rather than the raw text.</summary>
internal static class CsvReader
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }

                Assert.True(i >= text.Length || text[i] is ',' or '\r', "a quoted field ends at a comma or the end of the row");
                continue;
            }

            if (text[i] == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i += 2;
            }
            else
            {
                Assert.NotEqual('"', text[i]);
                Assert.NotEqual('\n', text[i]);
                cell.Append(text[i++]);
            }
        }

        Assert.Empty(row);
        return rows;
    }
}
