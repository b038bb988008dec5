using System.Globalization;
using Kap.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace Kap.Web.Infrastructure;

/// <summary>Shows stored UTC instants in the clinic's time zone.</summary>
public sealed class ClinicTime(IOptions<ClinicOptions> options, TimeProvider clock)
{
    private readonly TimeZoneInfo _zone = options.Value.GetTimeZone();

    public string ZoneName => options.Value.TimeZone;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public string Format(DateTime utc) => ToLocal(utc).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public string FormatDate(DateTime utc) => ToLocal(utc).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));
}
