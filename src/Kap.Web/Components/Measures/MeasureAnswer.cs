namespace Kap.Web.Components.Measures;

/// <summary>One answer given on a <see cref="MeasureForm"/>: the item, its value, the item the respondent is on, and every answer so far.</summary>
public sealed record MeasureAnswer(int Item, int Value, int CurrentItem, IReadOnlyList<int?> Responses);
