using System.Globalization;

namespace Kap.Domain.Preparation;

/// <summary>Numbers as clinicians read them: invariant, no trailing zeros ("0.5", "72.4", "400").</summary>
public static class DoseFormat
{
    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
