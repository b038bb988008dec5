using Kap.Domain.Common;

namespace Kap.Domain.Dosing;

/// <summary>Which CADSS is rated. Stored as numbers: never renumber.</summary>
public enum CadssForm
{
    /// <summary>All 23 clinician-rated items, 0–4 each, total 0–92.</summary>
    Full = 0,

    /// <summary>The 6-item short form: items 1, 2, 6, 7, 15 and 22, total 0–24.</summary>
    Short = 1,
}

/// <summary>
/// Clinician-Administered Dissociative States Scale (domain.md §4): 23 items scored 0–4, total 0–92; the
/// short form rates items 1, 2, 6, 7, 15 and 22. A peak total above 4 is significant dissociation [S2: T2].
/// </summary>
public static class Cadss
{
    public const int ItemMin = 0;
    public const int ItemMax = 4;
    public const int FullItemCount = 23;

    /// <summary>A total above this is significant (so 4 is not, 5 is).</summary>
    public const int SignificantAbove = 4;

    /// <summary>The item numbers of the short form, in the order they are rated.</summary>
    public static IReadOnlyList<int> ShortFormItems { get; } = [1, 2, 6, 7, 15, 22];

    /// <summary>The item numbers rated on <paramref name="form"/>.</summary>
    public static IReadOnlyList<int> Items(CadssForm form) =>
        form == CadssForm.Short ? ShortFormItems : Enumerable.Range(1, FullItemCount).ToArray();

    public static int MaxTotal(CadssForm form) => Items(form).Count * ItemMax;

    /// <summary>Every item answered, each 0–4, in the form's length.</summary>
    public static DomainResult Check(CadssForm form, IReadOnlyList<int?>? responses)
    {
        if (!Enum.IsDefined(form))
        {
            return DomainResult.Fail("Choose the full CADSS or its short form.");
        }

        var count = Items(form).Count;
        if (responses is null || responses.Count != count)
        {
            return DomainResult.Fail($"The {(form == CadssForm.Short ? "short-form" : "full")} CADSS has {count} items; {responses?.Count ?? 0} were given.");
        }

        var problems = new List<string>();
        var items = Items(form);
        for (var i = 0; i < count; i++)
        {
            if (responses[i] is not { } value)
            {
                problems.Add($"Item {items[i]} is not answered.");
            }
            else if (value is < ItemMin or > ItemMax)
            {
                problems.Add($"Item {items[i]} must be scored 0–4.");
            }
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }

    public static int Total(IReadOnlyList<int> responses) => responses.Sum();

    public static bool IsSignificant(int total) => total > SignificantAbove;
}
