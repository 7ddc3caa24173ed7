import type * as Y from 'yjs';
import { z } from 'zod';
import { readString } from '../doc-schema.ts';
import { StageIdSchema } from '../ids.ts';
import type { StageId } from '../ids.ts';
import { OrderKeySchema } from '../ordering.ts';
import { plainName } from '../plain-text.ts';
import type { OrderKey } from '../ordering.ts';

/** Keys of a stage's Y.Map in `stages` (schema v1). Unknown keys are left untouched. */
export const STAGE_KEYS = {
  name: 'name',
  order: 'order',
} as const;

/** A stage: one column of the map, e.g. "Plan the trip". */
export interface StageView {
  /** Stable id, the key in the `stages` root map. */
  readonly id: StageId;
  /** Column title (plain text, last writer wins). */
  readonly name: string;
  /** Fractional-index key; columns are sorted by (order, id) so every replica agrees. */
  readonly order: OrderKey;
}

/** Longest stage name accepted. */
export const STAGE_NAME_MAX = 200;

/** Zod validator for a stage name. */
export const StageNameSchema = plainName(z.string().max(STAGE_NAME_MAX));

/** Zod validator for a whole stage record (used by JSON interchange). */
export const StageSchema = z.strictObject({
  id: StageIdSchema,
  name: StageNameSchema,
  order: OrderKeySchema,
});

/** Name of a stage created without one. */
export const DEFAULT_STAGE_NAME = '';

/** Reads one stage from its Y.Map; missing or malformed fields fall back to defaults. */
export function readStage(id: string, map: Y.Map<unknown>): StageView {
  return {
    id: id as StageId,
    name: readString(map, STAGE_KEYS.name) ?? DEFAULT_STAGE_NAME,
    order: readString(map, STAGE_KEYS.order) ?? '',
  };
}
