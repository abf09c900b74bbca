using DealTracker.Data.Entities;
using DealTracker.Data.History;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Live;
using DealTracker.Data.Notes;
using DealTracker.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DealTracker.Web.Components.Pages.History;

/// <summary>
/// A record's history, newest first and grouped by day (in the app's time zone), with a kind filter and "show older".
/// Live: a committed change to the record, from anyone on any app instance, re-reads what is shown (through
/// <see cref="CircuitChanges"/>, so a tab whose browser went away reads nothing).
/// </summary>
public sealed partial class RecordTimeline
{
    private static readonly string[] LeadTables = ["leads", "lead_status", "lead_organizations", "lead_individuals", "lead_contacts"];

    private static readonly (string? Kind, string Label)[] KindOptions =
        [(null, "All"), (HistoryKinds.Change, "Changes"), (HistoryKinds.Note, "Notes"), (HistoryKinds.NextStep, "Next steps")];

    [Inject] private TimelineService Timelines { get; set; } = null!;
    [Inject] private CircuitChanges Changes { get; set; } = null!;
    [Inject] private AppClock Clock { get; set; } = null!;

    /// <summary>One of <see cref="HistoryRecordTypes"/>.</summary>
    [Parameter, EditorRequired] public string RecordType { get; set; } = "";

    [Parameter, EditorRequired] public long RecordId { get; set; }

    /// <summary>A deal's leads: a change to any of them refreshes the deal's timeline.</summary>
    [Parameter] public IReadOnlyCollection<long> RelatedLeadIds { get; set; } = [];

    [Parameter] public int PageSize { get; set; } = TimelineQuery.DefaultPageSize;

    private readonly string _headingId = $"history-{Guid.NewGuid():N}";
    private List<TimelineEntry> _entries = [];
    private TimelineCursor? _older;
    private string? _kind;
    private bool _loading = true, _busy;
    private IDisposable? _subscription;
    private (string, long)? _loadedFor;

    private bool ShowKindFilter => RecordType is HistoryRecordTypes.Lead or HistoryRecordTypes.Deal;

    /// <summary>Leads and deals take notes, written right above their timeline.</summary>
    private NoteTarget? NoteTarget => ShowKindFilter ? new NoteTarget(RecordType, RecordId) : null;

    private string EmptyText => _kind is null
        ? "Nothing has happened here yet. Changes will show up here as they are saved."
        : $"No {KindOptions.First(o => o.Kind == _kind).Label.ToLowerInvariant()} yet.";

    protected override void OnInitialized() =>
        // Subscribe before the first read, so a change committed meanwhile is not missed. Only while the browser is
        // connected: a closed tab reads nothing, a reconnected one catches up once.
        _subscription = Changes.Subscribe(async batch =>
        {
            if (batch.Resync || batch.Changes.Any(Concerns))
                await InvokeAsync(RefreshAsync);
        }, () => InvokeAsync(RefreshAsync));

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (RecordType, RecordId))
            return;
        _loadedFor = (RecordType, RecordId);
        _loading = true;
        await LoadFirstPageAsync(PageSize);
        _loading = false;
    }

    private async Task LoadFirstPageAsync(int size)
    {
        var page = await ReadAsync(new TimelineQuery(Kinds(), PageSize: size));
        (_entries, _older) = (page.Entries.ToList(), page.Older);
    }

    private async Task FilterAsync(string? kind)
    {
        _kind = kind;
        _busy = true;
        await LoadFirstPageAsync(PageSize);
        _busy = false;
    }

    private async Task ShowOlderAsync()
    {
        if (_older is null)
            return;
        _busy = true;
        var page = await ReadAsync(new TimelineQuery(Kinds(), _older, PageSize));
        _entries.AddRange(page.Entries);
        _older = page.Older;
        _busy = false;
    }

    /// <summary>Re-reads as many events as are shown, so a live update never folds away what the user opened.</summary>
    private async Task RefreshAsync()
    {
        await LoadFirstPageAsync(Math.Clamp(_entries.Count, PageSize, TimelineQuery.MaxPageSize));
        StateHasChanged();
    }

    private Task<TimelinePage> ReadAsync(TimelineQuery query) => RecordType switch
    {
        HistoryRecordTypes.Lead => Timelines.GetLeadTimelineAsync(RecordId, query),
        HistoryRecordTypes.Deal => Timelines.GetDealTimelineAsync(RecordId, query),
        _ => Timelines.GetPartyTimelineAsync(RecordType, RecordId, query),
    };

    private string[]? Kinds() => _kind is null ? null : [_kind];

    private bool Concerns(DataChange change)
    {
        bool Names(long id) => change.Ids is null || change.Ids.Contains(id);
        return RecordType switch
        {
            // Notes announce note ids: any note change re-reads (notes are few, and the read is one indexed statement).
            HistoryRecordTypes.Lead => (LeadTables.Contains(change.Table) && Names(RecordId)) || change.Table == "notes",
            HistoryRecordTypes.Deal => (change.Table == "deals" && Names(RecordId))
                || (LeadTables.Contains(change.Table) && (change.Ids is null || change.Ids.Any(RelatedLeadIds.Contains)))
                || (change.Table == "leads" && change.Operation != "UPDATE")
                || change.Table == "notes",
            HistoryRecordTypes.Organization => change.Table == "organizations" && Names(RecordId),
            HistoryRecordTypes.Individual => change.Table == "individuals" && Names(RecordId),
            HistoryRecordTypes.Contact => change.Table == "contacts" && Names(RecordId),
            _ => false,
        };
    }

    public void Dispose() => _subscription?.Dispose();
}
