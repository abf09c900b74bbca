using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Parties;
using DealTracker.Data.Picklists;
using DealTracker.Web.Components.Pages.Contacts;
using DealTracker.Web.Components.Pages.Deals;
using DealTracker.Web.Components.Pages.Individuals;
using DealTracker.Web.Components.Pages.Organizations;
using DealTracker.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Web.Components.Pages.Leads;

/// <summary>
/// Creates and edits a lead with its parties. Everything is saved at once; a save over someone else's shows what
/// they changed and lets the user reload theirs or keep their own.
/// </summary>
public sealed partial class LeadEditor
{
    [Parameter] public long? Id { get; set; }
    /// <summary>The deal a new lead starts on (text: a hand-edited "?dealId=abc" is ignored).</summary>
    [SupplyParameterFromQuery(Name = "dealId")] public string? DealId { get; set; }

    [Inject] private LeadService Leads { get; set; } = null!;
    [Inject] private DealService Deals { get; set; } = null!;
    [Inject] private PartyQueries Parties { get; set; } = null!;
    [Inject] private PicklistService Picklists { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IActingUser Actor { get; set; } = null!;

    private LeadForEdit? _original;
    private LeadFormModel _model = new();
    private string _saved = "";
    private readonly FieldErrors _errors = new();
    private LeadEditConflictException? _conflict;
    private bool _loading = true, _missing, _busy;

    private bool HasChanges => !_loading && !_missing && _model.Snapshot() != _saved;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _conflict = null;
        _errors.Clear();
        if (Id is { } id)
        {
            try
            {
                _original = await Leads.GetLeadForEditAsync(id);
            }
            catch (RecordNotFoundException)
            {
                // Someone else's lead looks exactly like a missing one: no data leaves the service.
                _original = null;
            }
            _missing = _original is null;
            _model = _original is null ? new LeadFormModel() : LeadFormModel.From(_original);
        }
        else
        {
            _original = null;
            var stages = await Picklists.GetActiveValuesAsync(PicklistCategories.Stage);
            DealDetails? deal;
            try
            {
                deal = QueryText.Id(DealId) is { } dealId ? await Deals.GetDealAsync(dealId) : null;
            }
            catch (RecordNotFoundException)
            {
                deal = null;
            }
            _model = new LeadFormModel
            {
                OwnerUserId = Actor.UserId,
                Stage = stages.FirstOrDefault()?.Value,
                Deal = deal is null ? null : new Choice(deal.Id, deal.Name),
            };
        }
        _saved = _model.Snapshot();
        _loading = false;
    }

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            if (_original is null)
            {
                var id = await Leads.CreateLeadAsync(_model.ToNewLead());
                _saved = _model.Snapshot();
                Snackbar.Add("Lead created.", Severity.Success);
                Navigation.NavigateTo($"/leads/{id}");
            }
            else
            {
                await SaveOverAsync(_original);
            }
        }
        catch (LeadEditConflictException conflict)
        {
            _conflict = conflict;
        }
        catch (RuleViolationException refusal)
        {
            _errors.Show(refusal, LeadFormModel.Fields);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveOverAsync(LeadForEdit original)
    {
        _original = await Leads.UpdateLeadAsync(original, _model.ToChanges());
        _model = LeadFormModel.From(_original);
        _saved = _model.Snapshot();
        _errors.Clear();
        _conflict = null;
        Snackbar.Add("Lead saved.", Severity.Success);
    }

    /// <summary>Drops the user's edits and shows the lead as the other user saved it.</summary>
    private void ReloadTheirs()
    {
        _original = _conflict!.Current;
        _model = LeadFormModel.From(_original);
        _saved = _model.Snapshot();
        _conflict = null;
        _errors.Clear();
    }

    /// <summary>Saves the user's version over theirs, knowingly: the conflict's current state becomes the original.</summary>
    private async Task KeepMineAsync()
    {
        _busy = true;
        try
        {
            await SaveOverAsync(_conflict!.Current);
        }
        catch (LeadEditConflictException conflict)
        {
            _conflict = conflict;
        }
        catch (RuleViolationException refusal)
        {
            _conflict = null;
            _errors.Show(refusal, LeadFormModel.Fields);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (!await Dialogs.AskAsync("Delete lead?",
                $"Delete \"{_original!.Title}\"? Its stage and its links to organizations, individuals and contacts go with it " +
                "(the records themselves stay). This cannot be undone."))
            return;
        _busy = true;
        try
        {
            await Leads.DeleteLeadAsync(_original.Id);
            _saved = _model.Snapshot();
            Snackbar.Add("Lead deleted.", Severity.Success);
            Navigation.NavigateTo("/leads");
        }
        catch (RuleViolationException refusal)
        {
            _errors.Show(refusal);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<IEnumerable<string>> SearchSourcesAsync(string? term, CancellationToken ct) =>
        await Leads.GetSourceSuggestionsAsync(term, 10, ct);

    private Task<IReadOnlyList<Choice>> SearchDealsAsync(string? term, CancellationToken ct) => Deals.SearchDealsAsync(term, 10, ct);
    private Task<IReadOnlyList<Choice>> SearchOrganizationsAsync(string? term, CancellationToken ct) => Parties.SearchOrganizationsAsync(term, 10, ct);
    private Task<IReadOnlyList<Choice>> SearchIndividualsAsync(string? term, CancellationToken ct) => Parties.SearchIndividualsAsync(term, 10, ct);
    private Task<IReadOnlyList<Choice>> SearchContactsAsync(string? term, CancellationToken ct) => Parties.SearchContactsAsync(term, 10, ct);

    private async Task NewDealAsync()
    {
        if (await ShowAsync<QuickDealDialog>("New deal") is { } deal)
            _model.Deal = deal;
    }

    private Task<Choice?> NewOrganizationAsync() => ShowAsync<QuickOrganizationDialog>("New organization");
    private Task<Choice?> NewIndividualAsync() => ShowAsync<QuickIndividualDialog>("New individual");
    private Task<Choice?> NewContactAsync() => ShowAsync<QuickContactDialog>("New contact");

    private async Task<Choice?> ShowAsync<TDialog>(string title) where TDialog : IComponent
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(title, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: Choice created } ? created : null;
    }
}
