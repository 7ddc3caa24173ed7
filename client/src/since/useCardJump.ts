import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';

/** How long a card we jumped to stays highlighted. */
const FLASH_MS = 2_000;

/**
 * `?card=<id>` on a map page (CONTRACT.md): once the board is shown, scrolls that card into view,
 * focuses it and flashes it, then drops the parameter (so the same jump works again). A card that
 * is not on the board (deleted meanwhile) is simply not found.
 */
export function useCardJump(mapId: string, ready: boolean): void {
  const search = useSearch();
  const [, navigate] = useLocation();
  const cardId = new URLSearchParams(search).get('card');

  useEffect(() => {
    if (!ready || !cardId) return;
    const element = document.querySelector(`[data-card-id="${CSS.escape(cardId)}"]`);
    if (element instanceof HTMLElement) {
      // Focusable from script only, so screen readers land on it; not a tab stop.
      element.tabIndex = -1;
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      element.scrollIntoView({
        block: 'center',
        inline: 'center',
        behavior: smooth ? 'smooth' : 'auto',
      });
      element.focus({ preventScroll: true });
      element.classList.add('card--flash');
      // Not cleared with the effect: dropping the parameter below re-runs it at once.
      setTimeout(() => element.classList.remove('card--flash'), FLASH_MS);
    }
    const rest = new URLSearchParams(search);
    rest.delete('card');
    const query = rest.toString();
    navigate(`/maps/${mapId}${query ? `?${query}` : ''}`, { replace: true });
  }, [ready, cardId, mapId, search, navigate]);
}
