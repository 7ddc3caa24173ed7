import { createContext, useContext } from 'react';
import type { VotesState } from './useVotes.ts';

const Context = createContext<VotesState | null>(null);

/** Gives the board's cards the map's dot voting (absent: no vote toggles or badges). */
export const VotesBoardProvider = Context.Provider;

/** The map's dot voting, or null when there is none to show. */
export function useVotesBoard(): VotesState | null {
  return useContext(Context);
}
