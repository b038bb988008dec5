using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Ledger;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using static Kap.Application.Tests.Features.Ledger.LedgerTestSupport;

namespace Kap.Application.Tests.Features.Ledger;

public sealed class LedgerCommandsTests : ClinicTest
{
    [Fact]
    public async Task Receiving_stock_creates_the_lot_and_its_receipt_entry_in_one_audited_transaction()
    {
        _clinic.AsNpA();

        var lotId = await ReceiveAsync(_app, "KET-0001", vials: 4);

        await using var db = _app.Db();
        var lot = await db.StockLots.SingleAsync(l => l.Id == lotId);
        var receipt = await db.LedgerEntries.SingleAsync(e => e.LotId == lotId);
        Assert.Equal("KET-0001", lot.LotNumber);
        Assert.Equal(KapTestApp.Now.UtcDateTime, lot.ReceivedAtUtc);
        Assert.Equal(_clinic.NpA, lot.ReceivedBy);
        Assert.Equal((LedgerEntryKind.Receipt, 2000m, 40m, _clinic.NpA), (receipt.Kind, receipt.QuantityMg, receipt.QuantityMl, receipt.ByUserId));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "ReceiveStock");
        Assert.True(audit.Success);
        Assert.Equal(lotId, audit.EntityId);
        Assert.Null(audit.PatientId);
    }

    [Theory]
    [InlineData("AB1234567")] // check digit wrong
    [InlineData("A12345678")] // format
    [InlineData("")]
    public async Task A_bad_DEA_number_is_refused_and_nothing_is_saved(string dea)
    {
        _clinic.AsNpA();

        var result = await _app.SendAsync(Receipt(dea: dea));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.True(result.Error.Fields!.ContainsKey(nameof(ReceiveStockCommand.SupplierDeaNumber)));
        await using var db = _app.Db();
        Assert.Equal(0, await db.StockLots.CountAsync());
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Waste_witnessed_by_a_colleague_records_quantity_manner_and_both_users()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);

        var result = await _app.SendAsync(new RecordWasteCommand(lotId, 12.5m, "Drug disposal system", await CredentialsAsync(_app, _clinic.TherapistA)));

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var db = _app.Db();
        var waste = await db.LedgerEntries.SingleAsync(e => e.Id == result.Value);
        Assert.Equal((LedgerEntryKind.Waste, 12.5m, 0.25m, _clinic.NpA, _clinic.TherapistA, "Drug disposal system"),
            (waste.Kind, waste.QuantityMg, waste.QuantityMl, waste.ByUserId, waste.FirstWitnessId, waste.Manner));
        Assert.Equal(5000m - 12.5m, await BalanceAsync(_app, lotId));
    }

    [Fact]
    public async Task Waste_with_a_wrong_witness_password_is_refused_and_nothing_is_saved()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);
        var before = await EntryCountAsync(_app);

        var result = await _app.SendAsync(new RecordWasteCommand(lotId, 10m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpB, "not the password")));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains("user name or password is not right", result.Error.Fields![nameof(RecordWasteCommand.Witness)][0], StringComparison.Ordinal);
        Assert.Equal(before, await EntryCountAsync(_app));
        await using var db = _app.Db();
        Assert.Equal(1, await db.Users.Where(u => u.Id == _clinic.NpB).Select(u => u.AccessFailedCount).SingleAsync()); // counts toward lockout
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "RecordWaste");
        Assert.False(audit.Success);
        Assert.Equal("invalid", audit.Outcome);
    }

    [Fact]
    public async Task The_signed_in_user_cannot_witness_their_own_waste()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);

        var result = await _app.SendAsync(new RecordWasteCommand(lotId, 10m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpA)));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.StartsWith("The witness must be a different user", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await EntryCountAsync(_app));
    }

    [Fact]
    public async Task Waste_without_a_witness_is_refused_while_the_setting_is_on()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);

        var result = await _app.SendAsync(new RecordWasteCommand(lotId, 10m, "Drug disposal system", null));

        Assert.Equal("Waste needs a witness who confirms with their own sign-in.", result.Error!.Message);
        Assert.Equal(1, await EntryCountAsync(_app));
    }

    [Fact]
    public async Task Waste_needs_no_witness_when_the_clinic_turns_the_setting_off()
    {
        await using var app = await KapTestApp.CreateAsync(new() { ["Ledger:WasteWitnessRequired"] = "false" });
        var np = await app.CreateUserAsync(KapRoles.NursePractitioner, "Solo NP");
        app.SignInAs(np, KapRoles.NursePractitioner);
        var lotId = await ReceiveAsync(app);

        var result = await app.SendAsync(new RecordWasteCommand(lotId, 10m, "Drug disposal system", null));

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var db = app.Db();
        Assert.Null((await db.LedgerEntries.SingleAsync(e => e.Id == result.Value)).FirstWitnessId);
    }

    [Fact]
    public async Task Waste_above_the_lots_balance_is_refused()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app, vials: 1);

        var result = await _app.SendAsync(new RecordWasteCommand(lotId, 500.001m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpB)));

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Contains("holds 500", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(500m, await BalanceAsync(_app, lotId));
    }

    [Fact]
    public async Task Destruction_needs_two_distinct_witnesses_neither_of_them_the_recorder()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);
        var npB = await CredentialsAsync(_app, _clinic.NpB);
        var admin = await CredentialsAsync(_app, _clinic.Admin);
        var me = await CredentialsAsync(_app, _clinic.NpA);
        RecordDestructionCommand Destroy(Kap.Application.Common.Interfaces.StaffCredentials first, Kap.Application.Common.Interfaces.StaffCredentials second) =>
            new(lotId, 1000m, "Reverse distributor", "F41-2026-007", first, second);

        var sameTwice = await _app.SendAsync(Destroy(npB, npB));
        var withMe = await _app.SendAsync(Destroy(npB, me));
        var wrong = await _app.SendAsync(Destroy(npB, admin with { Password = "nope" }));
        Assert.Contains("two different witnesses", sameTwice.Error!.Message, StringComparison.Ordinal);
        Assert.True(sameTwice.Error.Fields!.ContainsKey(nameof(RecordDestructionCommand.SecondWitness)));
        Assert.StartsWith("The witness must be a different user", withMe.Error!.Message, StringComparison.Ordinal);
        Assert.True(wrong.Error!.Fields!.ContainsKey(nameof(RecordDestructionCommand.SecondWitness)));
        Assert.Equal(1, await EntryCountAsync(_app));

        var done = await _app.SendAsync(Destroy(npB, admin));

        Assert.True(done.IsSuccess, done.Error?.Message);
        await using var db = _app.Db();
        var entry = await db.LedgerEntries.SingleAsync(e => e.Id == done.Value);
        Assert.Equal((LedgerEntryKind.Destruction, 1000m, _clinic.NpB, _clinic.Admin, "F41-2026-007"),
            (entry.Kind, entry.QuantityMg, entry.FirstWitnessId, entry.SecondWitnessId, entry.Form41Reference));
        Assert.Equal(4000m, await BalanceAsync(_app, lotId));
    }

    [Fact]
    public async Task A_count_that_differs_from_the_balance_flags_every_active_admin_without_patient_detail()
    {
        var secondAdmin = await _app.CreateUserAsync(KapRoles.Admin, "Second Admin");
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app, "KET-COUNT", vials: 2);

        var result = await _app.SendAsync(new RecordInventoryCountCommand(lotId, 990m, CountTiming.CloseOfBusiness));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var r = result.Value;
        Assert.Equal((990m, 1000m, -10m, false, 2), (r.CountedMg, r.ExpectedMg, r.DifferenceMg, r.Matches, r.AdminsAlerted));
        await using var db = _app.Db();
        var inbox = await db.InboxMessages.ToListAsync();
        Assert.Equal(new[] { _clinic.Admin, secondAdmin }.Order(), inbox.Select(m => m.UserId).Order());
        Assert.All(inbox, m => Assert.StartsWith("Controlled-substance count discrepancy: lot KET-COUNT counted 990 mg, ledger balance 1000 mg", m.Body, StringComparison.Ordinal));
        Assert.Equal(1, await db.InventoryCounts.CountAsync(c => c.LotId == lotId && c.CountedMg == 990m && c.Timing == CountTiming.CloseOfBusiness));
    }

    [Fact]
    public async Task A_count_that_matches_flags_no_one()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app, vials: 2);

        var result = await _app.SendAsync(new RecordInventoryCountCommand(lotId, 1000m, CountTiming.OpeningOfBusiness));

        Assert.True(result.Value.Matches);
        Assert.Equal(0, result.Value.AdminsAlerted);
        await using var db = _app.Db();
        Assert.Equal(0, await db.InboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_correction_references_the_original_which_stays_as_written()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);
        var waste = (await _app.SendAsync(new RecordWasteCommand(lotId, 20m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpB)))).Value;
        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await _app.SendAsync(new CorrectLedgerEntryCommand(waste, 18m, "Typed 20 mg; 2 mg was wasted"));

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var db = _app.Db();
        var original = await db.LedgerEntries.SingleAsync(e => e.Id == waste);
        var correction = await db.LedgerEntries.SingleAsync(e => e.Id == result.Value);
        Assert.Equal((LedgerEntryKind.Waste, 20m, "Drug disposal system"), (original.Kind, original.QuantityMg, original.Manner));
        Assert.Equal((LedgerEntryKind.Correction, 18m, waste, "Typed 20 mg; 2 mg was wasted"), (correction.Kind, correction.QuantityMg, correction.CorrectsEntryId, correction.Reason));
        Assert.Equal(4998m, await BalanceAsync(_app, lotId));
    }

    [Fact]
    public async Task A_correction_may_not_take_the_balance_below_zero()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app, vials: 1);
        var receipt = await FirstEntryAsync(lotId);

        var result = await _app.SendAsync(new CorrectLedgerEntryCommand(receipt, -500.5m, "Short delivery"));

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Equal(1, await EntryCountAsync(_app));
    }

    [Fact]
    public async Task Therapists_and_patients_are_refused_every_ledger_message()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);
        var entry = await FirstEntryAsync(lotId);
        var witness = await CredentialsAsync(_app, _clinic.NpB);
        var patient = await _app.CreateUserAsync(KapRoles.Patient, "Pat Patient");
        var today = new DateOnly(2026, 11, 24);

        foreach (var signIn in new Action[] { _clinic.AsTherapistA, () => _app.SignInAs(patient, KapRoles.Patient), _app.SignOut })
        {
            signIn();
            var refusals = new Result[]
            {
                await _app.SendAsync(Receipt("NOPE")),
                await _app.SendAsync(new RecordWasteCommand(lotId, 1m, "x", witness)),
                await _app.SendAsync(new RecordDestructionCommand(lotId, 1m, "x", "F41", witness, witness)),
                await _app.SendAsync(new RecordInventoryCountCommand(lotId, 1m, CountTiming.CloseOfBusiness)),
                await _app.SendAsync(new CorrectLedgerEntryCommand(entry, 1m, "x")),
                await _app.SendAsync(new GetStockQuery()),
                await _app.SendAsync(new GetLedgerEntriesQuery(today, today)),
                await _app.SendAsync(new ExportLedgerCsvQuery(today, today)),
            };
            Assert.All(refusals, r => Assert.Equal(ErrorKind.Forbidden, r.Error?.Kind));
        }

        await using var db = _app.Db();
        Assert.Equal(1, await db.LedgerEntries.CountAsync());
        Assert.Equal(0, await db.InventoryCounts.CountAsync());
        Assert.Equal(24, await db.AuditEntries.CountAsync(a => !a.Success && a.Outcome == "forbidden"));
    }

    [Fact]
    public async Task An_admin_keeps_the_ledger_too()
    {
        _clinic.AsAdmin();

        var lotId = await ReceiveAsync(_app);
        var waste = await _app.SendAsync(new RecordWasteCommand(lotId, 5m, "Drug disposal system", await CredentialsAsync(_app, _clinic.NpA)));

        Assert.True(waste.IsSuccess, waste.Error?.Message);
    }

    [Fact]
    public async Task Ledger_entries_cannot_be_changed_or_deleted_through_the_context()
    {
        _clinic.AsNpA();
        var lotId = await ReceiveAsync(_app);
        await using var db = _app.Db();
        var entry = await db.LedgerEntries.SingleAsync(e => e.LotId == lotId);

        db.Entry(entry).Property(e => e.QuantityMg).CurrentValue = 1m;
        var modify = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.Entry(entry).State = EntityState.Deleted;
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", modify.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        await using var fresh = _app.Db();
        Assert.Equal(5000m, (await fresh.LedgerEntries.SingleAsync(e => e.LotId == lotId)).QuantityMg);
    }

    private async Task<Guid> FirstEntryAsync(Guid lotId)
    {
        await using var db = _app.Db();
        return await db.LedgerEntries.Where(e => e.LotId == lotId).Select(e => e.Id).SingleAsync();
    }
}
