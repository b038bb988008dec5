using System.Text.RegularExpressions;

namespace Kap.Web.Components.Portal;

/// <summary>
/// A crisis contact as the clinic wrote it in settings ("988 (Suicide &amp; Crisis Lifeline, call or text)", "+1 555 010 0199"),
/// with the number to dial for a tappable <c>tel:</c> link, and an <c>sms:</c> link when the text says it takes texts.
/// A setting with no number in it ("the clinic's main number") is shown as written, without a link.
/// </summary>
public sealed partial record CrisisNumber(string Text, string? Dial, bool TakesTexts)
{
    public string? TelHref => Dial is null ? null : "tel:" + Dial;

    public string? SmsHref => Dial is not null && TakesTexts ? "sms:" + Dial : null;

    public static CrisisNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Number().Match(text);
        var dial = match.Success ? new string([.. match.Value.Where(c => char.IsAsciiDigit(c) || c == '+')]) : null;
        if (dial is not null && dial.Count(char.IsAsciiDigit) < 3)
        {
            dial = null;
        }

        return new CrisisNumber(text, dial, dial is not null && text.Contains("text", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The first run of digits (with an optional leading +, and spaces, brackets, dots or dashes between them).</summary>
    [GeneratedRegex(@"\+?\d[\d\s().-]*\d|\d", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Number();
}
