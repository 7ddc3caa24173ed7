import { createContext, useContext } from 'react';

/** How a card is brought into view. */
export interface RevealOptions {
  /** Move the keyboard focus to the card (default true). */
  focus?: boolean;
  /** Highlight the card for a moment (default true). */
  flash?: boolean;
}

/**
 * What the board offers to everything that needs to show one of its cards: the search box, the
 * "since your last visit" jumps, `?card=` links. The board only renders what is on screen, so a
 * card that is far away is not in the page until the board scrolls to it: use this, never
 * `document.querySelector` on a card id.
 */
export interface BoardNavigation {
  /** Scrolls the card into view, then focuses and flashes it. False when it is not on the board. */
  revealCard(cardId: string, options?: RevealOptions): boolean;
}

export const BoardNavigationContext = createContext<BoardNavigation | null>(null);

/** The board's navigation, or null outside a board. */
export function useBoardNavigation(): BoardNavigation | null {
  return useContext(BoardNavigationContext);
}
