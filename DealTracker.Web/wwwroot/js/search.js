// Ctrl+K (Cmd+K) or "/" focuses the app-bar search from anywhere; "/" only when not typing in a field already.
// In the search field, the up and down arrows choose a result (the server handles the key) and must not move the caret.
document.addEventListener('keydown', e => {
    const input = document.getElementById('global-search-input');
    if (!input) return;
    const target = e.target instanceof HTMLElement ? e.target : null;
    const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
    } else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
    } else if (target === input && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
    }
});
