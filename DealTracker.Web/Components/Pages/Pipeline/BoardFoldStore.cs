using System.Text.Json;
using Microsoft.JSInterop;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// Remembers which board columns a user folded. Behind an interface so it can move from the browser to the user's
/// profile once users exist.
/// </summary>
public interface IBoardFoldStore
{
    /// <summary>The stages the user folded (true) or unfolded (false); stages never touched are absent.</summary>
    Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken ct = default);

    Task SaveAsync(IReadOnlyDictionary<string, bool> folds, CancellationToken ct = default);
}

/// <summary>Keeps the folds in the browser's localStorage: per browser until there are users.</summary>
public sealed class BrowserBoardFoldStore(IJSRuntime js) : IBoardFoldStore
{
    private const string Key = "dealtracker.pipeline.folds";

    public async Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken ct = default)
    {
        var json = await js.InvokeAsync<string?>("localStorage.getItem", ct, Key);
        if (string.IsNullOrEmpty(json))
            return new Dictionary<string, bool>();
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, bool>>(json) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, bool>(); // unreadable (edited by hand): start from the defaults
        }
    }

    public async Task SaveAsync(IReadOnlyDictionary<string, bool> folds, CancellationToken ct = default) =>
        await js.InvokeVoidAsync("localStorage.setItem", ct, Key, JsonSerializer.Serialize(folds));
}
