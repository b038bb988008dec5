using System.Globalization;

namespace Kap.Web.Infrastructure;

/// <summary>Times in the patient's own time zone (the portal), as the clinic's are shown with <see cref="ClinicTime"/>.</summary>
public static class PatientTime
{
    public static DateTime ToLocal(DateTime utc, string zoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>"Tuesday 1 December 2026, 09:00".</summary>
    public static string Format(DateTime utc, string zoneId) => ToLocal(utc, zoneId).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string FormatTime(DateTime utc, string zoneId) => ToLocal(utc, zoneId).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string FormatDate(DateTime utc, string zoneId) => ToLocal(utc, zoneId).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
