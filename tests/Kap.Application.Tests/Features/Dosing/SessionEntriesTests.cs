using Kap.Application.Common.Results;
using Kap.Application.Features.Dosing;
using Kap.Domain.Dosing;
using Kap.Domain.Ledger;
using Kap.Domain.Preparation;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Dosing;

/// <summary>Administrations with their ledger entries, and monitoring entries saved one by one.</summary>
public sealed class SessionEntriesTests : DosingTest
{
    [Fact]
    public async Task An_administration_draws_from_the_lot_with_a_ledger_entry_in_mg_and_ml()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        var id = await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 35m, null));

        Ok(id);
        await using var db = _app.Db();
        var administration = await db.SessionAdministrations.SingleAsync(a => a.Id == id.Value);
        var entry = await db.LedgerEntries.SingleAsync(e => e.Id == administration.LedgerEntryId);
        Assert.Equal(LedgerEntryKind.Administration, entry.Kind);
        Assert.Equal(35m, entry.QuantityMg);
        Assert.Equal(0.7m, entry.QuantityMl);
        Assert.Equal(session, entry.SessionId);
        Assert.Equal(_clinic.NpA, entry.ByUserId);
        var balance = LotBalance.Of(_racemicLot, await db.LedgerEntries.ToListAsync());
        Assert.Equal(1000m - 35m, balance.BalanceMg);
    }

    [Fact]
    public async Task The_first_administration_cannot_exceed_the_planned_dose()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        var result = await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 36m, null));

        Assert.Contains("cannot be more than the planned dose of 35 mg", result.Error!.Message, StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.Kind == LedgerEntryKind.Administration));
    }

    [Fact]
    public async Task A_lot_of_the_wrong_substance_is_refused()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        var result = await _app.SendAsync(new RecordAdministrationCommand(session, _esketamineLot, 35m, null));

        Assert.Contains("ESK-1 is esketamine", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booster_above_the_ceiling_needs_the_prescribers_override_and_the_anaesthetic_range_is_refused_outright()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 35m, null)));

        // 35 + 20 = 55 mg ÷ 70 kg ≈ 0.786 mg/kg: above the 0.75 IV ceiling.
        var above = await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 20m, null));
        Assert.Contains("above the clinic ceiling of 0.75 mg/kg", above.Error!.Message, StringComparison.Ordinal);

        var overridden = await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 20m, "Partial response at 0.5; discussed"));
        Ok(overridden);

        // 55 + 20 = 75 mg ÷ 70 kg ≈ 1.07 mg/kg: anaesthetic range, refused even with a reason.
        var anaesthetic = await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 20m, "Any reason"));
        Assert.Equal(ErrorKind.Rule, anaesthetic.Error!.Kind);
        Assert.Contains("anaesthetic", anaesthetic.Error.Message, StringComparison.OrdinalIgnoreCase);

        await using var db = _app.Db();
        var booster = await db.SessionAdministrations.SingleAsync(a => a.Id == overridden.Value);
        Assert.True(booster.IsBooster);
        Assert.Equal(55m, booster.CumulativeMg);
        Assert.Equal("Partial response at 0.5; discussed", booster.CeilingOverride!.Reason);
        Assert.Equal(2, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Administration));
        Assert.Equal("ok; ceiling-override", (await db.AuditEntries.SingleAsync(a => a.EntityId == overridden.Value)).Outcome);
    }

    [Fact]
    public async Task Esketamine_boosters_come_in_whole_devices_up_to_84_mg()
    {
        await CourseInDosingAsync(Route.EsketamineNasal, DoseBasis.FixedMg, 56m);
        var session = await StartAsync();
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _esketamineLot, 56m, null)));

        Assert.Contains("whole 28 mg devices", (await _app.SendAsync(new RecordAdministrationCommand(session, _esketamineLot, 14m, null))).Error!.Message,
            StringComparison.Ordinal);
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _esketamineLot, 28m, null)));
        Assert.Contains("more than the labelled 84 mg", (await _app.SendAsync(new RecordAdministrationCommand(session, _esketamineLot, 28m, "reason"))).Error!.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vitals_entry_sent_again_after_a_dropped_connection_is_saved_once()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();
        var entry = new RecordVitalsCommand(session, Guid.NewGuid(), 132, 84, 80, 97, 16);

        var first = await _app.SendAsync(entry);
        var retry = await _app.SendAsync(entry);

        Assert.Equal(first.Value.Id, retry.Value.Id);
        await using var db = _app.Db();
        Assert.Equal(1, await db.SessionVitals.CountAsync(v => v.SessionId == session && !v.IsPreDose));
    }

    [Fact]
    public async Task Entries_from_two_devices_at_once_are_both_kept()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        // Two tablets at the bedside, each entering at the same moment.
        var vitalsA = _app.SendAsync(new RecordVitalsCommand(session, Guid.NewGuid(), 130, 85, 78, 98, null));
        var vitalsB = _app.SendAsync(new RecordVitalsCommand(session, Guid.NewGuid(), 134, 86, 80, 97, null));
        var sedation = _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 4));
        var vitalsC = _app.SendAsync(new RecordVitalsCommand(session, Guid.NewGuid(), 128, 80, 76, 99, null));
        await Task.WhenAll(vitalsA, vitalsB, sedation, vitalsC);
        Result[] results = [await vitalsA, await vitalsB, await sedation, await vitalsC];

        Assert.All(results, r => Ok(r));
        await using var db = _app.Db();
        Assert.Equal(3, await db.SessionVitals.CountAsync(v => v.SessionId == session && !v.IsPreDose));
        Assert.Equal(1, await db.SedationEntries.CountAsync(v => v.SessionId == session));
    }

    [Fact]
    public async Task A_severe_bp_or_low_spo2_alerts_the_prescriber_and_is_marked_on_the_entry()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        var severe = await VitalsAsync(session, systolic: 182, diastolic: 100);
        var low = await VitalsAsync(session, spo2: 91);
        var fine = await VitalsAsync(session, systolic: 179, diastolic: 109, spo2: 92);

        Assert.Equal(VitalsAlert.SevereBloodPressure, severe.Value.Alert);
        Assert.Equal(VitalsAlert.LowOxygenSaturation, low.Value.Alert);
        Assert.Equal(VitalsAlert.None, fine.Value.Alert);
        await using var db = _app.Db();
        var alerts = await db.InboxMessages.Where(m => m.UserId == _clinic.NpA && m.Subject.StartsWith("Dosing alert")).ToListAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, a => a.Body.Contains("BP 182/100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_moaas_drop_alerts_the_prescriber_and_a_moaas_of_0_also_the_therapist()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        Assert.Equal(SedationLevel.None, (await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 5))).Value);
        Assert.Equal(SedationLevel.Sedation, (await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 3))).Value);
        Assert.Equal(SedationLevel.LossOfConsciousness, (await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 0))).Value);

        await using var db = _app.Db();
        Assert.Equal(2, await db.InboxMessages.CountAsync(m => m.UserId == _clinic.NpA && m.Subject.StartsWith("Dosing alert")));
        Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.UserId == _clinic.TherapistA && m.Subject.Contains("loss of consciousness")));
    }

    [Fact]
    public async Task Cadss_is_scored_full_and_short_and_a_wrong_length_is_refused()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        var full = await _app.SendAsync(new RecordDissociationCommand(session, Guid.NewGuid(), CadssForm.Full, Enumerable.Repeat<int?>(1, 23).ToArray()));
        Advance(15);
        var shortForm = await _app.SendAsync(new RecordDissociationCommand(session, Guid.NewGuid(), CadssForm.Short, [0, 1, 0, 2, 0, 1]));
        var wrong = await _app.SendAsync(new RecordDissociationCommand(session, Guid.NewGuid(), CadssForm.Short, [0, 1, 0]));
        var outOfRange = await _app.SendAsync(new RecordDissociationCommand(session, Guid.NewGuid(), CadssForm.Short, [0, 1, 0, 5, 0, 1]));

        Assert.Equal(23, full.Value);
        Assert.Equal(4, shortForm.Value);
        Assert.Equal(ErrorKind.Validation, wrong.Error!.Kind);
        Assert.Contains("6 items; 3 were given", wrong.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Item 7 must be scored 0–4", outOfRange.Error!.Message, StringComparison.Ordinal);
        var dto = (await _app.SendAsync(new GetDosingSessionQuery(session))).Value;
        Assert.Equal(23, dto.PeakCadss);
        Assert.True(dto.Cadss[0].IsSignificant);
        Assert.False(dto.Cadss[1].IsSignificant);
    }

    [Fact]
    public async Task A_severe_adverse_event_notifies_the_prescriber_and_the_therapist_without_patient_detail_by_email()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();
        _app.Emails.FailWith = null;

        Ok(await _app.SendAsync(new RecordAdverseEventCommand(session, AdverseEventType.EmergenceReaction, AdverseEventSeverity.Moderate, 0, "Reassurance", "Settled")));
        Assert.Empty(_app.Emails.Sent);
        Ok(await _app.SendAsync(new RecordAdverseEventCommand(session, AdverseEventType.RespiratoryDepression, AdverseEventSeverity.Severe, 2,
            "Airway repositioned, O2 2 L/min", "SpO2 back to 96 % in 3 min")));

        await using var db = _app.Db();
        Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.UserId == _clinic.NpA && m.Subject.StartsWith("Severe adverse event")));
        Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.UserId == _clinic.TherapistA && m.Subject.StartsWith("Severe adverse event")));
        Assert.Equal(2, _app.Emails.Sent.Count);
        Assert.All(_app.Emails.Sent, e => Assert.DoesNotContain("Rivera", e.Subject + e.TextBody, StringComparison.Ordinal));
        Assert.All(_app.Emails.Sent, e => Assert.DoesNotContain("Respiratory", e.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_therapist_watching_sees_the_session_and_adds_notes_but_records_no_vitals_or_doses()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();
        _clinic.AsTherapistA();

        Ok(await _app.SendAsync(new AddSessionNoteCommand(session, "Patient describes warmth and calm.")));
        Assert.Equal(ErrorKind.Forbidden, (await VitalsAsync(session)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 35m, null))).Error!.Kind);
        var dto = (await _app.SendAsync(new GetDosingSessionQuery(session))).Value;
        Assert.False(dto.CanRecord);
        Assert.Equal("Patient describes warmth and calm.", Assert.Single(dto.Notes).Text);

        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetDosingSessionQuery(session))).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new AddSessionNoteCommand(session, "x"))).Error!.Kind);
    }

    [Fact]
    public async Task Implausible_vitals_are_refused_with_a_message_and_nothing_is_saved()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        var result = await VitalsAsync(session, systolic: 80, diastolic: 90);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains("Diastolic BP must be lower than systolic", result.Error.Message, StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.Equal(0, await db.SessionVitals.CountAsync(v => !v.IsPreDose));
    }
}
