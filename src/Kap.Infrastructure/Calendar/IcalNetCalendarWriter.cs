using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Kap.Application.Common.Interfaces;
using NodaTime;

namespace Kap.Infrastructure.Calendar;

/// <summary>
/// RFC 5545 through Ical.Net, which writes what calendar clients need and we would otherwise hand-roll: a VTIMEZONE
/// with the zone's current DST rules (RRULEs), TZID-qualified local DTSTART/DTEND, TEXT escaping, folding at
/// 75 octets without splitting a UTF-8 sequence, and CRLF line endings. The local times are converted with the same
/// time zone database (NodaTime's tzdb) that writes the VTIMEZONE, so the two can never disagree.
/// </summary>
public sealed class IcalNetCalendarWriter : ICalendarWriter
{
    public const string ProductId = "-//Kap//Kap patient calendar feed//EN";

    /// <summary>How often clients should fetch the feed again (RFC 7986 REFRESH-INTERVAL; X-PUBLISHED-TTL for Outlook).</summary>
    public const string RefreshInterval = "PT1H";

    public string Write(CalendarDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var calendar = new Ical.Net.Calendar
        {
            ProductId = ProductId,
            Method = "PUBLISH",
            Scale = "GREGORIAN",
        };
        calendar.AddProperty("X-WR-CALNAME", document.Name);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", RefreshInterval);
        refresh.Parameters.Add("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);

        var zoneId = ResolveZone(document.TimeZoneId);
        if (zoneId is not null && document.Entries.Count > 0)
        {
            // The rules in force from the earliest event on; a day's margin keeps a transition on that day inside.
            var earliest = document.Entries.Min(e => e.StartUtc).AddDays(-1);
            calendar.AddTimeZone(zoneId, earliest, includeHistoricalData: false);
        }

        var stamp = new CalDateTime(AsUtc(document.StampUtc), CalDateTime.UtcTzId);
        foreach (var entry in document.Entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                DtStamp = stamp,
                DtStart = At(entry.StartUtc, zoneId),
                DtEnd = At(entry.EndUtc, zoneId),
                Summary = entry.Summary,
                Location = entry.Location,
                Status = "CONFIRMED",
                Sequence = entry.Sequence,
                // Shared or delegated calendars (Exchange, Google) show a private event as "busy" to others.
                Class = "PRIVATE",
                Transparency = "OPAQUE",
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net produced no calendar text.");
    }

    /// <summary>The IANA id to write local times in, or null to write UTC (an unknown id, or a zone that is always UTC).</summary>
    public static string? ResolveZone(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId);
        if (zone is null && TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZoneId, out var iana))
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(iana);
        }

        return zone is null || (zone.MinOffset == Offset.Zero && zone.MaxOffset == Offset.Zero) ? null : zone.Id;
    }

    private static CalDateTime At(DateTime utc, string? zoneId)
    {
        var instant = new CalDateTime(AsUtc(utc), CalDateTime.UtcTzId);
        return zoneId is null ? instant : instant.ToTimeZone(zoneId);
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
