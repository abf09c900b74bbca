using MudBlazor;

namespace DealTracker.Web.Components.Shared;

public static class ConfirmDelete
{
    /// <summary>Asks before a destructive action, saying what else goes with it.</summary>
    public static async Task<bool> AskAsync(this IDialogService dialogs, string title, string consequences) =>
        await dialogs.ShowMessageBoxAsync(title, consequences, yesText: "Delete", cancelText: "Cancel") == true;
}
