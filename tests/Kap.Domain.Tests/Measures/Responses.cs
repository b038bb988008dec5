using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>Builds response sets for the tests.</summary>
internal static class Responses
{
    /// <summary>A complete response set summing to <paramref name="total"/>, filling items from the first, each up to its maximum.</summary>
    public static int?[] WithTotal(InstrumentDefinition definition, int total)
    {
        var responses = new int?[definition.ItemCount];
        var left = total;
        for (var i = 0; i < responses.Length; i++)
        {
            var value = Math.Min(left, definition.Items[i].Max);
            responses[i] = value;
            left -= value;
        }

        if (left != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "Total beyond the instrument's maximum.");
        }

        return responses;
    }

    /// <summary>A complete response set with every item at <paramref name="value"/>.</summary>
    public static int?[] All(InstrumentDefinition definition, int value) =>
        Enumerable.Repeat<int?>(value, definition.ItemCount).ToArray();

    /// <summary>The same response set with the given 1-based items set to <paramref name="value"/>.</summary>
    public static int?[] With(this int?[] responses, int? value, params int[] items)
    {
        var copy = (int?[])responses.Clone();
        foreach (var item in items)
        {
            copy[item - 1] = value;
        }

        return copy;
    }
}
