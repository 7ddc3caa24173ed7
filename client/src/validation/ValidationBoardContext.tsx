import { createContext, useContext } from 'react';
import type { BoardValidation } from './boardValidation.ts';

/** What the board shows of the customers' answers. */
export interface ValidationBoard extends BoardValidation {
  /** "Disputed first": each cell lists its disputed cards first. */
  disputedFirst: boolean;
}

const Context = createContext<ValidationBoard | null>(null);

/** Gives the board the live validation summary (absent: the board shows no validation at all). */
export const ValidationBoardProvider = Context.Provider;

/** The board's validation, or null when there is none to show (not loaded, or not for my role). */
export function useValidationBoard(): ValidationBoard | null {
  return useContext(Context);
}
