// The pipeline board uses the browser's own drag and drop; the server hears dragstart and drop. Some browsers start a
// drag only when the dragstart handler puts data on it, which Blazor's event handlers cannot do, hence this listener.
document.addEventListener('dragstart', e => {
    const shell = e.target instanceof Element ? e.target.closest('.board-card-shell') : null;
    if (shell && e.dataTransfer) {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', shell.dataset.dragLead || '');
    }
});
