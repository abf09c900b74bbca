using DealTracker.Data.Pipeline;
using DealTracker.Data.Preferences;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// Which columns of the board are folded: as the user last chose, kept with their profile so the choice follows them
/// to any browser; closed stages (Won, Lost) start folded.
/// </summary>
public sealed class BoardFolds(UserPreferenceService preferences, ILogger logger)
{
    private Dictionary<string, bool> _choices = [];
    private IReadOnlyList<PipelineColumn> _columns = [];

    public IReadOnlySet<string> Folded { get; private set; } = new HashSet<string>();

    /// <summary>Reads the user's choices; a database that is away leaves every column as its default.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            _choices = await preferences.GetAsync<Dictionary<string, bool>>(UserPreferenceService.BoardFolds, ct) ?? [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The board's folded columns could not be read; the columns start unfolded");
            _choices = []; // the board's own load reports a database that is away; folds start as the defaults
        }
        Update();
    }

    /// <summary>The board now shows these columns.</summary>
    public void Show(IReadOnlyList<PipelineColumn> columns)
    {
        _columns = columns;
        Update();
    }

    /// <summary>Folds or unfolds a column at once and remembers it; false when it could not be remembered.</summary>
    public async Task<bool> SetAsync(string stage, bool folded, CancellationToken ct)
    {
        _choices[stage] = folded;
        Update();
        try
        {
            await preferences.SetAsync(UserPreferenceService.BoardFolds, _choices, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Folding column {Stage} could not be remembered", stage);
            return false;
        }
    }

    private void Update() =>
        Folded = _columns.Where(c => _choices.TryGetValue(c.Stage, out var folded) ? folded : c.IsClosed)
            .Select(c => c.Stage).ToHashSet();
}
