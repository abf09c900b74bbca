// A value far longer than any field takes (20,000 characters; the longest field takes 4,000) is cut to that length
// before Blazor sends it, so it always reaches the server, which refuses it next to the field. Sent whole, it could
// exceed the circuit's message size: the connection would drop and the edit would vanish without a word.
(function () {
    const ceiling = 20000;
    const cut = event => {
        const field = event.target;
        if ((field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) && field.value.length > ceiling)
            field.value = field.value.slice(0, ceiling);
    };
    // Capture phase on window: runs before Blazor's own listeners read the value.
    window.addEventListener('input', cut, true);
    window.addEventListener('change', cut, true);
})();
