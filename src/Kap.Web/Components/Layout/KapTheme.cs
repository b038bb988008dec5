using MudBlazor;

namespace Kap.Web.Components.Layout;

public static class KapTheme
{
    // A calm teal with text contrast above WCAG AA (4.5:1) against white.
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695C",
            Secondary = "#5E35B1",
            AppbarBackground = "#004D40",
            Success = "#2E7D32",
            Warning = "#8A5300",
            Error = "#B3261E",
            Info = "#0B5CAD",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
    };
}
