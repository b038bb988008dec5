using Kap.Domain.Common;

namespace Kap.Domain.Ledger;

/// <summary>
/// A DEA registration number: two letters then seven digits, the last a check digit. Receipts must
/// record the supplier's DEA number [S: SC mirroring 21 CFR 1304.22(c)]; checking the digit catches a
/// mistyped number at entry rather than at an inspection.
/// </summary>
public static class DeaNumber
{
    /// <summary>Upper-cases and trims, so "ab1234563 " and "AB1234563" are the same registration.</summary>
    public static string Normalise(string? value) => (value ?? "").Trim().ToUpperInvariant();

    public static bool IsValid(string? value) => Check(value).IsSuccess;

    /// <summary>
    /// Format, then the standard checksum: (d1 + d3 + d5) + 2 × (d2 + d4 + d6); its last digit must equal d7.
    /// </summary>
    public static DomainResult Check(string? value)
    {
        var dea = Normalise(value);
        if (dea.Length == 0)
        {
            return DomainResult.Fail("Give the supplier's DEA number.");
        }

        if (dea.Length != 9 || !char.IsAsciiLetterUpper(dea[0]) || !char.IsAsciiLetterUpper(dea[1])
            || !dea.Skip(2).All(char.IsAsciiDigit))
        {
            return DomainResult.Fail($"A DEA number is two letters and seven digits; \"{dea}\" is not.");
        }

        var d = dea[2..].Select(c => c - '0').ToArray();
        var sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
        return sum % 10 == d[6]
            ? DomainResult.Ok
            : DomainResult.Fail($"The DEA number {dea} fails its check digit; check it against the supplier's registration.");
    }
}
