using Microsoft.AspNetCore.Components;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// The board's custom events, so that a column hears its cards without an element of the render tree per card:
/// <c>@oncardmove</c> (a click on a card's "Move to" button) and <c>@oncarddragstart</c> (a card starting to drag).
/// The Razor compiler looks for custom events only on classes named <c>EventHandlers</c>.
/// </summary>
[EventHandler("oncardmove", typeof(CardEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("oncarddragstart", typeof(CardEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
