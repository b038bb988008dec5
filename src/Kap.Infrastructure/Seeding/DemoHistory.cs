using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Integration;
using Kap.Domain.Ledger;
using Kap.Domain.Measures;
using Kap.Domain.Patients;
using Kap.Domain.Preparation;
using Kap.Domain.Scheduling;
using Kap.Infrastructure.Persistence;

namespace Kap.Infrastructure.Seeding;

/// <summary>
/// A finished dosing series for a demo course: six IV sessions from checklist to discharge, each drawn from an
/// older demo lot (so the current lots' balances stay round), an attended integration session with notes after
/// each, and PHQ-9/GAD-7 scores falling over the series — what a therapist sees once a course has run.
/// Built through the domain's own rules (start, administer, discharge), written directly as demo data.
/// </summary>
internal static class DemoHistory
{
    public const string HistoryLot = "KET-DEMO-0312";
    private const decimal WeightKg = 74.5m;

    /// <summary>PHQ-9 and GAD-7 answers after doses 3 and 6: 13 → 9 → 5 on the PHQ-9 (a response by the end), 9 → 7 → 4 on the GAD-7.</summary>
    private static readonly (int AfterDose, int?[] Phq9, int?[] Gad7)[] Scores =
    [
        (3, [1, 1, 1, 1, 2, 1, 1, 1, 0], [1, 1, 1, 1, 1, 1, 1]),
        (6, [1, 1, 1, 0, 1, 0, 1, 0, 0], [1, 1, 0, 1, 0, 1, 0]),
    ];

    private static readonly (string Experience, string Insights, string Themes, string Homework)[] Notes =
    [
        ("Felt weightless and a little frightened at first; settled with the music.", "Fear eased when she stopped resisting.", "surrender, safety", "Five minutes of slow breathing each morning"),
        ("Saw her late father's kitchen; a sense of being forgiven.", "Grief she had not let herself feel.", "grief, forgiveness", "Write a letter to her father, not to send"),
        ("Calmer session; spent it 'floating above the week'.", "Work worries look smaller from a distance.", "perspective, work", "Walk at lunch three days this week"),
        ("Warmth in the chest; thought of her sister with tenderness.", "Wants to call her sister again.", "connection, family", "Call her sister before the next session"),
        ("Quiet, mostly music; some tears without a story.", "Allowed sadness without needing to fix it.", "grief, self-compassion", "Journal when tears come, without judging"),
        ("Felt 'like myself on a good day'; brief nausea.", "Noticed how long it has been since she felt this.", "hope, identity", "Keep the morning breathing; plan one social visit"),
    ];

    public static void AddFinishedSeries(KapDbContext db, Course course, Patient patient, DosePlan plan, Guid np, Guid therapist, DateTime firstDoseUtc, DateTime now)
    {
        // It expires after the current demo lot, so first-expiry-first-out keeps offering the current lot at the bedside.
        var lot = StockLot.Receive(Substance.RacemicKetamine, DosageForm.InjectableSolution, 50m, 10m, 10, HistoryLot, DateOnly.FromDateTime(now.AddYears(2).AddMonths(6)),
            "Demo Pharma Supply", "100 Example Way, Newark, NJ 07102", "AB1234563", firstDoseUtc.AddDays(-30), np).Value!;
        db.StockLots.Add(lot);
        var ledger = new List<LedgerEntry>();
        var receipt = LedgerEntry.Receive(lot, ledger).Value!;
        ledger.Add(receipt);
        db.LedgerEntries.Add(receipt);

        var settings = DosingSessionSettings.Default;
        DateTime? lastDose = null;
        for (var i = 0; i < 6; i++)
        {
            var start = firstDoseUtc.AddDays(3 * i);
            var dose = DoseCalculator.Compute(plan, WeightKg, start.AddMinutes(-30), start, vialConcentrationMgPerMl: 50m);
            var checklist = new PreDoseChecklist(true, true, true, true, true, true, 5, false, 124, 80, null, true, lastDose is { } l ? (start - l).TotalHours : null);
            var (session, result) = DosingSession.Start(course.Id, patient.Id, null, np, plan, dose, WeightKg, start.AddMinutes(-30), checklist, settings, np, start);
            if (session is null)
            {
                throw new InvalidOperationException("Demo dose refused: " + string.Join(" ", result.Problems));
            }

            db.DosingSessions.Add(session);
            var given = start.AddMinutes(5);
            var entry = LedgerEntry.Administer(lot, ledger, dose.Milligrams!.Value, given, np, patient.Id, course.Id, session.Id).Value!;
            ledger.Add(entry);
            db.LedgerEntries.Add(entry);
            db.SessionAdministrations.Add(new SessionAdministration(session.Id, lot.Id, entry.Id, Route.IntravenousInfusion, dose.Milligrams.Value, entry.QuantityMl, given, np,
                false, dose.Milligrams.Value, dose.Milligrams.Value / WeightKg, dose.Arithmetic ?? "", null));

            var vitals = new[]
            {
                new VitalSigns(start, 124, 80, 72, 98, 14),
                new VitalSigns(given.AddMinutes(15), 136, 84, 78, 97, 14),
                new VitalSigns(given.AddMinutes(40), 130, 82, 76, 98, 14),
                new VitalSigns(given.AddMinutes(100), 122, 78, 70, 98, 14),
            };
            foreach (var (v, n) in vitals.Select((v, n) => (v, n)))
            {
                db.SessionVitals.Add(new SessionVitals(session.Id, Guid.NewGuid(), v, isPreDose: n == 0, np));
            }

            db.SedationEntries.Add(new SedationEntry(session.Id, Guid.NewGuid(), 5, 5, given.AddMinutes(100), np));
            session.EndInfusion(given.AddMinutes(40), given);
            var discharged = session.Discharge(new DischargeFacts(Route.IntravenousInfusion, given, given, given.AddMinutes(40), 124, vitals, 5, 5, true, true, true, true),
                given.AddMinutes(105), settings, np, null);
            if (!discharged.IsSuccess)
            {
                throw new InvalidOperationException("Demo discharge refused: " + string.Join(" ", discharged.Problems));
            }

            lastDose = start;

            // Integration the next afternoon, attended, with the therapist's notes.
            var integrationStart = start.AddDays(1).AddHours(1);
            var appointment = new Appointment(course.Id, patient.Id, AppointmentKind.Integration, integrationStart, integrationStart.AddMinutes(50), therapist, null, null,
                null, gateNotMet: false, therapist, start.AddDays(-2));
            appointment.RecordOutcome(AppointmentStatus.Attended, integrationStart.AddMinutes(50));
            db.Appointments.Add(appointment);
            var text = Notes[i];
            var (note, _) = IntegrationNote.Create(course.Id, session.Id, appointment.Id, integrationStart, text.Experience, text.Insights, text.Themes, text.Homework,
                IntegrationRiskCheck.NoConcerns, null, therapist, integrationStart.AddMinutes(55), session.EndedAtUtc);
            db.IntegrationNotes.Add(note!);

            foreach (var score in Scores.Where(s => s.AfterDose == i + 1))
            {
                var at = integrationStart.AddMinutes(-10);
                db.MeasureRecords.Add(new MeasureRecord(course.Id, patient.Id, MeasureScoring.Score(Instrument.Phq9, score.Phq9), score.Phq9, therapist, at));
                db.MeasureRecords.Add(new MeasureRecord(course.Id, patient.Id, MeasureScoring.Score(Instrument.Gad7, score.Gad7), score.Gad7, therapist, at));
            }
        }
    }
}
