using DealTracker.Data.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Web.Components.Shared;

public static class QuickCreate
{
    /// <summary>Shows a quick-create dialog over the form that needs the record; the created (or picked existing) one, or null.</summary>
    public static async Task<Choice?> QuickCreateAsync<TDialog>(this IDialogService dialogs, string title) where TDialog : IComponent
    {
        var dialog = await dialogs.ShowAsync<TDialog>(title, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: Choice created } ? created : null;
    }
}
