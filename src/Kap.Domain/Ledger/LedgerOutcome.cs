using Kap.Domain.Common;

namespace Kap.Domain.Ledger;

/// <summary>
/// A ledger command's outcome: the new record when every rule holds, otherwise no record and every
/// reason it was refused. Refused commands write nothing, so the ledger cannot hold a half-valid entry.
/// </summary>
public sealed record LedgerOutcome<T>
    where T : class
{
    private LedgerOutcome(T? value, DomainResult result)
    {
        Value = value;
        Result = result;
    }

    public T? Value { get; }

    public DomainResult Result { get; }

    public bool IsSuccess => Result.IsSuccess;

    public IReadOnlyList<string> Problems => Result.Problems;

    internal static LedgerOutcome<T> Ok(T value) => new(value, DomainResult.Ok);

    internal static LedgerOutcome<T> Fail(IEnumerable<string> problems) => new(null, DomainResult.Fail(problems));
}
