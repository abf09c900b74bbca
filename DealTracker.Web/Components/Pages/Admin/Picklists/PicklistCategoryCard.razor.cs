using DealTracker.Data.Infrastructure;
using DealTracker.Data.Picklists;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Web.Components.Pages.Admin.Picklists;

public partial class PicklistCategoryCard
{
    [Parameter, EditorRequired] public PicklistAdminCategory Category { get; set; } = null!;

    /// <summary>Raised after a change was saved (or refused because the list changed), so the page reloads the lists.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] private PicklistAdminService Admin { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private MudDropContainer<PicklistAdminValue>? _container;
    private PicklistAdminCategory? _shown;
    private string? _newValue;
    private string? _addError;
    private string? _error;
    private bool _busy;

    protected override void OnAfterRender(bool firstRender)
    {
        // The drop container keeps its own copy of the items: hand it a reloaded list (once per list).
        if (ReferenceEquals(_shown, Category))
            return;
        _shown = Category;
        _container?.Refresh();
    }

    private Task AddAsync() => RunAsync(async () =>
    {
        await Admin.AddAsync(Category.Category, _newValue);
        var name = _newValue!.Trim();
        _newValue = null;
        return $"Added \"{name}\" to {Category.DisplayName.ToLowerInvariant()}.";
    }, refusal => _addError = refusal.Field == "Value" ? refusal.Message : null);

    private Task MoveAsync(PicklistAdminValue value, PicklistMove direction) => RunAsync(async () =>
    {
        await Admin.MoveAsync(Ref(value), direction);
        return $"Moved \"{value.Value}\" {(direction == PicklistMove.Up ? "up" : "down")}.";
    });

    private Task DroppedAsync(MudItemDropInfo<PicklistAdminValue> drop)
    {
        var moved = drop.Item!;
        var order = Category.Values.Where(v => v.Id != moved.Id).ToList();
        order.Insert(Math.Clamp(drop.IndexInZone, 0, order.Count), moved);
        if (order.Select(v => v.Id).SequenceEqual(Category.Values.Select(v => v.Id)))
            return Task.CompletedTask;
        return RunAsync(async () =>
        {
            await Admin.SetOrderAsync(Category.Category, order.Select(Ref).ToList());
            return $"Saved the new order of {Category.DisplayName.ToLowerInvariant()}.";
        });
    }

    private Task SetActiveAsync(PicklistAdminValue value, bool active) => RunAsync(async () =>
    {
        await Admin.SetActiveAsync(Ref(value), active);
        return active ? $"\"{value.Value}\" is offered again." : $"\"{value.Value}\" is no longer offered; records keep it.";
    });

    private Task SetFlagsAsync(PicklistAdminValue value, bool needsReason, bool isClosed) => RunAsync(async () =>
    {
        await Admin.SetStageFlagsAsync(Ref(value), needsReason, isClosed);
        return $"Saved the stage \"{value.Value}\".";
    });

    private async Task RenameAsync(PicklistAdminValue value)
    {
        var parameters = new DialogParameters<PicklistRenameDialog>
        {
            { d => d.Value, value }, { d => d.CategoryName, Category.DisplayName },
        };
        await ShowAsync<PicklistRenameDialog>($"Rename \"{value.Value}\"", parameters);
    }

    private async Task DeleteAsync(PicklistAdminValue value)
    {
        var parameters = new DialogParameters<PicklistDeleteDialog>
        {
            { d => d.Value, value }, { d => d.Others, Category.Values.Where(v => v.Id != value.Id).ToList() },
        };
        await ShowAsync<PicklistDeleteDialog>($"Delete \"{value.Value}\"", parameters);
    }

    /// <summary>Dialogs save on their own (so their errors stay next to their fields) and return the sentence to report.</summary>
    private async Task ShowAsync<TDialog>(string title, DialogParameters parameters) where TDialog : IComponent
    {
        _error = null;
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: string message })
        {
            await Changed.InvokeAsync();
            Snackbar.Add(message, Severity.Success);
        }
    }

    private async Task RunAsync(Func<Task<string>> save, Action<RuleViolationException>? onRefused = null)
    {
        _busy = true;
        _error = null;
        _addError = null;
        try
        {
            var message = await save();
            await Changed.InvokeAsync();
            Snackbar.Add(message, Severity.Success);
        }
        catch (RuleViolationException refusal)
        {
            onRefused?.Invoke(refusal);
            if (_addError is null)
                _error = refusal.Message;
            // A refusal may come from someone else's change: show the lists as they are now.
            if (refusal is ConcurrencyConflictException or RecordNotFoundException)
                await Changed.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static PicklistValueRef Ref(PicklistAdminValue value) => new(value.Id, value.Version);
}
