using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Pipeline;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace DealTracker.Web.Components.Pages.Pipeline;

public partial class PipelineBoard
{
    [Inject] private LeadService Leads { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Parameter, EditorRequired] public PipelineBoardData Board { get; set; } = null!;
    [Parameter] public IReadOnlySet<string> Folded { get; set; } = new HashSet<string>();
    [Parameter] public EventCallback<(string Stage, bool Folded)> OnFoldChanged { get; set; }
    [Parameter] public EventCallback<string> OnLoadMore { get; set; }
    [Parameter] public string? LoadingMoreStage { get; set; }
    [Parameter] public int IdleDays { get; set; } = 14;
    /// <summary>Cards show only title, value, owner initials and days in stage.</summary>
    [Parameter] public bool Compact { get; set; }

    /// <summary>Raised after every move attempt, successful or not, so the page re-reads the board's truth.</summary>
    [Parameter] public EventCallback OnMoved { get; set; }

    /// <summary>
    /// Cards a column draws at first, of the <see cref="PipelineService.PageSize"/> it loads: more than a screen shows
    /// (8 compact cards at 1366×900), few enough that the first interactive render stays light, in the browser and in
    /// the circuit, which keeps every drawn card's render tree while the page is open. "Show more" and the arrow keys
    /// reach the others: each draws <see cref="PipelineService.PageSize"/> more, loading them when needed.
    /// </summary>
    public const int FirstCards = 10;

    private readonly Dictionary<string, int> _limits = [];
    private PipelineBoardData? _shown;
    private List<BoardCard> _cards = [];
    private ILookup<string, BoardCard> _byStage = Array.Empty<BoardCard>().ToLookup(c => c.Stage);
    private IReadOnlyList<string> _moveTargets = [];
    private DateTime _now = DateTime.UtcNow;
    private BoardCard? _dragging;
    private string? _over;
    private bool _moving;
    /// <summary>What the live region last said: moves, the user's own and those arriving from colleagues.</summary>
    private string _announcement = "";
    /// <summary>The card to give the focus once it is drawn where it now is (after "Move to", which took it away).</summary>
    private BoardCard? _focusAfterRender;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Board, _shown))
            return;
        _shown = Board;
        var shownStages = _cards.ToDictionary(c => c.Lead.LeadId, c => c.Stage);
        _cards = Board.Columns.SelectMany(c => c.Cards).Select(c => new BoardCard(c)).ToList();
        AnnounceMovesByOthers(shownStages);
        Regroup();
        // A lead can only be moved to a stage one may newly choose: active and in the list.
        _moveTargets = Board.Columns.Where(c => c.IsActive && c.IsKnown).Select(c => c.Stage).ToList();
        _now = DateTime.UtcNow;
    }

    /// <summary>
    /// Cards that a refresh shows in another stage than the user saw them in were moved by someone else: say so. The
    /// user's own moves are announced when saved (their cards are already where the refresh puts them).
    /// </summary>
    private void AnnounceMovesByOthers(Dictionary<long, string> shownStages)
    {
        var moved = _cards.Where(c => shownStages.TryGetValue(c.Lead.LeadId, out var was) && was != c.Stage).ToList();
        if (moved.Count == 1)
            _announcement = Moved(moved[0].Lead.Title, moved[0].Stage);
        else if (moved.Count > 1)
            _announcement = $"{Plural.Count(moved.Count, "lead")} moved: " + string.Join("; ", moved.Select(c => $"\"{c.Lead.Title}\" to {c.Stage}"));
    }

    private static string Moved(string title, string stage) => $"Moved \"{title}\" to {stage}.";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAfterRender is { } card)
        {
            _focusAfterRender = null;
            await JS.InvokeVoidAsync("dealTrackerBoard.focusCard", card.Lead.LeadId, card.Stage);
        }
    }

    /// <summary>Cards are shown where the user last put them, which may be ahead of the database by one save.</summary>
    private void Regroup() => _byStage = _cards.ToLookup(c => c.Stage);

    private IReadOnlyList<BoardCard> CardsIn(string stage) => _byStage[stage].ToList();

    private int LimitOf(string stage) => _limits.GetValueOrDefault(stage, FirstCards);

    private async Task ShowMoreAsync(string stage)
    {
        var limit = _limits[stage] = LimitOf(stage) + PipelineService.PageSize;
        if (Board.Columns.FirstOrDefault(c => c.Stage == stage) is { HasMore: true } column && column.Cards.Count < limit)
            await OnLoadMore.InvokeAsync(stage);
    }

    /// <summary>A card started to drag; none while a move is being saved (board.js does not let it start then).</summary>
    private void StartDrag(BoardCard card) => _dragging = _moving ? null : card;

    private void EndDrag() => (_dragging, _over) = (null, null);

    private Task DropAsync(string stage)
    {
        var card = _dragging;
        EndDrag();
        return card is null ? Task.CompletedTask : MoveAsync(new CardMove(card, stage));
    }

    /// <summary>Moves a card: asks for a reason where the stage needs one, then saves with the version the user saw.</summary>
    public async Task MoveAsync(CardMove move)
    {
        var (card, to, _) = move;
        var target = Board.Columns.FirstOrDefault(c => c.Stage == to);
        if (card.Stage == to || _moving || target is null)
            return;
        if (!target.IsActive || !target.IsKnown)
        {
            Snackbar.Add($"\"{to}\" is no longer offered as a stage. Pick another.", Severity.Warning);
            return;
        }

        // A dialog took the focus ("Move to", the reason): give it back to the card, wherever it ends up.
        var returnFocus = move.ReturnFocus || target.NeedsReason;
        string? reason = null;
        if (target.NeedsReason)
        {
            reason = await AskReasonAsync(card, to);
            if (reason is null)
            {
                await JS.InvokeVoidAsync("dealTrackerBoard.focusCard", card.Lead.LeadId, card.Stage);
                return; // cancelled: the card stays where it was
            }
        }

        var from = card.Stage;
        _moving = true;
        card.Stage = to;
        Regroup();
        _focusAfterRender = returnFocus ? card : null;
        StateHasChanged(); // the card shows in its new column while the save runs
        try
        {
            await Leads.MoveLeadToStageAsync(card.Lead.LeadId, to, reason, card.Lead.Version);
            _announcement = Moved(card.Lead.Title, to);
            Snackbar.Add(_announcement, Severity.Success);
        }
        catch (RuleViolationException ex)
        {
            // Stale view (someone moved it first), a vanished lead or a refused stage: say so, then show the truth.
            card.Stage = from;
            Regroup();
            _focusAfterRender = returnFocus ? card : null;
            Snackbar.Add(ex.Message, ex is ConcurrencyConflictException ? Severity.Warning : Severity.Error);
        }
        finally
        {
            _moving = false;
        }
        await OnMoved.InvokeAsync();
    }

    /// <summary>The keyboard path: "Move to" asks for the stage, then moves like a drop.</summary>
    private async Task ChooseStageAsync(BoardCard card)
    {
        var parameters = new DialogParameters<MoveToDialog>
        {
            { d => d.LeadTitle, card.Lead.Title },
            { d => d.CurrentStage, card.Stage },
            { d => d.Targets, _moveTargets },
        };
        var dialog = await Dialogs.ShowAsync<MoveToDialog>("Move to", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string stage })
            await MoveAsync(new CardMove(card, stage, ReturnFocus: true));
        else
            await JS.InvokeVoidAsync("dealTrackerBoard.focusCard", card.Lead.LeadId, card.Stage); // back where "Move to" was
    }

    private async Task<string?> AskReasonAsync(BoardCard card, string stage)
    {
        var parameters = new DialogParameters<LostReasonDialog>
        {
            { d => d.LeadTitle, card.Lead.Title },
            { d => d.Stage, stage },
        };
        var dialog = await Dialogs.ShowAsync<LostReasonDialog>($"Move to {stage}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }
}
