namespace Kap.Domain.Preparation;

/// <summary>
/// A prescriber's decision to go ahead despite a flag or a dose ceiling: the written reason, who and
/// when. Kept on the record so the decision can be audited and shown next to what it overrides.
/// </summary>
public sealed record SignedOverride(string Reason, Guid ByUserId, DateTime AtUtc);
