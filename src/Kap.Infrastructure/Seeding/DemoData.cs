using Kap.Application.Common.Identity;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Domain.Scheduling;
using Kap.Domain.Screening;
using Microsoft.Extensions.Options;
using Kap.Domain.Consent;
using Kap.Domain.Courses;
using Kap.Domain.Ledger;
using Kap.Domain.Measures;
using Kap.Domain.Patients;
using Kap.Domain.Preparation;
using Kap.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Infrastructure.Seeding;

public sealed record DemoLogin(string Role, string Name, string Email);

public sealed record DemoLogins(string Password, IReadOnlyList<DemoLogin> Logins);

/// <summary>
/// A small demo clinic for a fresh database: an admin, two therapists, two nurse practitioners and six
/// patients with courses in different phases. It is a data load, not a user's action, so it writes
/// directly rather than through commands; it runs only when the database has no users.
/// </summary>
public static class DemoData
{
    public const string Password = "Kap-demo-2026!";

    public static readonly DemoLogin Admin = new(KapRoles.Admin, "Avery Admin", "admin@kap.example");
    public static readonly DemoLogin TherapistMorgan = new(KapRoles.Therapist, "Dr Morgan Reyes", "morgan.reyes@kap.example");
    public static readonly DemoLogin TherapistSam = new(KapRoles.Therapist, "Sam Okafor, LMFT", "sam.okafor@kap.example");
    public static readonly DemoLogin NpJordan = new(KapRoles.NursePractitioner, "Jordan Lee, PMHNP", "jordan.lee@kap.example");
    public static readonly DemoLogin NpTaylor = new(KapRoles.NursePractitioner, "Taylor Brooks, PMHNP", "taylor.brooks@kap.example");
    public static readonly DemoLogin PatientRiley = new(KapRoles.Patient, "Riley Chen", "riley.chen@example.org");

    /// <summary>A patient in Dosing with an appointment of every kind ahead, in a time zone other than the clinic's.</summary>
    public static readonly DemoLogin PatientMarcus = new(KapRoles.Patient, "Marcus Bell", "marcus.bell@example.org");

    /// <summary>
    /// The demo patients' identifying details (names and dates of birth), so tests can check that none of them ever
    /// reaches a log (issue 8). Kept in step with the patients seeded below by a test.
    /// </summary>
    public static IReadOnlyList<(string LegalName, string? PreferredName, DateOnly DateOfBirth)> PatientIdentities { get; } =
    [
        ("Riley Chen", null, new DateOnly(1988, 3, 14)),
        ("Alexandra Novak", "Alex", new DateOnly(1979, 11, 2)),
        ("Priya Raman", null, new DateOnly(1992, 6, 30)),
        ("Marcus Bell", null, new DateOnly(1970, 1, 22)),
        ("Elena García", "Ellie", new DateOnly(1985, 9, 9)),
        ("Thomas Whitfield", "Tom", new DateOnly(1964, 4, 5)),
    ];

    public static async Task<DemoLogins?> SeedAsync(IServiceProvider sp, CancellationToken cancellationToken)
    {
        var users = sp.GetRequiredService<UserManager<KapUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;

        var staff = new Dictionary<string, Guid>();
        foreach (var login in new[] { Admin, TherapistMorgan, TherapistSam, NpJordan, NpTaylor })
        {
            staff[login.Email] = await CreateUserAsync(users, login, null);
        }

        var factory = sp.GetRequiredService<IDbContextFactory<KapDbContext>>();
        var morgan = staff[TherapistMorgan.Email];
        var sam = staff[TherapistSam.Email];
        var jordan = staff[NpJordan.Email];
        var taylor = staff[NpTaylor.Email];

        var patients = new (string Legal, string? Preferred, DateOnly Dob, string Email, Guid Therapist, Guid Np, Indication Indication, CoursePhase Phase)[]
        {
            ("Riley Chen", null, new DateOnly(1988, 3, 14), PatientRiley.Email, morgan, jordan, Indication.TreatmentResistantDepression, CoursePhase.Preparation),
            ("Alexandra Novak", "Alex", new DateOnly(1979, 11, 2), "alex.novak@example.org", morgan, jordan, Indication.Depression | Indication.Anxiety, CoursePhase.Referred),
            ("Priya Raman", null, new DateOnly(1992, 6, 30), "priya.raman@example.org", morgan, taylor, Indication.Ptsd | Indication.Trauma, CoursePhase.Screening),
            ("Marcus Bell", null, new DateOnly(1970, 1, 22), "marcus.bell@example.org", sam, jordan, Indication.TreatmentResistantDepression, CoursePhase.Dosing),
            ("Elena García", "Ellie", new DateOnly(1985, 9, 9), "elena.garcia@example.org", sam, taylor, Indication.Depression, CoursePhase.Integration),
            ("Thomas Whitfield", "Tom", new DateOnly(1964, 4, 5), "tom.whitfield@example.org", sam, taylor, Indication.Anxiety, CoursePhase.OnHold),
        };

        var rooms = new[] { new Room("Sage room"), new Room("Cedar room") };
        ConsentDocument consent;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.Rooms.AddRange(rooms);
            consent = new ConsentDocument(1, "Consent to ketamine-assisted psychotherapy (demo text)", ConsentText, now.AddDays(-90), staff[Admin.Email]);
            db.ConsentDocuments.Add(consent);
            AddStock(db, jordan, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        var scheduler = sp.GetRequiredService<ReminderScheduler>();
        var clinicZone = sp.GetRequiredService<IOptions<ClinicOptions>>().Value.GetTimeZone();
        var today = DateOnly.FromDateTime(WallClock.ToLocal(now, clinicZone));

        var day = 0;
        foreach (var p in patients)
        {
            day++;
            var registered = now.AddDays(-60 + day);
            var userId = await CreateUserAsync(users, new DemoLogin(KapRoles.Patient, p.Preferred ?? p.Legal, p.Email), null);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var patient = new Patient(p.Legal, p.Preferred, p.Dob, p.Email, "+1 555 010 " + (1000 + day), ReminderChannel.Email,
                p.Email == PatientMarcus.Email ? "America/Chicago" : "America/New_York",
                new SupportPerson { Name = "Support for " + (p.Preferred ?? p.Legal.Split(' ')[0]), Relationship = "Partner", Phone = "+1 555 020 " + (1000 + day) },
                p.Therapist, registered)
            {
                UserId = userId,
            };
            db.Patients.Add(patient);
            var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
            user.PatientId = patient.Id;

            var course = new Course(patient.Id, p.Therapist, p.Np, p.Indication, CoursePlan.Default, registered.AddHours(1), p.Therapist);
            // Elena's course has run its whole series: her dosing phase lasts the 18 days her six doses take.
            var withHistory = p.Phase == CoursePhase.Integration;
            Walk(course, p.Phase, registered.AddHours(2), p.Therapist, dosingDays: withHistory ? 18 : 7);
            db.Courses.Add(course);
            if (p.Phase is not (CoursePhase.Referred or CoursePhase.Screening))
            {
                db.SuitabilityAssessments.Add(new SuitabilityAssessment(course.Id, "Two antidepressants and a course of CBT without lasting benefit.", true,
                    "Lives with a partner; a close friend nearby.", "Return to work; feel connected again.", SuitabilityDecision.Suitable, null, p.Therapist,
                    registered.AddDays(7)));
                AddPreparationRecords(db, course, patient, consent, p.Np, p.Therapist, p.Legal, registered.AddDays(14),
                    signClearance: p.Phase is not (CoursePhase.Preparation or CoursePhase.OnHold));
                if (p.Email == PatientMarcus.Email)
                {
                    db.DosePlans.Local.Single(d => d.CourseId == course.Id).SetPatientMedicationInstructions(
                        "Take your morning sertraline as usual, with a sip of water. Do not take lorazepam in the 24 hours before your session.");
                }

                if (withHistory)
                {
                    var dosingFrom = course.History.Single(h => h.To == CoursePhase.Dosing).AtUtc;
                    DemoHistory.AddFinishedSeries(db, course, patient, db.DosePlans.Local.Single(d => d.CourseId == course.Id), p.Np, p.Therapist,
                        dosingFrom.Date.AddDays(1).AddHours(14), now);
                }
            }

            await db.SaveChangesAsync(cancellationToken);

            // A few upcoming sessions so the calendar and the reminders have something to show.
            var sessions = p.Phase switch
            {
                CoursePhase.Preparation => new[] { (AppointmentKind.Preparation, 2, new TimeOnly(10, 0), 60) },
                // Marcus (a demo login) has one of every kind ahead, so the portal shows every set of instructions.
                CoursePhase.Dosing => [(AppointmentKind.Dosing, 1, new TimeOnly(9, 0), 120), (AppointmentKind.Integration, 2, new TimeOnly(14, 0), 60),
                    (AppointmentKind.Consultation, 3, new TimeOnly(11, 0), 30), (AppointmentKind.Preparation, 3, new TimeOnly(15, 0), 50),
                    (AppointmentKind.Dosing, 4, new TimeOnly(9, 0), 120), (AppointmentKind.Integration, 5, new TimeOnly(14, 0), 60),
                    (AppointmentKind.MedicalClearance, 6, new TimeOnly(12, 0), 30), (AppointmentKind.FollowUp, 35, new TimeOnly(10, 0), 30)],
                CoursePhase.Integration => [(AppointmentKind.Integration, 1, new TimeOnly(15, 0), 60)],
                CoursePhase.Screening => [(AppointmentKind.Consultation, 3, new TimeOnly(11, 0), 60)],
                _ => [],
            };
            foreach (var (kind, inDays, time, minutes) in sessions)
            {
                var start = WallClock.ToUtc(today.AddDays(inDays).ToDateTime(time), clinicZone);
                var clinician = kind.NeedsPrescriber() ? p.Np : p.Therapist;
                var appointment = new Appointment(course.Id, patient.Id, kind, start, start.AddMinutes(minutes), clinician, null,
                    kind == AppointmentKind.Dosing ? rooms[0].Id : null, null, gateNotMet: false, p.Therapist, now);
                db.Appointments.Add(appointment);
                await scheduler.PlanForAppointmentAsync(db, appointment, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new DemoLogins(Password, [Admin, TherapistMorgan, TherapistSam, NpJordan, NpTaylor, PatientRiley, PatientMarcus]);
    }

    /// <summary>The demo clinic's ketamine stock, received a month ago: racemic vials for IV/IM and esketamine devices.</summary>
    public const string DemoRacemicLot = "KET-DEMO-0426";
    public const string DemoEsketamineLot = "ESK-DEMO-0811";

    private static void AddStock(KapDbContext db, Guid receivedBy, DateTime now)
    {
        var lots = new[]
        {
            StockLot.Receive(Substance.RacemicKetamine, DosageForm.InjectableSolution, 50m, 10m, 10, DemoRacemicLot, DateOnly.FromDateTime(now.AddYears(2)),
                "Demo Pharma Supply", "100 Example Way, Newark, NJ 07102", "AB1234563", now.AddDays(-30), receivedBy),
            StockLot.Receive(Substance.Esketamine, DosageForm.NasalSpray, 140m, 0.2m, 24, DemoEsketamineLot, DateOnly.FromDateTime(now.AddYears(1)),
                "Demo Pharma Supply", "100 Example Way, Newark, NJ 07102", "AB1234563", now.AddDays(-30), receivedBy),
        };
        var entries = new List<LedgerEntry>();
        foreach (var outcome in lots)
        {
            var lot = outcome.Value ?? throw new InvalidOperationException(string.Join(" ", outcome.Problems));
            db.StockLots.Add(lot);
            var receipt = LedgerEntry.Receive(lot, entries).Value!;
            entries.Add(receipt);
            db.LedgerEntries.Add(receipt);
        }
    }

    private const string ConsentText =
        "This demo text stands in for the clinic's own consent document. It explains what ketamine-assisted psychotherapy is, " +
        "how dosing sessions are run and monitored, the common and rare side effects, what you must not do afterwards " +
        "(no driving until the next day after sleep; no alcohol for 24 hours), that you may stop at any time, and how to reach the clinic.";

    /// <summary>
    /// What a course in or past Preparation has on record. Riley (Preparation) lacks only the NP's signed
    /// clearance, so the demo can show the last gate item being met.
    /// </summary>
    private static void AddPreparationRecords(KapDbContext db, Course course, Patient patient, ConsentDocument consent, Guid np, Guid therapist, string legalName,
        DateTime at, bool signClearance)
    {
        var signature = new ConsentSignature(course.Id, patient.Id, consent.Id, consent.VersionNumber, legalName, at);
        signature.Countersign(therapist, at);
        db.ConsentSignatures.Add(signature);
        db.PreparationNotes.Add(new PreparationNote(course.Id, null, "To feel connected to the people I love again.", "Set and setting discussed; music chosen.", therapist, at));
        foreach (var (instrument, answers) in new (Instrument, int?[])[]
        {
            (Instrument.Phq9, [2, 2, 2, 1, 2, 1, 2, 1, 0]),
            (Instrument.Gad7, [2, 1, 2, 1, 1, 1, 1]),
            (Instrument.CssrsScreener, [0, 0, null, null, null, 0, null]),
        })
        {
            db.MeasureRecords.Add(new MeasureRecord(course.Id, patient.Id, MeasureScoring.Score(instrument, answers), answers, therapist, at));
        }

        if (signClearance)
        {
            var clearance = new MedicalClearance(course.Id, np, np, at);
            clearance.RecordVitals(new ClearanceVitals(126, 80, 70, 74.5m, 172m), at);
            clearance.RecordCardiacVascularHistory("No cardiac or vascular history.");
            clearance.RecordAllergies("None known");
            clearance.RecordPregnancyStatus(PregnancyStatus.NotApplicable);
            clearance.RecordMedications([new ClearanceMedication("Sertraline", "100 mg daily", MedicationInteraction.None)]);
            clearance.Sign(np, isNursePractitioner: true, at.AddHours(1));
            db.MedicalClearances.Add(clearance);
            db.DosePlans.Add(new DosePlan(course.Id, np, Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.5m, 40, np, at.AddHours(1)));
        }
    }

    private static void Walk(Course course, CoursePhase target, DateTime start, Guid by, int dosingDays = 7)
    {
        // Demo courses past Preparation stand for preparation completed before Kap held the records.
        var ready = new DosingReadiness(true, true, true, true, true);
        var at = start;
        var path = target == CoursePhase.OnHold ? CoursePhase.Preparation : target;
        while (course.Phase != path && CourseStateMachine.NextOnPath(course.Phase) is { } next)
        {
            at = at.AddDays(course.Phase == CoursePhase.Dosing ? dosingDays : 7);
            course.TransitionTo(next, at, by, readiness: ready);
        }

        if (target == CoursePhase.OnHold)
        {
            course.TransitionTo(CoursePhase.OnHold, at.AddDays(3), by, "Patient travelling for work; resuming next month.");
        }
    }

    private static async Task<Guid> CreateUserAsync(UserManager<KapUser> users, DemoLogin login, Guid? patientId)
    {
        var user = new KapUser
        {
            UserName = login.Email,
            Email = login.Email,
            EmailConfirmed = true,
            DisplayName = login.Name,
            PatientId = patientId,
        };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, login.Role));
        return user.Id;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
