using System.Text;
using System.Text.RegularExpressions;
using Kap.Application.Common.Security;
using Kap.Application.Features.Portal.CalendarFeed;
using Kap.Application.Features.Scheduling.CancelAppointment;
using Kap.Application.Features.Scheduling.RescheduleAppointment;
using Kap.Application.Tests.Features.Scheduling;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Patients;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using IcalCalendar = Ical.Net.Calendar;

namespace Kap.Application.Tests.Features.Portal;

/// <summary>
/// The feed's RFC 5545 text, read back by Ical.Net's parser (not ours, even though Ical.Net also writes it) and
/// checked on the raw text: local times in the patient's own zone across DST changes, UID and DTSTAMP, CRLF, folding
/// at 75 octets, TEXT escaping, wording without clinical detail, which appointments are listed, SEQUENCE.
/// The clock stands at Tuesday 24 November 2026, 15:00Z; past appointments are listed from 25 October 15:00Z.
/// </summary>
public sealed partial class CalendarFeedIcsTests : SchedulingTest
{
    private const string ClinicName = "Kap Clinic";

    private static DateTime Now => KapTestApp.Now.UtcDateTime;

    /// <summary>Registers a patient in <paramref name="zone"/> with a course, makes their feed, and returns (patient, course, token).</summary>
    private static async Task<(Guid Patient, Guid Course, string Token)> PatientWithFeedAsync(KapTestApp app, Clinic clinic, string name, string zone)
    {
        clinic.AsTherapistA();
        var registered = await app.SendAsync(Clinic.ValidPatient(name) with { TimeZone = zone });
        Assert.True(registered.IsSuccess, registered.Error?.Message);
        var course = await clinic.OpenCourseAsync(registered.Value, clinic.TherapistA, clinic.NpA);
        await using (var db = app.Db())
        {
            var user = await db.Patients.Where(p => p.Id == registered.Value).Select(p => p.UserId!.Value).SingleAsync();
            app.SignInAs(user, KapRoles.Patient);
        }

        var created = await app.SendAsync(new CreateMyCalendarFeedCommand());
        Assert.True(created.IsSuccess, created.Error?.Message);
        clinic.AsTherapistA();
        return (registered.Value, course, created.Value.Token);
    }

    private static async Task<Guid> AddAsync(KapTestApp app, Clinic clinic, Guid course, Guid patient, AppointmentKind kind, DateTime startUtc, int minutes = 60,
        string? location = null, Guid? room = null, Func<Appointment, bool>? then = null)
    {
        await using var db = app.Db();
        var appointment = new Appointment(course, patient, kind, startUtc, startUtc.AddMinutes(minutes), clinic.TherapistA, null, room, location, false,
            clinic.TherapistA, Now.AddDays(-60));
        if (then is not null)
        {
            Assert.True(then(appointment));
        }

        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    private static async Task<string> ReadAsync(KapTestApp app, string token)
    {
        app.SignOut();
        var result = await app.SendAsync(new GetCalendarFeedIcsQuery(token));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static IcalCalendar Parse(string ics) => IcalCalendar.Load(ics) ?? throw new InvalidOperationException("Ical.Net could not parse the feed.");

    /// <summary>The unfolded content lines (RFC 5545 §3.1: a CRLF followed by one space or tab continues the line).</summary>
    private static List<string> Unfolded(string ics) => [.. ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal)
        .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The content lines of the VEVENT whose UID is for <paramref name="appointment"/>.</summary>
    private static List<string> EventLines(string ics, Guid appointment)
    {
        var events = Unfolded(ics).Aggregate(new List<List<string>>(), (all, line) =>
        {
            if (line == "BEGIN:VEVENT")
            {
                all.Add([]);
            }
            else if (all.Count > 0 && line != "END:VEVENT")
            {
                all[^1].Add(line);
            }

            return all;
        });
        return Assert.Single(events, e => e.Contains($"UID:{appointment:D}@{CalendarFeedWording.UidDomain}"));
    }

    [Fact]
    public async Task A_patient_in_London_sees_London_times_across_both_zones_DST_changes_while_the_clinic_is_in_New_York()
    {
        var (patient, course, token) = await PatientWithFeedAsync(_app, _clinic, "Lena London", "Europe/London");
        // 14:00 in London every time. New York changes on 1 November 2026 (EDT → EST) and 14 March 2027; London on 28 March 2027.
        var cases = new (Guid Id, DateTime Utc)[]
        {
            (await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Utc(2026, 10, 29, 14)), Utc(2026, 10, 29, 14)), // GMT, New York EDT
            (await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Utc(2026, 11, 5, 14)), Utc(2026, 11, 5, 14)), // GMT, New York EST
            (await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Utc(2027, 3, 25, 14)), Utc(2027, 3, 25, 14)), // GMT, New York EDT
            (await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Utc(2027, 3, 30, 13)), Utc(2027, 3, 30, 13)), // BST
        };

        var ics = await ReadAsync(_app, token);

        var calendar = Parse(ics);
        foreach (var (id, utc) in cases)
        {
            var parsed = Assert.Single(calendar.Events, e => e.Uid == $"{id:D}@{CalendarFeedWording.UidDomain}");
            Assert.Equal("Europe/London", parsed.DtStart!.TzId);
            Assert.Equal(14, parsed.DtStart.Hour);
            Assert.Equal(utc, parsed.DtStart.AsUtc);
            Assert.Equal(utc.AddHours(1), parsed.DtEnd!.AsUtc);
            var lines = EventLines(ics, id);
            Assert.Contains($"DTSTART;TZID=Europe/London:{utc:yyyyMMdd}T140000", lines);
            Assert.Contains($"DTEND;TZID=Europe/London:{utc:yyyyMMdd}T150000", lines);
        }

        // One VTIMEZONE, for the zone the events name, with both of London's rules.
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/London", zone.TzId);
        var text = Unfolded(ics);
        Assert.Contains("TZID:Europe/London", text);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", text);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", text);
        Assert.Contains("TZOFFSETTO:+0100", text);
        Assert.Contains("TZOFFSETTO:+0000", text);
        Assert.DoesNotContain(text, l => l.Contains("America/New_York", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patient_in_New_York_sees_New_York_times_across_the_1_November_change_while_the_clinic_is_in_London()
    {
        await using var app = await KapTestApp.CreateAsync(new() { ["Clinic:TimeZone"] = "Europe/London" });
        var clinic = await Clinic.CreateAsync(app);
        var (patient, course, token) = await PatientWithFeedAsync(app, clinic, "Nate NewYork", "America/New_York");
        // 10:00 in New York every time: EDT (UTC-4) before 1 November 2026 and after 14 March 2027, EST (UTC-5) between.
        var before = await AddAsync(app, clinic, course, patient, AppointmentKind.Preparation, Utc(2026, 10, 29, 14));
        var after = await AddAsync(app, clinic, course, patient, AppointmentKind.Preparation, Utc(2026, 11, 5, 15));
        var spring = await AddAsync(app, clinic, course, patient, AppointmentKind.Preparation, Utc(2027, 3, 16, 14));

        var ics = await ReadAsync(app, token);

        var calendar = Parse(ics);
        foreach (var (id, utc) in new[] { (before, Utc(2026, 10, 29, 14)), (after, Utc(2026, 11, 5, 15)), (spring, Utc(2027, 3, 16, 14)) })
        {
            var parsed = Assert.Single(calendar.Events, e => e.Uid == $"{id:D}@{CalendarFeedWording.UidDomain}");
            Assert.Equal("America/New_York", parsed.DtStart!.TzId);
            Assert.Equal((10, 0), (parsed.DtStart.Hour, parsed.DtStart.Minute));
            Assert.Equal(utc, parsed.DtStart.AsUtc);
            Assert.Contains($"DTSTART;TZID=America/New_York:{utc:yyyyMMdd}T100000", EventLines(ics, id));
        }

        Assert.Equal("America/New_York", Assert.Single(calendar.TimeZones).TzId);
        var text = Unfolded(ics);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", text);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", text);
        Assert.Contains("TZOFFSETTO:-0500", text);
        Assert.Contains("TZOFFSETTO:-0400", text);
        Assert.Contains("X-WR-CALNAME:Kap Clinic", text);
    }

    [Fact]
    public async Task The_calendar_has_the_headers_and_each_event_a_stable_UID_a_DTSTAMP_and_no_clinical_detail()
    {
        var (patient, course, token) = await PatientWithFeedAsync(_app, _clinic, "Uma Uid", "America/Chicago");
        var room = await AddRoomAsync("Sage room");
        var dosing = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Dosing, Utc(2026, 12, 1, 18), 120, room: room);
        var integration = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Utc(2026, 12, 2, 18), location: "https://video.example/room/42");
        var consultation = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Consultation, Utc(2026, 12, 3, 18));

        var ics = await ReadAsync(_app, token);
        var again = await ReadAsync(_app, token);

        var text = Unfolded(ics);
        Assert.Equal("BEGIN:VCALENDAR", text[0]);
        Assert.Equal("END:VCALENDAR", text[^1]);
        foreach (var header in new[] { "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Kap Clinic", "REFRESH-INTERVAL;VALUE=DURATION:PT1H" })
        {
            Assert.Contains(header, text);
        }

        Assert.Contains(text, l => l.StartsWith("PRODID:-//Kap//", StringComparison.Ordinal));
        Assert.Equal(ics, again); // stable: same UIDs, same DTSTAMP (the clock did not move), same order

        var expected = new (Guid Id, string Summary, string Location)[]
        {
            (dosing, "Appointment — Kap Clinic", "Sage room\\, Kap Clinic"),
            (integration, "Integration session — Kap Clinic", "https://video.example/room/42"),
            (consultation, "Consultation — Kap Clinic", "Kap Clinic"),
        };
        foreach (var (id, summary, location) in expected)
        {
            var lines = EventLines(ics, id);
            Assert.Contains($"UID:{id:D}@appointments.kap", lines);
            Assert.Contains("DTSTAMP:20261124T150000Z", lines);
            Assert.Contains($"SUMMARY:{summary}", lines);
            Assert.Contains($"LOCATION:{location}", lines);
            Assert.Contains("STATUS:CONFIRMED", lines);
            Assert.Contains("CLASS:PRIVATE", lines);
            Assert.Contains("SEQUENCE:0", lines);
        }

        var parsed = Parse(ics);
        Assert.Equal(3, parsed.Events.Count);
        Assert.All(parsed.Events, e => Assert.Equal(Now, e.DtStamp!.AsUtc));
        Assert.Equal("Sage room, Kap Clinic", Assert.Single(parsed.Events, e => e.Uid!.StartsWith(dosing.ToString(), StringComparison.Ordinal)).Location);
        Assert.Equal(Utc(2026, 12, 1, 20), Assert.Single(parsed.Events, e => e.Uid!.StartsWith(dosing.ToString(), StringComparison.Ordinal)).DtEnd!.AsUtc);

        // Nothing says what a session is about beyond its kind.
        foreach (var word in new[] { "Dosing", "dosing", "ketamine", "Ketamine", "Depression", "Uma", "Therapist" })
        {
            Assert.DoesNotContain(word, ics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_line_ends_in_CRLF_and_is_at_most_75_octets_and_TEXT_values_are_escaped_and_round_trip()
    {
        var (patient, course, token) = await PatientWithFeedAsync(_app, _clinic, "Fola Fold", "America/Chicago");
        const string location = "Suite 4, 1200 Rue de l'Hôpital; entrée côté jardin — sonnez deux fois\nBack door \\ ramp, 2nd floor; ask at desk 🙂 ñ ü ß 東京";
        var id = await AddAsync(_app, _clinic, course, patient, AppointmentKind.FollowUp, Utc(2026, 12, 4, 16), location: location);

        var ics = await ReadAsync(_app, token);

        // CRLF everywhere: no bare LF, no bare CR, and the text ends with a line break.
        Assert.DoesNotMatch(BareLineFeed(), ics);
        Assert.DoesNotMatch(BareCarriageReturn(), ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        var physical = ics[..^2].Split("\r\n");
        Assert.All(physical, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, 75));
        Assert.Contains(physical, line => line.StartsWith(' ')); // the location was long enough to be folded
        // Folding never splits a UTF-8 sequence: each physical line is valid UTF-8 on its own.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var bytes = Encoding.UTF8.GetBytes(ics);
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                strict.GetString(bytes, start, i - start);
                start = i + 2;
            }
        }

        // Escaped on the wire (RFC 5545 §3.3.11), and read back exactly.
        var raw = Assert.Single(EventLines(ics, id), l => l.StartsWith("LOCATION:", StringComparison.Ordinal));
        Assert.Equal(
            "LOCATION:Suite 4\\, 1200 Rue de l'Hôpital\\; entrée côté jardin — sonnez deux fois\\nBack door \\\\ ramp\\, 2nd floor\\; ask at desk 🙂 ñ ü ß 東京",
            raw);
        Assert.Equal(location, Assert.Single(Parse(ics).Events).Location);
    }

    [Fact]
    public async Task The_feed_lists_upcoming_and_the_last_30_days_but_not_cancelled_or_older_appointments_or_another_patients()
    {
        var (patient, course, token) = await PatientWithFeedAsync(_app, _clinic, "Lia List", "America/Chicago");
        var (other, otherCourse, _) = await PatientWithFeedAsync(_app, _clinic, "Oli Other", "America/Chicago");
        var upcoming = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Utc(2026, 12, 10, 16));
        var attended = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Utc(2026, 11, 10, 16),
            then: a => a.RecordOutcome(AppointmentStatus.Attended, Now).IsSuccess);
        var noShow = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Now.AddDays(-29),
            then: a => a.RecordOutcome(AppointmentStatus.NoShow, Now).IsSuccess);
        var tooOld = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Integration, Now.AddDays(-31),
            then: a => a.RecordOutcome(AppointmentStatus.Attended, Now).IsSuccess);
        var cancelled = await AddAsync(_app, _clinic, course, patient, AppointmentKind.Dosing, Utc(2026, 12, 11, 16),
            then: a => a.Cancel("Patient unwell").IsSuccess);
        var someoneElse = await AddAsync(_app, _clinic, otherCourse, other, AppointmentKind.Integration, Utc(2026, 12, 12, 16));

        var ics = await ReadAsync(_app, token);

        var uids = Parse(ics).Events.Select(e => e.Uid!).ToHashSet();
        Assert.Equal(new[] { upcoming, attended, noShow }.Select(CalendarFeedWording.Uid).ToHashSet(), uids);
        foreach (var absent in new[] { tooOld, cancelled, someoneElse })
        {
            Assert.DoesNotContain(absent.ToString(), ics, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unwell", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_with_no_appointments_is_still_a_valid_calendar()
    {
        var (_, _, token) = await PatientWithFeedAsync(_app, _clinic, "Ned None", "America/Chicago");

        var ics = await ReadAsync(_app, token);

        var calendar = Parse(ics);
        Assert.Empty(calendar.Events);
        Assert.Empty(calendar.TimeZones);
        Assert.Contains("METHOD:PUBLISH\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SEQUENCE_counts_reschedules_and_a_cancelled_appointment_leaves_the_feed()
    {
        var (patient, course) = await PatientAsync("Seq Uence", ReminderChannel.Email, "America/Chicago");
        var moved = await BookDosingAsync(course);
        var kept = await BookOkAsync(course, AppointmentKind.Integration, DosingLocal.AddDays(1), _clinic.TherapistA);
        var dropped = await BookOkAsync(course, AppointmentKind.Integration, DosingLocal.AddDays(2), _clinic.TherapistA);
        var user = await PatientUserAsync(patient);
        _app.SignInAs(user, KapRoles.Patient);
        var token = (await _app.SendAsync(new CreateMyCalendarFeedCommand())).Value.Token;

        Assert.Contains("SEQUENCE:0", EventLines(await ReadAsync(_app, token), moved));

        _clinic.AsTherapistA();
        var first = await _app.SendAsync(new RescheduleAppointmentCommand(moved, (await AppointmentAsync(moved)).Version, DosingLocal.AddHours(1), null));
        Assert.True(first.IsSuccess, Describe(first.Error));
        var second = await _app.SendAsync(new RescheduleAppointmentCommand(moved, first.Value, DosingLocal.AddHours(2), null));
        Assert.True(second.IsSuccess, Describe(second.Error));
        // A refused move (stale version) is not a change.
        Assert.False((await _app.SendAsync(new RescheduleAppointmentCommand(moved, first.Value, DosingLocal.AddHours(3), null))).IsSuccess);
        var cancel = await _app.SendAsync(new CancelAppointmentCommand(dropped, (await AppointmentAsync(dropped)).Version, "Clinician unwell"));
        Assert.True(cancel.IsSuccess, Describe(cancel.Error));

        var ics = await ReadAsync(_app, token);

        var movedLines = EventLines(ics, moved);
        Assert.Contains("SEQUENCE:2", movedLines);
        Assert.Contains("DTSTART;TZID=America/Chicago:20261201T140000", movedLines); // 15:00 New York = 14:00 Chicago
        Assert.Contains("SEQUENCE:0", EventLines(ics, kept));
        Assert.DoesNotContain(dropped.ToString(), ics, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(Parse(ics).Events, e => e.Uid == CalendarFeedWording.Uid(moved)).Sequence);
    }

    [Theory]
    [InlineData(AppointmentKind.Dosing, "Appointment — Kap Clinic")]
    [InlineData(AppointmentKind.Consultation, "Consultation — Kap Clinic")]
    [InlineData(AppointmentKind.Preparation, "Preparation session — Kap Clinic")]
    [InlineData(AppointmentKind.MedicalClearance, "Medical clearance — Kap Clinic")]
    [InlineData(AppointmentKind.Integration, "Integration session — Kap Clinic")]
    [InlineData(AppointmentKind.FollowUp, "Follow-up — Kap Clinic")]
    public void Each_kind_has_its_plain_summary_and_dosing_is_just_an_appointment(AppointmentKind kind, string summary) =>
        Assert.Equal(summary, CalendarFeedWording.Summary(kind, ClinicName));

    [Theory]
    [InlineData("  12 Main St  ", "Sage room", "12 Main St")]
    [InlineData(null, "Sage room", "Sage room, Kap Clinic")]
    [InlineData(" ", null, "Kap Clinic")]
    public void The_location_is_the_given_place_else_the_room_at_the_clinic_else_the_clinic(string? location, string? room, string expected) =>
        Assert.Equal(expected, CalendarFeedWording.Location(location, room, ClinicName));

    [GeneratedRegex("(?<!\r)\n")]
    private static partial Regex BareLineFeed();

    [GeneratedRegex("\r(?!\n)")]
    private static partial Regex BareCarriageReturn();
}
