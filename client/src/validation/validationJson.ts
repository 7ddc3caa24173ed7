import type * as Y from 'yjs';

/**
 * The team's view of the customers' answers (CONTRACT11.md, `ValidationJson`). Declared here until
 * shared/validation.ts (branch `feedback`) is merged; then this module only re-exports it.
 */

/** A card's state from its answers. */
export type CardValidationState = 'assumed' | 'validated' | 'disputed';

/** A map's state from its cards' states. */
export type MapValidationState = 'assumed' | 'partly-validated' | 'validated';

/** A customer's answer to one step. */
export type Verdict = 'yes' | 'different' | 'not-me';

/** The whole validation summary of one map. */
export interface ValidationJson {
  settings: { minAnswers: number; majority: number };
  responses: { total: number; submitted: number };
  state: MapValidationState;
  cards: {
    cardId: string;
    state: CardValidationState;
    yes: number;
    different: number;
    notMe: number;
    notes: { verdict: Verdict; note: string; firstName?: string; at: string }[];
  }[];
  stages: {
    stageId: string;
    emotion: { mean: number; count: number } | null;
    agreement: number | null;
    missing: { note: string; firstName?: string; at: string }[];
  }[];
  comments: { text: string; firstName?: string; at: string }[];
}

/** One card's entry of the summary. */
export type CardValidationJson = ValidationJson['cards'][number];

/** One stage's entry of the summary. */
export type StageValidationJson = ValidationJson['stages'][number];

/** The live validation document of a map: `map:<id>/validation`. */
export function validationDocName(mapId: string): string {
  return `map:${mapId}/validation`;
}

/** The summary held by a live validation document, or null before the server wrote it. */
export function readValidation(doc: Y.Doc): ValidationJson | null {
  const value = doc.getMap<unknown>('validation').get('current');
  return value && typeof value === 'object' ? (value as ValidationJson) : null;
}
