// The pipeline board uses the browser's own drag and drop; the server hears dragstart and drop. Some browsers start a
// drag only when the dragstart handler puts data on it, which Blazor's event handlers cannot do, hence this listener.
// While a move is being saved the board says data-moving="true" and no card starts to drag.
document.addEventListener('dragstart', e => {
    const shell = e.target instanceof Element ? e.target.closest('.board-card') : null;
    if (shell && shell.closest('.board')?.dataset.moving === 'true') {
        e.preventDefault();
        return;
    }
    if (shell && e.dataTransfer) {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', shell.dataset.leadId || '');
    }
});

// Keyboard on the board: the cards are one Tab stop (a roving tabindex); arrow keys move between cards (Up/Down) and
// columns (Left/Right), Home/End to a column's ends, Enter or Space opens the card, M its "Move to". Down on the last
// loaded card of a column loads more and goes on to the next card once it is there. The server renders every card with
// tabindex="-1"; only this script hands out the one 0, so a re-render never takes the Tab stop away or adds one.
(() => {
    let pending = null; // { column, index }: the card to focus once "Show more" has brought it
    // The card that has the focus. A card is one piece of markup: when what it shows changes (its own move saved, a
    // colleague's edit), a refresh replaces its element, and the focus, which would fall to the page, goes to the new one.
    let focusedCard = null;

    const cardsIn = column => [...column.querySelectorAll('.board-column-cards .board-card')];

    function makeStop(card) {
        const board = card.closest('.board');
        if (!board) return;
        board.querySelectorAll('.board-card[tabindex="0"]').forEach(other => { if (other !== card) other.tabIndex = -1; });
        card.tabIndex = 0;
    }

    function focusCard(card) {
        makeStop(card);
        card.focus({ preventScroll: true });
        card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }

    function keepOneStop() {
        if (focusedCard && !focusedCard.isConnected) {
            const again = document.querySelector(`.board-card[data-lead-id="${CSS.escape(focusedCard.dataset.leadId || '')}"]`);
            focusedCard = null;
            if (again && (!document.activeElement || document.activeElement === document.body)) {
                makeStop(again);
                again.focus({ preventScroll: true });
            }
        }
        for (const board of document.querySelectorAll('.board')) {
            if (!board.querySelector('.board-card[tabindex="0"]')) {
                const first = board.querySelector('.board-column[data-folded="false"] .board-card');
                if (first) first.tabIndex = 0;
            }
        }
        if (pending) {
            const column = document.querySelector(`.board-column[data-testid="${CSS.escape(pending.column)}"]`);
            const cards = column ? cardsIn(column) : [];
            if (cards.length > pending.index) {
                const card = cards[pending.index];
                pending = null;
                focusCard(card);
            } else if (!column || !column.querySelector('.board-load-more')) {
                pending = null;
            }
        }
    }

    function nextColumnCard(card, step) {
        const columns = [...card.closest('.board').querySelectorAll('.board-column[data-folded="false"]')];
        const column = card.closest('.board-column');
        const index = cardsIn(column).indexOf(card);
        for (let i = columns.indexOf(column) + step; i >= 0 && i < columns.length; i += step) {
            const cards = cardsIn(columns[i]);
            if (cards.length) return cards[Math.min(index, cards.length - 1)];
        }
        return null;
    }

    document.addEventListener('keydown', e => {
        const card = e.target instanceof Element && e.target.matches('.board-card') ? e.target : null;
        if (!card || e.altKey || e.ctrlKey || e.metaKey) return;
        const column = card.closest('.board-column');
        const cards = cardsIn(column);
        const index = cards.indexOf(card);
        let target = null;
        switch (e.key) {
            case 'ArrowDown':
                if (index < cards.length - 1) target = cards[index + 1];
                else {
                    const more = column.querySelector('.board-load-more');
                    if (more && !more.disabled) {
                        pending = { column: column.dataset.testid, index: index + 1 };
                        more.click();
                    }
                }
                break;
            case 'ArrowUp': target = index > 0 ? cards[index - 1] : null; break;
            case 'Home': target = cards[0]; break;
            case 'End': target = cards[cards.length - 1]; break;
            case 'ArrowRight': target = nextColumnCard(card, 1); break;
            case 'ArrowLeft': target = nextColumnCard(card, -1); break;
            case 'Enter':
            case ' ':
                card.querySelector('[data-testid="lead-card-title"]')?.click();
                break;
            case 'm':
            case 'M':
                card.querySelector('[data-testid="move-menu"] button')?.click();
                break;
            default:
                return;
        }
        e.preventDefault();
        if (target) {
            pending = null;
            focusCard(target);
        }
    });

    // A click or a focus inside a card makes it the board's Tab stop.
    document.addEventListener('focusin', e => {
        const card = e.target instanceof Element ? e.target.closest('.board-card') : null;
        if (card) makeStop(card);
        focusedCard = card;
    });

    // Focus leaving a card for the page itself: the card was removed (the browser says so while it is still in the
    // document; keepOneStop, which runs first, has given the focus to its new element) or the user clicked outside
    // any control, and the card is still there: that focus is not given back.
    document.addEventListener('focusout', e => {
        const card = e.target instanceof Element ? e.target.closest('.board-card') : null;
        if (!card || card !== focusedCard || e.relatedTarget) return;
        setTimeout(() => { if (focusedCard === card && card.isConnected) focusedCard = null; });
    });

    new MutationObserver(keepOneStop).observe(document.documentElement, { childList: true, subtree: true });

    window.dealTrackerBoard = {
        /** Focuses a lead's card (after a move, in its new column); a folded column's strip if the card is not shown. */
        focusCard(leadId, stage) {
            const card = document.querySelector(`.board-card[data-lead-id="${CSS.escape(String(leadId))}"]`);
            if (card) { focusCard(card); return; }
            document.querySelector(`.board-column[data-testid="${CSS.escape('column-' + stage)}"] button`)?.focus();
        },
    };
})();
