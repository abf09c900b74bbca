using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Pipeline;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Web.Components.Pages.Pipeline;

public partial class PipelineBoard
{
    [Inject] private LeadService Leads { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Parameter, EditorRequired] public PipelineBoardData Board { get; set; } = null!;
    [Parameter] public IReadOnlySet<string> Folded { get; set; } = new HashSet<string>();
    [Parameter] public EventCallback<(string Stage, bool Folded)> OnFoldChanged { get; set; }
    [Parameter] public EventCallback<string> OnLoadMore { get; set; }
    [Parameter] public string? LoadingMoreStage { get; set; }
    [Parameter] public int IdleDays { get; set; } = 14;

    /// <summary>Raised after every move attempt, successful or not, so the page re-reads the board's truth.</summary>
    [Parameter] public EventCallback OnMoved { get; set; }

    private MudDropContainer<BoardCard>? _container;
    private PipelineBoardData? _shown;
    private List<BoardCard> _cards = [];
    private IReadOnlyList<string> _moveTargets = [];
    private DateTime _now = DateTime.UtcNow;
    private bool _refreshPending;
    private bool _moving;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Board, _shown))
            return;
        _shown = Board;
        _cards = Board.Columns.SelectMany(c => c.Cards).Select(c => new BoardCard(c)).ToList();
        // A lead can only be moved to a stage one may newly choose: active and in the list.
        _moveTargets = Board.Columns.Where(c => c.IsActive && c.IsKnown).Select(c => c.Stage).ToList();
        _now = DateTime.UtcNow;
        _refreshPending = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The drop container keeps its own copy of the items: it must be told once the new list is in place.
        if (_refreshPending && _container is not null)
        {
            _refreshPending = false;
            _container.Refresh();
        }
    }

    private Task OnDropped(MudItemDropInfo<BoardCard> drop) =>
        drop.Item is { } card ? MoveAsync(new CardMove(card, drop.DropzoneIdentifier)) : Task.CompletedTask;

    /// <summary>Moves a card: asks for a reason where the stage needs one, then saves with the version the user saw.</summary>
    public async Task MoveAsync(CardMove move)
    {
        var (card, to) = move;
        var target = Board.Columns.FirstOrDefault(c => c.Stage == to);
        if (card.Stage == to || _moving || target is null)
        {
            _container?.Refresh();
            return;
        }
        if (!target.IsActive || !target.IsKnown)
        {
            Snackbar.Add($"\"{to}\" is no longer offered as a stage. Pick another.", Severity.Warning);
            _container?.Refresh();
            return;
        }

        string? reason = null;
        if (target.NeedsReason)
        {
            reason = await AskReasonAsync(card, to);
            if (reason is null)
            {
                _container?.Refresh(); // cancelled: the card stays where it was
                return;
            }
        }

        var from = card.Stage;
        _moving = true;
        card.Stage = to;
        _container?.Refresh();
        try
        {
            await Leads.MoveLeadToStageAsync(card.Lead.LeadId, to, reason, card.Lead.Version);
            Snackbar.Add($"Moved \"{card.Lead.Title}\" to {to}.", Severity.Success);
        }
        catch (RuleViolationException ex)
        {
            // Stale view (someone moved it first), a vanished lead or a refused stage: say so, then show the truth.
            card.Stage = from;
            Snackbar.Add(ex.Message, ex is ConcurrencyConflictException ? Severity.Warning : Severity.Error);
        }
        finally
        {
            _moving = false;
        }
        _container?.Refresh();
        await OnMoved.InvokeAsync();
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
