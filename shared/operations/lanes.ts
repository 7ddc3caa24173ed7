import * as Y from 'yjs';
import { z } from 'zod';
import { readString, setIfChanged } from '../doc-schema.ts';
import { newLaneId } from '../ids.ts';
import type { CardId, LaneId } from '../ids.ts';
import { laneKindInfo } from '../lane-kinds.ts';
import type { LaneKind } from '../lane-kinds.ts';
import { placeAt } from '../ordering.ts';
import type { MapOrigin } from '../origins.ts';
import { CARD_KEYS } from '../records/card.ts';
import { LANE_KEYS, LaneKindSchema, LaneTitleSchema } from '../records/lane.ts';
import { deleteCardsWhere } from './cascade.ts';
import { applyRekeys, orderedEntries, parseInput, requireRecord, runOp } from './transact.ts';

/** Fields given when adding a lane. */
export interface AddLaneInput {
  /** What the row holds. */
  readonly kind: LaneKind;
  /** Row title. */
  readonly title: string;
  /** Position among the lanes (0 = top); default: last. */
  readonly index?: number;
  /** Shown to invited customers; default from the kind (see laneKindInfo). */
  readonly customerVisible?: boolean;
}

const AddLaneSchema = z.strictObject({
  kind: LaneKindSchema,
  title: LaneTitleSchema,
  index: z.int().min(0).optional(),
  customerVisible: z.boolean().optional(),
});

/** Adds a lane (row) and returns its id. */
export function addLane(doc: Y.Doc, input: AddLaneInput, origin?: MapOrigin): LaneId {
  const data = parseInput(AddLaneSchema, input, 'lane');
  return runOp(doc, origin, ({ lanes }) => {
    const siblings = orderedEntries(lanes, LANE_KEYS.order);
    const { key, rekeyed } = placeAt(siblings, data.index ?? siblings.length);
    applyRekeys(lanes, LANE_KEYS.order, rekeyed);
    const id = newLaneId();
    const map = new Y.Map<unknown>();
    lanes.set(id, map);
    map.set(LANE_KEYS.kind, data.kind);
    map.set(LANE_KEYS.title, data.title);
    map.set(LANE_KEYS.order, key);
    // Always stored explicitly: the customer projection must not depend on a default.
    map.set(
      LANE_KEYS.customerVisible,
      data.customerVisible ?? laneKindInfo(data.kind).customerVisibleByDefault,
    );
    return id;
  });
}

/** Renames a lane. */
export function renameLane(doc: Y.Doc, id: LaneId, title: string, origin?: MapOrigin): void {
  const value = parseInput(LaneTitleSchema, title, 'lane title');
  runOp(doc, origin, ({ lanes }) => {
    setIfChanged(requireRecord(lanes, id, 'Lane'), LANE_KEYS.title, value);
  });
}

/** Changes what a lane holds; its cards keep all their fields. */
export function setLaneKind(doc: Y.Doc, id: LaneId, kind: LaneKind, origin?: MapOrigin): void {
  const value = parseInput(LaneKindSchema, kind, 'lane kind');
  runOp(doc, origin, ({ lanes }) => {
    setIfChanged(requireRecord(lanes, id, 'Lane'), LANE_KEYS.kind, value);
  });
}

/** Moves a lane to position `toIndex` among the lanes (clamped). */
export function moveLane(doc: Y.Doc, id: LaneId, toIndex: number, origin?: MapOrigin): void {
  const index = parseInput(z.int(), toIndex, 'lane index');
  runOp(doc, origin, ({ lanes }) => {
    const map = requireRecord(lanes, id, 'Lane');
    const siblings = orderedEntries(lanes, LANE_KEYS.order, (lid) => lid !== id);
    const { key, rekeyed } = placeAt(siblings, index);
    applyRekeys(lanes, LANE_KEYS.order, rekeyed);
    map.set(LANE_KEYS.order, key);
  });
}

/** Shows or hides a lane from invited customers. */
export function setLaneVisibility(
  doc: Y.Doc,
  id: LaneId,
  customerVisible: boolean,
  origin?: MapOrigin,
): void {
  const value = parseInput(z.boolean(), customerVisible, 'lane visibility');
  runOp(doc, origin, ({ lanes }) => {
    setIfChanged(requireRecord(lanes, id, 'Lane'), LANE_KEYS.customerVisible, value);
  });
}

/**
 * Deletes a lane together with the cards this replica currently sees in it, and returns their
 * ids. Sync: a card added or moved into the lane concurrently shows in `MapView.unplaced`.
 */
export function deleteLane(doc: Y.Doc, id: LaneId, origin?: MapOrigin): CardId[] {
  return runOp(doc, origin, ({ lanes, cards }) => {
    requireRecord(lanes, id, 'Lane');
    const deleted = deleteCardsWhere(cards, (m) => readString(m, CARD_KEYS.laneId) === id);
    lanes.delete(id);
    return deleted;
  });
}
