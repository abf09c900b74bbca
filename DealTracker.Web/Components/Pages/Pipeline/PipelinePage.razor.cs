using DealTracker.Data.Infrastructure;
using DealTracker.Data.Live;
using DealTracker.Data.NextSteps;
using DealTracker.Data.Pipeline;
using DealTracker.Data.Preferences;
using DealTracker.Web.Components.Shared;
using DealTracker.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DealTracker.Web.Components.Pages.Pipeline;

public partial class PipelinePage
{
    /// <summary>Tables whose changes can change what the board shows.</summary>
    private static readonly string[] Watched =
        ["leads", "lead_status", "deals", "lead_organizations", "lead_individuals", "organizations", "individuals", "picklists"];

    [Inject] private PipelineService Pipeline { get; set; } = null!;
    [Inject] private CircuitChanges Changes { get; set; } = null!;
    [Inject] private SharedBoardReads SharedReads { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private UserPreferenceService Preferences { get; set; } = null!;
    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IConfiguration Configuration { get; set; } = null!;
    [Inject] private ILogger<PipelinePage> Logger { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    // Ids and flags arrive as text and are parsed by QueryText: a hand-edited "?deal=abc" is ignored, never a 500.
    [SupplyParameterFromQuery(Name = "deal")] public string? DealId { get; set; }
    [SupplyParameterFromQuery(Name = "org")] public string? OrganizationId { get; set; }
    [SupplyParameterFromQuery(Name = "ind")] public string? IndividualId { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? CloseFrom { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? CloseTo { get; set; }
    /// <summary>A user's id, or "none" for the unassigned leads.</summary>
    [SupplyParameterFromQuery(Name = "owner")] public string? Owner { get; set; }
    [SupplyParameterFromQuery(Name = "mine")] public string? Mine { get; set; }
    /// <summary>"overdue" or "week": leads whose next step is overdue, or due this week.</summary>
    [SupplyParameterFromQuery(Name = "next")] public string? NextStep { get; set; }

    private PipelineFilter _filter = new();
    private PipelineFilterNames _names = new(null, null, null);
    private PipelineBoardData? _board;
    private BoardFolds _folds = null!;
    private BoardLayout _layout = null!;
    private CoalescedRefresh _refresh = null!;
    private bool _loading = true;
    private string? _error;
    private string? _loadingMoreStage;
    private int _idleDays = 14;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _disposed = new();

    protected override async Task OnInitializedAsync()
    {
        _idleDays = Configuration.GetValue("Pipeline:IdleDays", 14);
        // Subscribe before the first load, so a change committed while the board loads is not missed. While the
        // browser is away the board does not listen at all; it reads once when the browser comes back.
        _subscription = Changes.Subscribe(
            batch => batch.Touches(Watched) ? InvokeAsync(RefreshAsync) : Task.CompletedTask,
            () => InvokeAsync(RefreshAsync));
        _folds = new BoardFolds(Preferences, Logger);
        _refresh = new CoalescedRefresh(ReadBoardAgainAsync);
        _layout = new BoardLayout(Preferences, Logger);
        await _folds.LoadAsync(_disposed.Token);
        await _layout.LoadAsync(_disposed.Token);
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = PipelineFilterQuery.Parse(Search, DealId, OrganizationId, IndividualId, CloseFrom, CloseTo, Owner, Mine, NextStep);
        if (_board is not null && filter == _filter)
            return;
        _filter = filter;
        _loading = true;
        try
        {
            _names = await Pipeline.GetFilterNamesAsync(filter, _disposed.Token);
            // A fresh read (the user may come from a save whose notice is still on its way), shared with the view's other boards.
            SetBoard(await SharedReads.ReadFreshAsync(Pipeline.ViewOf(filter),
                () => Pipeline.LoadBoardAsync(filter, ct: CancellationToken.None)).WaitAsync(_disposed.Token));
            _error = null;
        }
        catch (RuleViolationException refusal)
        {
            // A filter the rules refuse (a search with U+0000): say what is wrong with it, not that the board failed.
            _error = refusal.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The pipeline board could not be loaded for filter {Filter}", _filter);
            _error = "The board could not be loaded. It retries when the database reports a change; reload the page to retry now.";
        }
        finally
        {
            _loading = false;
        }
    }

    /// <summary>Filters live in the URL, so a view can be bookmarked; the new URL brings the new filter back here.</summary>
    private void ApplyFilter(PipelineFilter filter) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(PipelineFilterQuery.ToParameters(filter)));

    /// <summary>
    /// Re-reads the board with the same filter: the view's shared first pages, and on top of them as many cards per
    /// column as the user has loaded, so folds, scroll position and "show more" survive. Requests arriving meanwhile
    /// are folded into one more read.
    /// </summary>
    private async Task RefreshAsync()
    {
        try
        {
            await _refresh.RequestAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The pipeline board could not be refreshed for filter {Filter}", _filter);
            _error = "The board could not be refreshed. It retries when the database reports a change.";
            StateHasChanged();
        }
        catch (OperationCanceledException)
        {
            // The page is gone.
        }
    }

    private async Task ReadBoardAgainAsync()
    {
        var filter = _filter;
        var loaded = _board?.Columns.ToDictionary(c => c.Stage, c => c.Cards.Count);
        // The view's first pages, from this instance's read that started after the last change this circuit was told of
        // (boards of the same view share it; not cancelled with this page, as others may wait on it).
        var firstPages = await SharedReads.ReadAsync(Pipeline.ViewOf(filter), Changes.Published,
            () => Pipeline.LoadBoardAsync(filter, ct: CancellationToken.None)).WaitAsync(_disposed.Token);
        var board = await Pipeline.WithLoadedCardsAsync(firstPages, filter, loaded, _disposed.Token);
        if (filter == _filter)
        {
            SetBoard(board);
            _error = null;
        }
        StateHasChanged();
    }

    private async Task LoadMoreAsync(string stage)
    {
        var column = _board?.Columns.FirstOrDefault(c => c.Stage == stage);
        if (_board is null || column is null || column.Cards.Count == 0 || _loadingMoreStage is not null)
            return;
        _loadingMoreStage = stage;
        try
        {
            var more = await Pipeline.LoadMoreAsync(_filter, stage, PipelineCursor.After(column.Cards[^1]), _disposed.Token);
            SetBoard(_board.WithMoreCards(stage, more));
        }
        finally
        {
            _loadingMoreStage = null;
        }
    }

    private async Task SetFoldAsync((string Stage, bool Folded) fold)
    {
        if (!await _folds.SetAsync(fold.Stage, fold.Folded, _disposed.Token))
            Snackbar.Add("The column is folded here, but it could not be remembered for next time.", MudBlazor.Severity.Warning);
    }

    private async Task SetLayoutAsync(BoardLayout.Choices choices)
    {
        if (!await _layout.SetAsync(choices, _disposed.Token))
            Snackbar.Add("The board shows it this way here, but it could not be remembered for next time.", MudBlazor.Severity.Warning);
    }

    private void SetBoard(PipelineBoardData board)
    {
        _board = board;
        _folds.Show(board.Columns);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel(); // not disposed: a refresh still finishing may read its token
    }
}
