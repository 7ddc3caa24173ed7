import * as Y from 'yjs';
import { z } from 'zod';
import { readString, setIfChanged } from '../doc-schema.ts';
import { newStageId } from '../ids.ts';
import type { CardId, StageId } from '../ids.ts';
import { placeAt } from '../ordering.ts';
import type { MapOrigin } from '../origins.ts';
import { CARD_KEYS } from '../records/card.ts';
import { STAGE_KEYS, StageNameSchema } from '../records/stage.ts';
import { applyRekeys, orderedEntries, parseInput, requireRecord, runOp } from './transact.ts';
import { deleteCardsWhere } from './cascade.ts';

/** Fields given when adding a stage. */
export interface AddStageInput {
  /** Column title. */
  readonly name: string;
  /** Position among the stages (0 = first); default: last. */
  readonly index?: number;
}

const AddStageSchema = z.strictObject({
  name: StageNameSchema,
  index: z.int().min(0).optional(),
});

/** Adds a stage (column) and returns its id. */
export function addStage(doc: Y.Doc, input: AddStageInput, origin?: MapOrigin): StageId {
  const data = parseInput(AddStageSchema, input, 'stage');
  return runOp(doc, origin, ({ stages }) => {
    const siblings = orderedEntries(stages, STAGE_KEYS.order);
    const { key, rekeyed } = placeAt(siblings, data.index ?? siblings.length);
    applyRekeys(stages, STAGE_KEYS.order, rekeyed);
    const id = newStageId();
    const map = new Y.Map<unknown>();
    stages.set(id, map);
    map.set(STAGE_KEYS.name, data.name);
    map.set(STAGE_KEYS.order, key);
    return id;
  });
}

/** Renames a stage. */
export function renameStage(doc: Y.Doc, id: StageId, name: string, origin?: MapOrigin): void {
  const value = parseInput(StageNameSchema, name, 'stage name');
  runOp(doc, origin, ({ stages }) => {
    setIfChanged(requireRecord(stages, id, 'Stage'), STAGE_KEYS.name, value);
  });
}

/** Moves a stage to position `toIndex` among the stages (clamped). */
export function moveStage(doc: Y.Doc, id: StageId, toIndex: number, origin?: MapOrigin): void {
  const index = parseInput(z.int(), toIndex, 'stage index');
  runOp(doc, origin, ({ stages }) => {
    const map = requireRecord(stages, id, 'Stage');
    const siblings = orderedEntries(stages, STAGE_KEYS.order, (sid) => sid !== id);
    const { key, rekeyed } = placeAt(siblings, index);
    applyRekeys(stages, STAGE_KEYS.order, rekeyed);
    map.set(STAGE_KEYS.order, key);
  });
}

/**
 * Deletes a stage together with the cards this replica currently sees in it, and returns the
 * ids of those cards. Sync: a card another replica adds or moves into the stage concurrently
 * is not deleted; it shows in `MapView.unplaced` (never hidden) until placed again.
 */
export function deleteStage(doc: Y.Doc, id: StageId, origin?: MapOrigin): CardId[] {
  return runOp(doc, origin, ({ stages, cards }) => {
    requireRecord(stages, id, 'Stage');
    const deleted = deleteCardsWhere(cards, (m) => readString(m, CARD_KEYS.stageId) === id);
    stages.delete(id);
    return deleted;
  });
}
