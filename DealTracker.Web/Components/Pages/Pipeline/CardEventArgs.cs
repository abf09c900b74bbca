namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// A card's event heard by its column: which lead's card it came from (0 when the event was not on a card, or, for
/// <c>oncardmove</c>, not on its "Move to" button). Built in the browser by the custom event types that
/// wwwroot/DealTracker.Web.lib.module.js registers.
/// </summary>
public sealed class CardEventArgs : EventArgs
{
    public long LeadId { get; set; }
}
