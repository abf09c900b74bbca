using MudBlazor;

namespace DealTracker.Web.Components.Layout;

/// <summary>Colours chosen for WCAG 2.1 AA contrast on white and on the app bar.</summary>
public static class DealTrackerTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e8c",
            Secondary = "#8a3b12",
            AppbarBackground = "#1f4e8c",
            AppbarText = "#ffffff",
            Success = "#1b6e2d",
            Warning = "#8a5300",
            Error = "#b3261e",
            Info = "#1565c0",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
