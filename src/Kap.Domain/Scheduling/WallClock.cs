namespace Kap.Domain.Scheduling;

/// <summary>
/// Converts between a time zone's wall-clock times and UTC instants, defined for the two awkward hours
/// of the year: a wall-clock time that does not exist (the spring-forward gap) moves forward by the
/// gap, and one that happens twice (fall back) means its first occurrence.
/// </summary>
public static class WallClock
{
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk forward to the first valid minute, then keep the distance into the gap.
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }

            var gap = zone.GetUtcOffset(probe) - zone.GetUtcOffset(probe.AddHours(-3));
            return TimeZoneInfo.ConvertTimeToUtc(local.Add(gap), zone);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var first = offsets.Max(); // the earlier instant has the larger offset (daylight time)
            return DateTime.SpecifyKind(local - first, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The same wall-clock time <paramref name="days"/> days away: "the day before at the same time", across DST changes.</summary>
    public static DateTime AddLocalDays(DateTime utc, int days, TimeZoneInfo zone) =>
        ToUtc(ToLocal(utc, zone).AddDays(days), zone);
}
