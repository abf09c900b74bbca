using System.Data.Common;
using DealTracker.Data.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DealTracker.Web.Components.Layout.Search;

public sealed partial class GlobalSearch : IDisposable
{
    /// <summary>Typing pauses this long before the server is asked, so a word typed quickly is one search.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    [Inject] private SearchQueries Queries { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<GlobalSearch> Logger { get; set; } = null!;

    private string _term = "";
    private SearchResults? _results;
    private List<SearchHit> _options = [];
    private int _active = -1;
    private bool _focused;
    private bool _searching;
    private bool _dismissed;
    private bool _failed;
    private CancellationTokenSource? _pending;

    private bool IsOpen => _focused && !_dismissed && _results is not null;

    /// <summary>What a screen reader hears after each search (the live region).</summary>
    private string Status =>
        _searching ? "Searching…"
        : _failed ? "Search is not available right now. Please try again in a moment."
        : _term.Length > 0 && !SearchQueries.IsLongEnough(_term) ? $"Type at least {SearchQueries.MinimumLength} characters."
        : _results is null ? ""
        : _results.IsEmpty ? "No results."
        : $"{_options.Count} results shown, use the up and down arrows to choose.";

    private static string OptionId(int index) => $"global-search-option-{index}";

    private static string CountText(SearchGroup group) =>
        group.Total > group.Hits.Count ? $"{group.Hits.Count} of {group.Total:N0}" : $"{group.Total:N0}";

    private async Task OnInputAsync(ChangeEventArgs e)
    {
        _term = e.Value as string ?? "";
        _dismissed = false;
        _failed = false;
        _pending?.Cancel();
        _pending?.Dispose();
        if (!SearchQueries.IsLongEnough(_term))
        {
            Show(null);
            return;
        }
        var pending = _pending = new CancellationTokenSource();
        _searching = true;
        try
        {
            await Task.Delay(Pause, pending.Token);
            var results = await Queries.FindAsync(_term, ct: pending.Token);
            if (pending == _pending)
                Show(results);
        }
        catch (OperationCanceledException) when (pending.IsCancellationRequested)
        {
            // A newer keystroke took over; its search shows instead.
        }
        catch (DbException ex) when (pending == _pending)
        {
            Logger.LogError(ex, "Search for {Term} failed", _term);
            Show(null);
            _failed = true;
        }
        catch (DbException) when (pending != _pending)
        {
            // A stale search that failed as it was being cancelled: the newer one decides what shows.
        }
        finally
        {
            if (pending == _pending)
                _searching = false;
        }
    }

    private void Show(SearchResults? results)
    {
        _results = results;
        _options = results?.Groups.SelectMany(g => g.Hits).ToList() ?? [];
        _active = -1;
    }

    private void OnKeyDown(KeyboardEventArgs e)
    {
        // The last option is "All leads matching…", after every hit.
        var count = _results is { IsEmpty: false } ? _options.Count + 1 : 0;
        switch (e.Key)
        {
            case "ArrowDown" when count > 0:
                _dismissed = false;
                _active = (_active + 1) % count;
                break;
            case "ArrowUp" when count > 0:
                _dismissed = false;
                _active = _active <= 0 ? count - 1 : _active - 1;
                break;
            case "Escape":
                _dismissed = true;
                _active = -1;
                break;
            case "Enter" when _results is not null && SearchQueries.IsLongEnough(_term):
                var href = _active >= 0 && _active < _options.Count ? SearchLinks.For(_options[_active]) : SearchLinks.AllLeads(_results.Term);
                Close();
                Navigation.NavigateTo(href);
                break;
        }
    }

    private void Close()
    {
        _dismissed = true;
        _active = -1;
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
    }
}
