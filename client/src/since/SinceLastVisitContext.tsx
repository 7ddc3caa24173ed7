import { createContext, useContext } from 'react';

/** The cards created or changed by others since my last visit (highlighted until dismissed). */
const ChangedCards = createContext<ReadonlySet<string>>(new Set());

export const ChangedCardsProvider = ChangedCards.Provider;

/** True when someone else created or changed this card since my last visit. */
export function useChangedSinceLastVisit(cardId: string): boolean {
  return useContext(ChangedCards).has(cardId);
}
