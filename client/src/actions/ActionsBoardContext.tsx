import { createContext, useContext } from 'react';
import type { Action } from './actionTypes.ts';

/** What the board shows of a map's actions. */
export interface ActionsBoard {
  mapId: string;
  /** The actions linked to each card. */
  byCard: ReadonlyMap<string, readonly Action[]>;
  /** I may create actions (owners and editors): cards offer "Turn into action". */
  canManage: boolean;
}

const Context = createContext<ActionsBoard | null>(null);

/** Gives the board the live actions (absent: no badge and no "Turn into action"). */
export const ActionsBoardProvider = Context.Provider;

/** The board's actions, or null when there are none to show (not loaded, or not for my role). */
export function useActionsBoard(): ActionsBoard | null {
  return useContext(Context);
}
