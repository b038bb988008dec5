using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kap.Domain.Auditing;

/// <summary>
/// The audit trail's hash chain. Each entry's <see cref="AuditEntry.Hash"/> is the SHA-256 (lowercase hex) of a
/// canonical text of its content together with the previous entry's hash, so changing, removing or inserting an
/// entry breaks the link at that entry or the next one. The canonical text is culture-invariant and unambiguous:
/// every text field is written as <c>length:value</c> (a null as <c>~</c>), so no value can be shifted into its
/// neighbour. Changing the format is a new version prefix (and a re-sealing plan), never a silent change.
/// </summary>
public static class AuditChain
{
    /// <summary>The <see cref="AuditEntry.PreviousHash"/> of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public const string FormatVersion = "kap-audit-v1";

    public static string Canonical(
        long sequence, DateTime atUtc, Guid? userId, string? userName, string? roles, string action, string? entityType, Guid? entityId,
        Guid? patientId, bool success, string? outcome, string previousHash)
    {
        var text = new StringBuilder(256);
        text.Append(FormatVersion).Append('|');
        text.Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('|');
        text.Append(Instant(atUtc)).Append('|');
        AppendGuid(text, userId);
        AppendText(text, userName);
        AppendText(text, roles);
        AppendText(text, action);
        AppendText(text, entityType);
        AppendGuid(text, entityId);
        AppendGuid(text, patientId);
        text.Append(success ? '1' : '0').Append('|');
        AppendText(text, outcome);
        text.Append(previousHash);
        return text.ToString();
    }

    /// <summary>The canonical text of a sealed entry, over its stored sequence and previous hash.</summary>
    public static string Canonical(AuditEntry entry) =>
        Canonical(entry.Sequence ?? throw Unsealed(), entry.PreviousHash ?? throw Unsealed(), entry);

    public static string Canonical(long sequence, string previousHash, AuditEntry entry) =>
        Canonical(sequence, entry.AtUtc, entry.UserId, entry.UserName, entry.Roles, entry.Action, entry.EntityType, entry.EntityId, entry.PatientId,
            entry.Success, entry.Outcome, previousHash);

    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The hash the entry should have, recomputed from its stored content.</summary>
    public static string ComputeHash(AuditEntry entry) => Hash(Canonical(entry));

    /// <summary>
    /// Checks one link: <paramref name="entry"/> against the entry before it in the chain (null for the first).
    /// Returns null when the link holds, else what is wrong. A missing entry shows as a gap in the sequence (and, if
    /// the sequence was rewritten too, as a previous-hash mismatch); a changed entry as altered content.
    /// </summary>
    public static AuditLinkProblem? Check(AuditEntry entry, AuditEntry? previous)
    {
        if (entry.Sequence is not { } sequence || entry.PreviousHash is null || entry.Hash is null)
        {
            return AuditLinkProblem.NotSealed;
        }

        if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
        {
            return AuditLinkProblem.ContentAltered;
        }

        var expectedSequence = previous?.Sequence + 1 ?? 1;
        if (sequence != expectedSequence)
        {
            return AuditLinkProblem.Gap;
        }

        var expectedPrevious = previous is null ? Genesis : previous.Hash;
        return string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal) ? null : AuditLinkProblem.PreviousHashMismatch;
    }

    public static string Describe(this AuditLinkProblem problem) => problem switch
    {
        AuditLinkProblem.ContentAltered => "content altered: the entry's hash does not match what it says",
        AuditLinkProblem.PreviousHashMismatch => "previous hash mismatch: the entry does not follow the one before it",
        AuditLinkProblem.Gap => "gap: entries before this one are missing",
        AuditLinkProblem.NotSealed => "not in the chain: the entry has no sequence number or hash",
        _ => problem.ToString(),
    };

    private static string Instant(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static void AppendText(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append('~');
        }
        else
        {
            text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        text.Append('|');
    }

    private static void AppendGuid(StringBuilder text, Guid? value) =>
        text.Append(value is { } g ? g.ToString("D", CultureInfo.InvariantCulture) : "~").Append('|');

    private static InvalidOperationException Unsealed() => new("The audit entry has not been sealed into the chain.");
}

public enum AuditLinkProblem
{
    ContentAltered,
    PreviousHashMismatch,
    Gap,
    NotSealed,
}
