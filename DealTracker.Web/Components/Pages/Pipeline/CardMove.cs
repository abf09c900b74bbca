namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// A move the user asked for, by drag and drop or the "Move to" menu; <paramref name="ReturnFocus"/> when the move came
/// from the keyboard's way (a dialog that took the focus), so the focus goes back to the card in its new column.
/// </summary>
public sealed record CardMove(BoardCard Card, string ToStage, bool ReturnFocus = false);
