using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Scheduling.RescheduleAppointment;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Feed = Kap.Domain.Portal.CalendarFeed;

namespace Kap.Application.Features.Portal.CalendarFeed;

/// <summary>
/// The iCalendar text behind <c>/calendar/{token}.ics</c>, read by calendar apps without a cookie: the token is the
/// credential. An unknown or revoked token is NotFound, and a string that cannot be a token is NotFound without a
/// database query. The read is audited with the patient (their appointments are health information).
/// </summary>
[RequiresPolicy(KapPolicies.Anonymous)]
public sealed record GetCalendarFeedIcsQuery(string Token) : IQuery<Result<string>>, IReadsHealthInformation
{
    // The token is a credential: never let it reach a log through the record's generated ToString.
    public override string ToString() => nameof(GetCalendarFeedIcsQuery);
}

public sealed class GetCalendarFeedIcsHandler(IOperationContext context, ICalendarWriter writer, IOptions<ClinicOptions> clinic, TimeProvider clock)
    : IQueryHandler<GetCalendarFeedIcsQuery, Result<string>>
{
    /// <summary>Past appointments stay in the feed this long, so "when was my last session" still has an answer.</summary>
    public static readonly TimeSpan PastWindow = TimeSpan.FromDays(30);

    /// <summary>A bound on the document's size; a course has a few dozen sessions.</summary>
    public const int MaxEvents = 500;

    private static readonly string RescheduleAction = AuditWriter.ActionName(typeof(RescheduleAppointmentCommand));

    public async ValueTask<Result<string>> Handle(GetCalendarFeedIcsQuery query, CancellationToken cancellationToken)
    {
        if (!Feed.LooksLikeToken(query.Token))
        {
            return NotFound();
        }

        var op = context.Current;
        var db = op.Db;
        var hash = Feed.Hash(query.Token);
        // The feed with its patient's time zone, and below the appointments with their rooms' names: one statement each.
        var found = await db.CalendarFeeds.AsNoTracking().Where(f => f.TokenHash == hash)
            .Select(f => new { Feed = f, TimeZone = db.Patients.Where(p => p.Id == f.PatientId).Select(p => p.TimeZone).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var feed = found.Feed;

        // Named even when revoked: the audit trail then shows that an old address is still being polled (a lost phone?).
        op.Subject(nameof(Kap.Domain.Portal.CalendarFeed), feed.Id, feed.PatientId);
        if (!feed.IsActive)
        {
            return NotFound();
        }

        var timeZone = found.TimeZone ?? throw new InvalidOperationException("The calendar feed's patient does not exist.");
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now - PastWindow;
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == feed.PatientId && a.Status != AppointmentStatus.Cancelled && a.StartUtc >= from)
            .OrderBy(a => a.StartUtc)
            .Take(MaxEvents)
            .Select(a => new { a.Id, a.Kind, a.StartUtc, a.EndUtc, a.Location, Room = db.Rooms.Where(r => r.Id == a.RoomId).Select(r => r.Name).FirstOrDefault(), a.BookedAtUtc })
            .ToListAsync(cancellationToken);

        var sequences = await SequencesAsync(db, feed.PatientId, appointments.Select(a => a.BookedAtUtc).DefaultIfEmpty(now).Min(), cancellationToken);

        var clinicName = clinic.Value.Name;
        var entries = appointments.Select(a => new CalendarEntry(
                CalendarFeedWording.Uid(a.Id),
                a.StartUtc,
                a.EndUtc,
                CalendarFeedWording.Summary(a.Kind, clinicName),
                CalendarFeedWording.Location(a.Location, a.Room, clinicName),
                sequences.GetValueOrDefault(a.Id)))
            .ToList();
        return writer.Write(new CalendarDocument(clinicName, timeZone, now, entries));
    }

    /// <summary>
    /// SEQUENCE per appointment: how many times it was rescheduled. Appointment's own Version is a GUID (a concurrency
    /// token, not ordered), so the count comes from the append-only audit trail, where every successful
    /// RescheduleAppointment names the appointment and its patient. It only ever grows, and it is the same on every
    /// fetch until the next move. Reschedules happen after booking, so the audit range starts at the earliest booking.
    /// </summary>
    private static async Task<Dictionary<Guid, int>> SequencesAsync(IKapDbContext db, Guid patientId, DateTime since, CancellationToken cancellationToken)
    {
        var counts = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.AtUtc >= since && a.Action == RescheduleAction && a.Success
                && a.EntityType == nameof(Appointment) && a.EntityId != null)
            .GroupBy(a => a.EntityId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Id, c => c.Count);
    }

    // One answer for "no such address", "turned off" and "not even a token": nothing tells them apart.
    private static Error NotFound() => Error.NotFound("The calendar");
}

/// <summary>What a calendar entry says: when and where, and no clinical detail beyond the kind of session and the clinic.</summary>
public static class CalendarFeedWording
{
    /// <summary>The right-hand side of every UID: fixed, so an appointment's UID never changes with the server's address.</summary>
    public const string UidDomain = "appointments.kap";

    public static string Uid(Guid appointmentId) => $"{appointmentId:D}@{UidDomain}";

    /// <summary>
    /// "Consultation — Kap Clinic". A dosing session is just "Appointment": a phone's calendar is read on lock screens,
    /// in notifications and in shared family or work calendars, and "Dosing session" at a ketamine clinic says what the
    /// patient is being given. The portal and the reminders say what to do before it.
    /// </summary>
    public static string Summary(AppointmentKind kind, string clinicName) => $"{KindWording(kind)} — {clinicName}";

    public static string KindWording(AppointmentKind kind) => kind switch
    {
        AppointmentKind.Dosing => "Appointment",
        AppointmentKind.Consultation => "Consultation",
        AppointmentKind.Preparation => "Preparation session",
        AppointmentKind.MedicalClearance => "Medical clearance",
        AppointmentKind.Integration => "Integration session",
        AppointmentKind.FollowUp => "Follow-up",
        _ => "Appointment",
    };

    /// <summary>The address or video link the clinician gave, else the room at the clinic, else the clinic.</summary>
    public static string Location(string? location, string? roomName, string clinicName) =>
        !string.IsNullOrWhiteSpace(location) ? location.Trim()
        : !string.IsNullOrWhiteSpace(roomName) ? $"{roomName.Trim()}, {clinicName}"
        : clinicName;
}
