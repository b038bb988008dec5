namespace Kap.Application.Common.Interfaces;

/// <summary>
/// Writes an iCalendar (RFC 5545) document: a published calendar of timed events shown in one time zone. The
/// implementation (Kap.Infrastructure, on Ical.Net) owns the format: time zone definitions, escaping, folding, CRLF.
/// </summary>
public interface ICalendarWriter
{
    string Write(CalendarDocument document);
}

/// <param name="Name">The calendar's display name (X-WR-CALNAME).</param>
/// <param name="TimeZoneId">IANA zone the events' local times are written in (with its VTIMEZONE); UTC if the id is unknown.</param>
/// <param name="StampUtc">When the document was generated (every event's DTSTAMP).</param>
public sealed record CalendarDocument(string Name, string TimeZoneId, DateTime StampUtc, IReadOnlyList<CalendarEntry> Entries);

/// <param name="Uid">Globally unique and stable for the life of the event.</param>
/// <param name="Sequence">Revision number: grows whenever the event's time changes.</param>
public sealed record CalendarEntry(string Uid, DateTime StartUtc, DateTime EndUtc, string Summary, string Location, int Sequence);
