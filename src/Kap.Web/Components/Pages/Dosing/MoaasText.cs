namespace Kap.Web.Components.Pages.Dosing;

/// <summary>The MOAA/S levels in the words of domain.md §4, for pickers and the timeline.</summary>
public static class MoaasText
{
    public static string Describe(int score) => score switch
    {
        5 => "5 · responds readily to name in a normal tone",
        4 => "4 · lethargic response to name",
        3 => "3 · responds only to loud or repeated name",
        2 => "2 · responds only to mild prodding",
        1 => "1 · responds only to a painful trapezius squeeze",
        0 => "0 · no response",
        _ => score.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
