using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Picklists;
using DealTracker.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Web.Components.Pages.Leads;

/// <summary>
/// Creates and edits a lead with its parties. Everything is saved at once; a save over someone else's shows what
/// they changed and lets the user reload theirs or keep their own (<see cref="LeadEditSession"/>).
/// </summary>
public sealed partial class LeadEditor
{
    [Parameter] public long? Id { get; set; }
    /// <summary>The deal a new lead starts on (text: a hand-edited "?dealId=abc" is ignored).</summary>
    [SupplyParameterFromQuery(Name = "dealId")] public string? DealId { get; set; }

    [Inject] private LeadService Leads { get; set; } = null!;
    [Inject] private DealService Deals { get; set; } = null!;
    [Inject] private PicklistService Picklists { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IActingUser Actor { get; set; } = null!;

    private LeadEditSession _edit = null!;
    private bool _loading = true, _missing, _busy;

    private bool HasChanges => !_loading && !_missing && _edit.HasChanges;

    protected override void OnInitialized() => _edit = new LeadEditSession(Leads);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        if (Id is { } id)
        {
            LeadForEdit? original;
            try
            {
                original = await Leads.GetLeadForEditAsync(id);
            }
            catch (RecordNotFoundException)
            {
                // Someone else's lead looks exactly like a missing one: no data leaves the service.
                original = null;
            }
            _missing = original is null;
            _edit.Load(original, original is null ? new LeadFormModel() : LeadFormModel.From(original));
        }
        else
            _edit.Load(null, await NewLeadAsync());
        _loading = false;
    }

    /// <summary>A new lead: owned by the acting user, in the first active stage, on the deal the link named.</summary>
    private async Task<LeadFormModel> NewLeadAsync()
    {
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
        return new LeadFormModel
        {
            OwnerUserId = Actor.UserId,
            Stage = stages.FirstOrDefault()?.Value,
            Deal = deal is null ? null : new Choice(deal.Id, deal.Name),
        };
    }

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            if (_edit.Original is null)
                await CreateAsync();
            else if (await _edit.SaveAsync())
                Snackbar.Add("Lead saved.", Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateAsync()
    {
        try
        {
            var id = await Leads.CreateLeadAsync(_edit.Model.ToNewLead());
            _edit.MarkSaved();
            Snackbar.Add("Lead created.", Severity.Success);
            Navigation.NavigateTo($"/leads/{id}");
        }
        catch (RuleViolationException refusal)
        {
            _edit.Errors.Show(refusal, LeadFormModel.Fields);
        }
    }

    private async Task KeepMineAsync()
    {
        _busy = true;
        try
        {
            if (await _edit.KeepMineAsync())
                Snackbar.Add("Lead saved.", Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        var lead = _edit.Original!;
        if (!await Dialogs.AskAsync("Delete lead?",
                $"Delete \"{lead.Title}\"? Its stage and its links to organizations, individuals and contacts go with it " +
                "(the records themselves stay). This cannot be undone."))
            return;
        _busy = true;
        try
        {
            await Leads.DeleteLeadAsync(lead.Id);
            _edit.MarkSaved();
            Snackbar.Add("Lead deleted.", Severity.Success);
            Navigation.NavigateTo("/leads");
        }
        catch (RuleViolationException refusal)
        {
            _edit.Errors.Show(refusal);
        }
        finally
        {
            _busy = false;
        }
    }
}
