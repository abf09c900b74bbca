using DealTracker.Data.Preferences;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// How the user last laid out the board: the chart open or closed (closed at first, so the cards start near the top)
/// compact cards or full ones, and the currency the chart shows; kept with their profile like the folds.
/// </summary>
public sealed class BoardLayout(UserPreferenceService preferences, ILogger logger)
{
    /// <summary>The stored shape; a missing value keeps its default.</summary>
    public sealed record Choices(bool ChartOpen = false, bool Compact = false, string? ChartCurrency = null);

    public Choices Current { get; private set; } = new();

    /// <summary>Reads the user's choices; a database that is away leaves the defaults.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            Current = await preferences.GetAsync<Choices>(UserPreferenceService.BoardLayout, ct) ?? new();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The board's layout could not be read; it starts as the default");
        }
    }

    /// <summary>Applies the choices at once and remembers them; false when they could not be remembered.</summary>
    public async Task<bool> SetAsync(Choices choices, CancellationToken ct)
    {
        Current = choices;
        try
        {
            await preferences.SetAsync(UserPreferenceService.BoardLayout, choices, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The board's layout {Choices} could not be remembered", choices);
            return false;
        }
    }
}
