using System.Diagnostics;
using System.Globalization;
using Kap.Application.Common.Identity;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Kap.Application.Features.Scheduling.BookAppointment;
using Kap.Application.Features.Scheduling.RescheduleAppointment;
using Kap.Application.Features.Portal;
using Kap.Domain.Auditing;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Integration;
using Kap.Domain.Ledger;
using Kap.Domain.Measures;
using Kap.Domain.Patients;
using Kap.Domain.Portal;
using Kap.Domain.Preparation;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Kap.Infrastructure.Persistence;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kap.Benchmarks.Seed;

/// <summary>
/// A large clinic for the benchmarks: the app's own start-up (migrations, roles, the demo clinic with its known staff
/// logins), then N patients, each with a login (password <see cref="DemoData.Password"/>), a course whose phase follows
/// from where "now" falls in its ~20 appointments (past ones attended, no-show or cancelled; future ones booked), the
/// reminders the app's planner gives each appointment (past ones sent), PHQ-9/GAD-7 scores, and for each dose given a
/// dosing session with vitals, sedation, the administration and its ledger entry. Half the patients have a calendar
/// feed; the feed tokens go to a file beside the database (only their SHA-256 is stored, as the app stores them).
/// Entities are built through the domain's constructors and rules; rows are written by <see cref="BulkInserter"/>.
/// </summary>
public static class ClinicSeeder
{
    public const string PatientEmailDomain = "bench.kap.example";

    public static string PatientEmail(int i) => $"patient{i:D6}@{PatientEmailDomain}";

    public static string TokensFile(string dbPath) => dbPath + ".feeds.tsv";

    private static readonly string[] Zones = ["America/New_York", "America/New_York", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"];
    private static readonly string[] FirstNames = ["Alex", "Jordan", "Sam", "Riley", "Casey", "Morgan", "Taylor", "Jamie", "Avery", "Quinn", "Drew", "Robin", "Kai", "Noor", "Mina", "Luis"];
    private static readonly string[] LastNames = ["Nguyen", "Smith", "Garcia", "Okafor", "Kowalski", "Haddad", "Ito", "Brown", "Novak", "Singh", "Reyes", "Murphy", "Cohen", "Silva"];

    /// <summary>One course's appointments in order: day offset from the first consultation, kind, local time, minutes.</summary>
    private static readonly (int Day, AppointmentKind Kind, int Hour, int Minutes)[] Timeline =
    [
        (0, AppointmentKind.Consultation, 10, 60),
        (7, AppointmentKind.Preparation, 11, 60),
        (14, AppointmentKind.Preparation, 11, 60),
        (17, AppointmentKind.MedicalClearance, 9, 45),
        (21, AppointmentKind.Dosing, 9, 120), (22, AppointmentKind.Integration, 14, 60),
        (24, AppointmentKind.Dosing, 9, 120), (25, AppointmentKind.Integration, 14, 60),
        (28, AppointmentKind.Dosing, 9, 120), (29, AppointmentKind.Integration, 14, 60),
        (31, AppointmentKind.Dosing, 9, 120), (32, AppointmentKind.Integration, 14, 60),
        (35, AppointmentKind.Dosing, 9, 120), (36, AppointmentKind.Integration, 14, 60),
        (38, AppointmentKind.Dosing, 9, 120), (39, AppointmentKind.Integration, 14, 60),
        (46, AppointmentKind.Integration, 15, 60),
        (53, AppointmentKind.Integration, 15, 60),
        (90, AppointmentKind.FollowUp, 10, 30),
        (150, AppointmentKind.FollowUp, 10, 30),
    ];

    public sealed record Result(int Patients, long Rows, TimeSpan Elapsed, string TokensFile);

    public static async Task<Result> SeedAsync(string dbPath, int patientCount, int randomSeed = 42)
    {
        var total = Stopwatch.StartNew();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".feeds.tsv" })
        {
            File.Delete(dbPath + suffix);
        }

        // 1. The app's own start-up on the empty file: migrations, roles, and the demo clinic (its staff logins, rooms, stock).
        await using (var sp = KapServices.Build(dbPath, seedDemoData: true))
        {
            await DatabaseInitializer.InitializeAsync(sp);
        }

        Console.WriteLine($"  migrated and demo clinic created in {total.Elapsed.TotalSeconds:F1} s");

        using var model = KapServices.Model(dbPath);
        var now = DateTime.UtcNow;
        var random = new Random(randomSeed);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        await connection.OpenAsync();
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");

        var roles = new Dictionary<string, Guid>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT Name, Id FROM AspNetRoles";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                roles[reader.GetString(0)] = Guid.Parse(reader.GetString(1));
            }
        }

        var clinicZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var reminderSettings = new ReminderOptions { FollowUpMonthsAfterCourse = [1, 3] }.ToSettings();
        var passwordHash = new PasswordHasher<KapUser>().HashPassword(new KapUser(), DemoData.Password);

        using var bulk = new BulkInserter(connection, model.Value);
        var transaction = connection.BeginTransaction();
        bulk.Begin(transaction);
        var audit = new List<AuditEntry>(patientCount * 25);

        // 2. Staff: a therapist per 50 patients and a prescribing NP per 100, all with the demo password.
        var therapists = new List<(Guid Id, string Name)>();
        var nps = new List<(Guid Id, string Name)>();
        for (var i = 0; i < Math.Max(2, patientCount / 50); i++)
        {
            therapists.Add(AddStaff(bulk, roles[KapRoles.Therapist], $"therapist{i:D4}@{PatientEmailDomain}", $"Dr {Name(random)}", passwordHash));
        }

        for (var i = 0; i < Math.Max(2, patientCount / 100); i++)
        {
            nps.Add(AddStaff(bulk, roles[KapRoles.NursePractitioner], $"np{i:D4}@{PatientEmailDomain}", $"{Name(random)}, PMHNP", passwordHash));
        }

        // Rooms for dosing sessions, and stock: a large lot per ~1,000 doses.
        var rooms = new List<Room>();
        for (var i = 0; i < Math.Max(2, patientCount / 500); i++)
        {
            var room = new Room($"Bench room {i + 1:D3}");
            rooms.Add(room);
            bulk.Insert(room);
        }

        var lots = new Lots(bulk, nps[0].Id, now);
        var settings = DosingSessionSettings.Default;
        var newAppointmentCount = 0;
        using var tokens = new StreamWriter(TokensFile(dbPath));
        var bookAction = AuditWriter.ActionName(typeof(BookAppointmentCommand));
        var rescheduleAction = AuditWriter.ActionName(typeof(RescheduleAppointmentCommand));
        var portalReadAction = AuditWriter.ActionName(typeof(GetMyAppointmentsQuery));

        // 3. Patients, in transactions of 500.
        for (var i = 0; i < patientCount; i++)
        {
            if (i > 0 && i % 500 == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                bulk.Begin(transaction);
                if (i % 5000 == 0)
                {
                    Console.WriteLine($"  {i:N0} patients, {bulk.Rows:N0} rows, {total.Elapsed.TotalSeconds:F1} s");
                }
            }

            var therapist = therapists[random.Next(therapists.Count)];
            var np = nps[random.Next(nps.Count)];
            var zoneId = Zones[random.Next(Zones.Length)];
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var email = PatientEmail(i);
            var (first, last) = (FirstNames[random.Next(FirstNames.Length)], LastNames[random.Next(LastNames.Length)]);
            var legal = $"{first} {last} {i:D6}";
            var channel = random.Next(10) switch { < 7 => ReminderChannel.Email, < 9 => ReminderChannel.InApp, _ => ReminderChannel.Sms };

            // Where "now" falls in the course: from 10 days before its consultation to 100 days after.
            var firstDay = DateOnly.FromDateTime(WallClock.ToLocal(now, clinicZone)).AddDays(-random.Next(-10, 101));
            DateTime At(int day, int hour) => WallClock.ToUtc(firstDay.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), clinicZone);
            var registered = At(-14, 9);

            var user = new KapUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                DisplayName = first,
                PasswordHash = passwordHash,
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
            };
            var patient = new Patient(legal, random.Next(4) == 0 ? first : null, new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28)), email,
                "+1 555 01" + (i % 100_000).ToString("D5", CultureInfo.InvariantCulture), channel, zoneId,
                new SupportPerson { Name = "Support for " + first, Relationship = "Partner", Phone = "+1 555 020 0000" }, therapist.Id, registered)
            {
                UserId = user.Id,
            };
            user.PatientId = patient.Id;
            bulk.Insert(user);
            bulk.Insert(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[KapRoles.Patient] });
            bulk.Insert(patient);
            audit.Add(Audit(registered, therapist, "RegisterPatient", nameof(Patient), patient.Id, patient.Id));

            var course = new Course(patient.Id, therapist.Id, np.Id, Indication.TreatmentResistantDepression, CoursePlan.Default, registered.AddHours(1), therapist.Id);
            var ready = new DosingReadiness(true, true, true, true, true);
            foreach (var (day, to) in new[] { (0, CoursePhase.Screening), (7, CoursePhase.Preparation), (21, CoursePhase.Dosing), (40, CoursePhase.Integration), (60, CoursePhase.Completed) })
            {
                if (At(day, 18) > now)
                {
                    break;
                }

                Check(course.TransitionTo(to, At(day, 18), therapist.Id, readiness: ready));
            }

            // A few courses are paused or stopped part-way; their future appointments are cancelled.
            var interrupted = course.Phase is CoursePhase.Preparation or CoursePhase.Dosing or CoursePhase.Integration && random.Next(100) < 7;
            if (interrupted)
            {
                var stop = random.Next(3) == 0 ? CoursePhase.Discontinued : CoursePhase.OnHold;
                Check(course.TransitionTo(stop, now.AddDays(-2), therapist.Id, stop == CoursePhase.OnHold ? "Travelling for work." : "Moved away."));
            }

            bulk.Insert(course);
            foreach (var change in course.History)
            {
                bulk.Insert(change, ("CourseId", course.Id));
            }

            audit.Add(Audit(registered.AddHours(1), therapist, "OpenCourse", nameof(Course), course.Id, patient.Id));

            // Preparation: a signed clearance and an IV dose plan from day 17.
            var weight = 55m + random.Next(56);
            DosePlan? plan = null;
            if (At(17, 10) <= now)
            {
                var clearance = new MedicalClearance(course.Id, np.Id, np.Id, At(17, 9));
                clearance.RecordVitals(new ClearanceVitals(120 + random.Next(15), 75 + random.Next(10), 60 + random.Next(25), weight, 150m + random.Next(45)), At(17, 9));
                clearance.RecordCardiacVascularHistory("No cardiac or vascular history.");
                clearance.RecordAllergies("None known");
                clearance.RecordPregnancyStatus(PregnancyStatus.NotApplicable);
                clearance.Sign(np.Id, isNursePractitioner: true, At(17, 10));
                bulk.Insert(clearance);
                plan = new DosePlan(course.Id, np.Id, Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.5m, 40, np.Id, At(17, 10));
                bulk.Insert(plan);
            }

            // Scores: PHQ-9 and GAD-7 at the consultation, before dosing, after doses 3 and 6, and at the end; a C-SSRS screen first.
            var baseline = 12 + random.Next(12);
            var cssrs = new int?[] { 0, 0, null, null, null, 0, null };
            if (At(0, 11) <= now)
            {
                bulk.Insert(new MeasureRecord(course.Id, patient.Id, MeasureScoring.Score(Instrument.CssrsScreener, cssrs), cssrs, therapist.Id, At(0, 11)));
            }

            foreach (var (day, factor) in new[] { (0, 1.0), (14, 0.95), (29, 0.75), (39, 0.6), (53, 0.5) })
            {
                if (At(day, 12) > now)
                {
                    break;
                }

                var phq = Answers(random, 9, (int)Math.Round(baseline * factor));
                var gad = Answers(random, 7, (int)Math.Round(baseline * 0.8 * factor));
                bulk.Insert(new MeasureRecord(course.Id, patient.Id, MeasureScoring.Score(Instrument.Phq9, phq), phq, therapist.Id, At(day, 12)));
                bulk.Insert(new MeasureRecord(course.Id, patient.Id, MeasureScoring.Score(Instrument.Gad7, gad), gad, therapist.Id, At(day, 12)));
            }

            // The appointments, with the reminders the planner gives each.
            var bookedAt = registered.AddHours(2);
            DateTime? lastDose = null;
            var doses = 0;
            Guid? lastSession = null;
            DateTime? lastSessionEnd = null;
            foreach (var (day, kind, hour, minutes) in Timeline)
            {
                var start = At(day, hour);
                var end = start.AddMinutes(minutes);
                var clinician = kind.NeedsPrescriber() ? np : therapist;
                var appointment = new Appointment(course.Id, patient.Id, kind, start, end, clinician.Id, null,
                    kind == AppointmentKind.Dosing ? rooms[random.Next(rooms.Count)].Id : null, null, gateNotMet: false, therapist.Id, bookedAt);
                newAppointmentCount++;
                var past = end <= now;
                if (past)
                {
                    var roll = random.Next(100);
                    if (roll < 3 || (kind == AppointmentKind.Dosing && plan is null))
                    {
                        Check(appointment.Cancel("Patient unwell."));
                    }
                    else
                    {
                        Check(appointment.RecordOutcome(roll < 7 ? AppointmentStatus.NoShow : AppointmentStatus.Attended, end));
                    }
                }
                else if (interrupted || course.Phase is CoursePhase.OnHold or CoursePhase.Discontinued)
                {
                    Check(appointment.Cancel(course.Phase == CoursePhase.OnHold ? "Course on hold." : "Course discontinued."));
                }

                bulk.Insert(appointment);
                audit.Add(Audit(bookedAt, therapist, bookAction, nameof(Appointment), appointment.Id, patient.Id));
                if (random.Next(10) == 0)
                {
                    audit.Add(Audit(bookedAt.AddDays(1), therapist, rescheduleAction, nameof(Appointment), appointment.Id, patient.Id));
                }

                if (appointment.Status != AppointmentStatus.Cancelled)
                {
                    var planned = ReminderPlanner.ForAppointment(kind, start, end, zone, reminderSettings, bookedAt);
                    AddReminders(bulk, planned, patient, user.Id, channel, therapist.Id, np.Id, appointment.Id, course.Id, bookedAt, now);
                }

                if (kind == AppointmentKind.Dosing && appointment.Status == AppointmentStatus.Attended && plan is not null)
                {
                    doses++;
                    (lastSession, lastSessionEnd) = GiveDose(bulk, lots, course, patient, appointment, plan, np.Id, weight, start, lastDose, settings, random);
                    lastDose = start;
                }
                else if (kind == AppointmentKind.Integration && appointment.Status == AppointmentStatus.Attended && lastSession is { } session)
                {
                    var (note, _) = IntegrationNote.Create(course.Id, session, appointment.Id, start, "Calm session; felt connected.", "Less self-criticism.",
                        "connection, calm", "Morning breathing practice", IntegrationRiskCheck.NoConcerns, null, therapist.Id, end.AddMinutes(5), lastSessionEnd);
                    if (note is not null)
                    {
                        bulk.Insert(note);
                    }

                    lastSession = null;
                }
            }

            if (course.Phase == CoursePhase.Completed)
            {
                var completed = course.History.Last().AtUtc;
                AddReminders(bulk, ReminderPlanner.ForCourseCompletion(completed, zone, reminderSettings), patient, user.Id, channel, therapist.Id, np.Id, null, course.Id,
                    completed, now);
            }

            for (var r = 0; r < 1 + random.Next(3); r++)
            {
                audit.Add(Audit(now.AddDays(-random.Next(30)), null, portalReadAction, "PortalAppointments", null, patient.Id, user));
            }

            // Half the patients subscribe to their calendar feed.
            if (i % 2 == 0)
            {
                var (feed, token) = CalendarFeed.Create(patient.Id, now.AddDays(-random.Next(60)));
                bulk.Insert(feed);
                tokens.WriteLine($"{email}\t{token}");
            }
        }

        // 4. The audit trail, oldest first, sealed into the hash chain after what the demo clinic wrote.
        long? sequence;
        string? hash;
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = transaction;
            cmd.CommandText = "SELECT Sequence, Hash FROM AuditEntries WHERE Sequence IS NOT NULL ORDER BY Sequence DESC LIMIT 1";
            using var reader = cmd.ExecuteReader();
            (sequence, hash) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : ((long?)null, (string?)null);
        }

        foreach (var entry in audit.OrderBy(a => a.AtUtc))
        {
            entry.Seal(sequence, hash);
            (sequence, hash) = (entry.Sequence, entry.Hash);
            bulk.Insert(entry);
        }

        transaction.Commit();
        transaction.Dispose();
        Console.WriteLine($"  {patientCount:N0} patients, {newAppointmentCount:N0} appointments, {bulk.Rows:N0} rows written in {total.Elapsed.TotalSeconds:F1} s; analysing...");

        using (var fk = connection.CreateCommand())
        {
            fk.CommandText = "PRAGMA foreign_key_check";
            using var reader = fk.ExecuteReader();
            var violations = 0;
            while (reader.Read())
            {
                if (violations++ < 5)
                {
                    Console.WriteLine($"  foreign key violation: {reader.GetString(0)} row {reader.GetValue(1)} -> {reader.GetString(2)}");
                }
            }

            if (violations > 0)
            {
                throw new InvalidOperationException($"{violations} foreign key violations in the seeded data.");
            }
        }

        Exec(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        total.Stop();
        return new Result(patientCount, bulk.Rows, total.Elapsed, TokensFile(dbPath));
    }

    private static (Guid Id, string Name) AddStaff(BulkInserter bulk, Guid roleId, string email, string name, string passwordHash)
    {
        var user = new KapUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = name,
            PasswordHash = passwordHash,
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
        };
        bulk.Insert(user);
        bulk.Insert(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
        return (user.Id, name);
    }

    /// <summary>One row per recipient and channel, as ReminderScheduler does: the patient's in-app copy plus their channel; staff in-app.</summary>
    private static void AddReminders(BulkInserter bulk, IEnumerable<PlannedReminder> planned, Patient patient, Guid patientUser, ReminderChannel channel, Guid therapist,
        Guid np, Guid? appointmentId, Guid courseId, DateTime plannedAt, DateTime now)
    {
        foreach (var p in planned)
        {
            IEnumerable<(Guid User, ReminderChannel Channel)> recipients = p.Recipient switch
            {
                RecipientRole.Patient => channel == ReminderChannel.InApp ? [(patientUser, ReminderChannel.InApp)] : [(patientUser, ReminderChannel.InApp), (patientUser, channel)],
                RecipientRole.Therapist => [(therapist, ReminderChannel.InApp)],
                _ => [(np, ReminderChannel.InApp)],
            };
            foreach (var (user, ch) in recipients)
            {
                var reminder = new Reminder(p.Kind, p.Recipient, user, ch, p.DueUtc, p.ExpiresUtc, appointmentId, courseId, patient.Id, plannedAt);
                if (p.DueUtc <= now)
                {
                    var sentAt = p.DueUtc.AddSeconds(20);
                    reminder.MarkSent(sentAt);
                    if (ch == ReminderChannel.InApp && p.Recipient == RecipientRole.Patient && p.DueUtc > now.AddDays(-30))
                    {
                        var message = new InboxMessage(user, "A reminder from Kap Clinic", "You have an appointment coming up. See the portal for what to do before it.",
                            sentAt, reminder.Id);
                        if (p.DueUtc < now.AddDays(-3))
                        {
                            message.MarkRead(sentAt.AddHours(2));
                        }

                        bulk.Insert(message);
                    }
                }

                bulk.Insert(reminder);
            }
        }
    }

    private static (Guid Session, DateTime End) GiveDose(BulkInserter bulk, Lots lots, Course course, Patient patient, Appointment appointment, DosePlan plan, Guid np,
        decimal weight, DateTime start, DateTime? lastDose, DosingSessionSettings settings, Random random)
    {
        var lot = lots.Current;
        var dose = DoseCalculator.Compute(plan, weight, start.AddMinutes(-30), start, vialConcentrationMgPerMl: lot.Lot.StrengthMgPerMl);
        var systolic = 115 + random.Next(20);
        var checklist = new PreDoseChecklist(true, true, true, true, true, true, 5, false, systolic, 78, null, true, lastDose is { } l ? (start - l).TotalHours : null);
        var (session, result) = DosingSession.Start(course.Id, patient.Id, appointment.Id, np, plan, dose, weight, start.AddMinutes(-30), checklist, settings, np, start);
        if (session is null)
        {
            throw new InvalidOperationException("Dose refused: " + string.Join(" ", result.Problems));
        }

        var given = start.AddMinutes(5);
        var entry = lots.Administer(dose.Milligrams!.Value, given, np, patient.Id, course.Id, session.Id);
        var administration = new SessionAdministration(session.Id, lot.Lot.Id, entry.Id, Route.IntravenousInfusion, dose.Milligrams.Value, entry.QuantityMl, given, np,
            false, dose.Milligrams.Value, dose.Milligrams.Value / weight, dose.Arithmetic ?? "", null);
        var vitals = new[]
        {
            new VitalSigns(start, systolic, 78, 72, 98, 14),
            new VitalSigns(given.AddMinutes(15), systolic + 12, 84, 78, 97, 14),
            new VitalSigns(given.AddMinutes(40), systolic + 6, 82, 76, 98, 14),
            new VitalSigns(given.AddMinutes(100), systolic - 2, 78, 70, 98, 14),
        };
        session.EndInfusion(given.AddMinutes(40), given);
        var discharged = session.Discharge(new DischargeFacts(Route.IntravenousInfusion, given, given, given.AddMinutes(40), systolic, vitals, 5, 5, true, true, true, true),
            given.AddMinutes(105), settings, np, null);
        if (!discharged.IsSuccess)
        {
            throw new InvalidOperationException("Discharge refused: " + string.Join(" ", discharged.Problems));
        }

        bulk.Insert(session);
        bulk.Insert(administration);
        foreach (var (v, n) in vitals.Select((v, n) => (v, n)))
        {
            bulk.Insert(new SessionVitals(session.Id, Guid.NewGuid(), v, isPreDose: n == 0, np));
        }

        bulk.Insert(new SedationEntry(session.Id, Guid.NewGuid(), 5, 5, given.AddMinutes(100), np));
        return (session.Id, given.AddMinutes(105));
    }

    /// <summary>The clinic's racemic ketamine: lots of 100 × 10 mL at 50 mg/mL, a new one whenever the current one runs low.</summary>
    private sealed class Lots(BulkInserter bulk, Guid receivedBy, DateTime now)
    {
        private (StockLot Lot, List<LedgerEntry> Ledger, decimal Left)? _current;
        private int _count;

        public (StockLot Lot, List<LedgerEntry> Ledger, decimal Left) Current => _current is { Left: > 200m } c ? c : Receive();

        public LedgerEntry Administer(decimal mg, DateTime at, Guid by, Guid patientId, Guid courseId, Guid sessionId)
        {
            var (lot, ledger, left) = Current;
            var outcome = LedgerEntry.Administer(lot, ledger, mg, at, by, patientId, courseId, sessionId);
            var entry = outcome.Value ?? throw new InvalidOperationException(string.Join(" ", outcome.Problems));
            ledger.Add(entry);
            bulk.Insert(entry);
            _current = (lot, ledger, left - mg);
            return entry;
        }

        private (StockLot, List<LedgerEntry>, decimal) Receive()
        {
            _count++;
            var outcome = StockLot.Receive(Substance.RacemicKetamine, DosageForm.InjectableSolution, 50m, 10m, 100, $"KET-BENCH-{_count:D4}",
                DateOnly.FromDateTime(now.AddYears(2)), "Bench Pharma Supply", "100 Example Way, Newark, NJ 07102", "AB1234563", now.AddDays(-400), receivedBy);
            var lot = outcome.Value ?? throw new InvalidOperationException(string.Join(" ", outcome.Problems));
            bulk.Insert(lot);
            // The ledger checks a dose against the lot's balance by summing the lot's entries: one list per lot keeps that short.
            var ledger = new List<LedgerEntry>();
            var receipt = LedgerEntry.Receive(lot, ledger).Value!;
            ledger.Add(receipt);
            bulk.Insert(receipt);
            _current = (lot, ledger, lot.ReceivedMg);
            return _current.Value;
        }
    }

    private static AuditEntry Audit(DateTime at, (Guid Id, string Name)? staff, string action, string? entityType, Guid? entityId, Guid? patientId, KapUser? patientUser = null) =>
        patientUser is not null
            ? new AuditEntry(at, patientUser.Id, patientUser.UserName, KapRoles.Patient, action, entityType, entityId, patientId, true, "ok")
            : new AuditEntry(at, staff?.Id, staff?.Name, KapRoles.Therapist, action, entityType, entityId, patientId, true, "ok");

    /// <summary>Item answers (0–3) adding up to about <paramref name="target"/>.</summary>
    private static int?[] Answers(Random random, int items, int target)
    {
        var answers = new int?[items];
        var left = Math.Clamp(target, 0, items * 3);
        for (var k = 0; k < items; k++)
        {
            var share = Math.Min(3, (int)Math.Ceiling(left / (double)(items - k)) + random.Next(-1, 2));
            answers[k] = Math.Clamp(share, 0, Math.Min(3, left));
            left -= answers[k]!.Value;
        }

        return answers;
    }

    private static string Name(Random random) => $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";

    private static void Check(Kap.Domain.Common.DomainResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(string.Join(" ", result.Problems));
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
