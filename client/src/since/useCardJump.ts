import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { BoardNavigation } from '../board/BoardNavigation.tsx';

/**
 * `?card=<id>` on a map page (CONTRACT.md): once the board is shown, scrolls that card into view
 * (the board renders it on the way), focuses it and flashes it, then drops the parameter (so the
 * same jump works again). A card that is not on the board (deleted meanwhile) is simply not found.
 */
export function useCardJump(navigation: BoardNavigation | null): void {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const cardId = new URLSearchParams(search).get('card');

  useEffect(() => {
    if (!navigation || !cardId) return;
    navigation.revealCard(cardId, { focus: true, flash: true });
    const rest = new URLSearchParams(search);
    rest.delete('card');
    const query = rest.toString();
    navigate(`${location}${query ? `?${query}` : ''}`, { replace: true });
  }, [navigation, cardId, location, search, navigate]);
}
