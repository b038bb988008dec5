namespace Kap.Domain.Common;

/// <summary>
/// The outcome of a domain rule: either it holds, or it names every reason it does not, so the
/// caller can show the clinician exactly what is missing.
/// </summary>
public sealed record DomainResult
{
    private DomainResult(IReadOnlyList<string> problems) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    public bool IsSuccess => Problems.Count == 0;

    public static DomainResult Ok { get; } = new([]);

    public static DomainResult Fail(params string[] problems) => new(problems);

    public static DomainResult Fail(IEnumerable<string> problems) => new(problems.ToArray());
}
