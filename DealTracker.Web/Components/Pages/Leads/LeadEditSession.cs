using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Web.Components.Shared;

namespace DealTracker.Web.Components.Pages.Leads;

/// <summary>
/// The lead on the editor: as the user loaded it, as they typed it, and the conflict flow of a save over someone
/// else's (what they changed; then reload theirs, or keep mine knowingly).
/// </summary>
public sealed class LeadEditSession(LeadService leads)
{
    private string _saved = "";

    /// <summary>The lead as loaded or last saved; null for a new lead.</summary>
    public LeadForEdit? Original { get; private set; }
    public LeadFormModel Model { get; private set; } = new();
    /// <summary>Someone else saved first: what they changed. Null when there is no conflict.</summary>
    public LeadEditConflictException? Conflict { get; private set; }
    public FieldErrors Errors { get; } = new();

    public bool HasChanges => Model.Snapshot() != _saved;

    /// <summary>Starts over from <paramref name="original"/> (null: a new lead) shown as <paramref name="model"/>.</summary>
    public void Load(LeadForEdit? original, LeadFormModel model)
    {
        (Original, Model, Conflict) = (original, model, null);
        Errors.Clear();
        MarkSaved();
    }

    /// <summary>What the form shows is saved: leaving the page asks nothing.</summary>
    public void MarkSaved() => _saved = Model.Snapshot();

    /// <summary>
    /// Saves the edits over the lead as the user loaded it. False when refused (the errors say why) or when someone
    /// else saved first (<see cref="Conflict"/> says what they changed).
    /// </summary>
    public Task<bool> SaveAsync() => SaveOverAsync(Original!, keepingMine: false);

    /// <summary>Drops the user's edits and shows the lead as the other user saved it.</summary>
    public void ReloadTheirs() => Load(Conflict!.Current, LeadFormModel.From(Conflict.Current));

    /// <summary>Saves the user's version over theirs, knowingly: the conflict's current state becomes the original.</summary>
    public Task<bool> KeepMineAsync() => SaveOverAsync(Conflict!.Current, keepingMine: true);

    private async Task<bool> SaveOverAsync(LeadForEdit original, bool keepingMine)
    {
        try
        {
            var saved = await leads.UpdateLeadAsync(original, Model.ToChanges());
            Load(saved, LeadFormModel.From(saved));
            return true;
        }
        catch (LeadEditConflictException conflict)
        {
            Conflict = conflict;
        }
        catch (RuleViolationException refusal)
        {
            if (keepingMine)
                Conflict = null;
            Errors.Show(refusal, LeadFormModel.Fields);
        }
        return false;
    }
}
