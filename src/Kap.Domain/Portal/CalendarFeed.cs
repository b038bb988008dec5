using System.Security.Cryptography;
using System.Text;
using Kap.Domain.Common;

namespace Kap.Domain.Portal;

/// <summary>
/// A patient's personal iCalendar feed (<c>/calendar/{token}.ics</c>). Only a SHA-256 hash of the token is
/// stored, so a copy of the database cannot be used to read anyone's calendar; the token is shown to the patient
/// once, when it is made. Revoking it (or making a new one, which revokes the old) makes the address return 404.
/// </summary>
public sealed class CalendarFeed : Entity
{
    /// <summary>Bytes of randomness in a token: 256 bits, written as 43 URL-safe base64 characters.</summary>
    public const int TokenBytes = 32;

    private CalendarFeed()
    {
    }

    private CalendarFeed(Guid patientId, string tokenHash, DateTime createdAtUtc)
    {
        PatientId = patientId;
        TokenHash = tokenHash;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid PatientId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 text.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsActive => RevokedAtUtc is null;

    /// <summary>A new feed and its token (to show once). The token is unguessable: 256 bits from the OS's CSPRNG.</summary>
    public static (CalendarFeed Feed, string Token) Create(Guid patientId, DateTime nowUtc)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
        return (new CalendarFeed(patientId, Hash(token), nowUtc), token);
    }

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a string could be a token at all (cheap check before any database lookup).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
