// Blazor's JS initializer for this app: registers the board's custom events before the circuit starts, so before any
// component renders (registered later, an element rendered before would listen for a browser event of that name). A card is
// one piece of markup, not elements of the render tree, so its column hears it through these: which card's
// "Move to" button was clicked (cardmove), which card started to drag (carddragstart). LeadId 0: not on one.
const leadIdOf = (event, selector, attribute) => {
    const element = event.target instanceof Element ? event.target.closest(selector) : null;
    return { leadId: element ? Number(element.getAttribute(attribute)) || 0 : 0 };
};

export function beforeWebStart() {
    const blazor = globalThis.Blazor;
    blazor.registerCustomEventType('cardmove', {
        browserEventName: 'click',
        createEventArgs: event => leadIdOf(event, '[data-move-lead]', 'data-move-lead'),
    });
    blazor.registerCustomEventType('carddragstart', {
        browserEventName: 'dragstart',
        createEventArgs: event => leadIdOf(event, '.board-card', 'data-lead-id'),
    });
}
