import * as Y from 'yjs';
import { z } from 'zod';
import { fragmentText, replaceWithParagraphs, textToParagraphs } from '../card-body.ts';
import { mapRoots, readInt, readString, recordMap, setIfChanged } from '../doc-schema.ts';
import { MapOperationError } from '../errors.ts';
import { CardIdSchema, LaneIdSchema, newCardId, StageIdSchema } from '../ids.ts';
import type { CardId, LaneId, PersonaId, StageId } from '../ids.ts';
import { placeAt } from '../ordering.ts';
import type { MapOrigin } from '../origins.ts';
import {
  CARD_KEYS,
  CardFieldsPatchSchema,
  CardFieldsSchema,
  CardPersonaIdsSchema,
  CardTextSchema,
  EmotionSchema,
  PRIORITY_KEYS,
  readCardBody,
} from '../records/card.ts';
import type { CardFields, CardFieldsPatch, CardView } from '../records/card.ts';
import { PRIORITY_MAX, PRIORITY_MIN } from '../scoring.ts';
import { applyRekeys, orderedEntries, parseInput, requireRecord, runOp } from './transact.ts';

/** Fields given when adding a card. */
export interface AddCardInput extends CardFields {
  /** Column of the new card. */
  readonly stageId: StageId;
  /** Row of the new card. */
  readonly laneId: LaneId;
  /** Plain text; paragraphs split on '\n'. Default: empty. */
  readonly text?: string;
  /** Position within the cell (0 = top); default: last. */
  readonly index?: number;
}

const AddCardSchema = CardFieldsSchema.extend({
  stageId: StageIdSchema,
  laneId: LaneIdSchema,
  text: CardTextSchema.optional(),
  index: z.int().min(0).optional(),
});

/** Where to move or place a card. */
export interface CardTarget {
  /** Destination column. */
  readonly stageId: StageId;
  /** Destination row. */
  readonly laneId: LaneId;
  /** Position within the destination cell (0 = top); default: last. */
  readonly index?: number;
}

const CardTargetSchema = z.strictObject({
  stageId: StageIdSchema,
  laneId: LaneIdSchema,
  index: z.int().min(0).optional(),
});

function cellSiblings(cards: Y.Map<unknown>, stageId: string, laneId: string, except?: string) {
  return orderedEntries(
    cards,
    CARD_KEYS.order,
    (id, m) =>
      id !== except &&
      readString(m, CARD_KEYS.stageId) === stageId &&
      readString(m, CARD_KEYS.laneId) === laneId,
  );
}

/**
 * Writes the fields of a validated patch. `null` deletes a key; a partial priority merges with
 * the stored factors and must end complete. Keys the patch does not name are never touched.
 */
function writeFields(map: Y.Map<unknown>, patch: z.output<typeof CardFieldsPatchSchema>): void {
  const simple = ['department', 'channel', 'emotion', 'momentOfTruth'] as const;
  for (const key of simple) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null) map.delete(CARD_KEYS[key]);
    else if (map.get(CARD_KEYS[key]) !== value) map.set(CARD_KEYS[key], value);
  }
  // One plain array, written whole: two people tagging at once end with one of their lists
  // (last writer wins) on every replica, never a mix. No tags is no key.
  const personaIds = patch.personaIds;
  if (personaIds === null || personaIds?.length === 0) map.delete(CARD_KEYS.personaIds);
  else if (personaIds !== undefined) setIfChanged(map, CARD_KEYS.personaIds, [...personaIds]);
  const priority = patch.priority;
  if (priority === undefined) return;
  if (priority === null) {
    for (const key of PRIORITY_KEYS) map.delete(CARD_KEYS[key]);
    return;
  }
  const merged = PRIORITY_KEYS.map(
    (key) =>
      [key, priority[key] ?? readInt(map, CARD_KEYS[key], PRIORITY_MIN, PRIORITY_MAX)] as const,
  );
  const missing = merged.filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) {
    throw new MapOperationError(
      'invalid-input',
      `Invalid card fields: priority needs all four factors; missing ${missing.join(', ')}`,
    );
  }
  for (const [key, value] of merged)
    if (map.get(CARD_KEYS[key]) !== value) map.set(CARD_KEYS[key], value);
}

/** Adds a card to a cell and returns its id. The stage and lane must exist. */
export function addCard(doc: Y.Doc, input: AddCardInput, origin?: MapOrigin): CardId {
  const data = parseInput(AddCardSchema, input, 'card');
  return runOp(doc, origin, ({ stages, lanes, cards }) => {
    requireRecord(stages, data.stageId, 'Stage');
    requireRecord(lanes, data.laneId, 'Lane');
    const siblings = cellSiblings(cards, data.stageId, data.laneId);
    const { key, rekeyed } = placeAt(siblings, data.index ?? siblings.length);
    applyRekeys(cards, CARD_KEYS.order, rekeyed);
    const id = newCardId();
    const map = new Y.Map<unknown>();
    cards.set(id, map);
    // Placement keys are always written together (here and in moveCard), so concurrent moves
    // of one card resolve to one replica's whole placement rather than a mix.
    map.set(CARD_KEYS.stageId, data.stageId);
    map.set(CARD_KEYS.laneId, data.laneId);
    map.set(CARD_KEYS.order, key);
    const body = new Y.XmlFragment();
    map.set(CARD_KEYS.body, body);
    replaceWithParagraphs(body, textToParagraphs(data.text ?? ''));
    writeFields(map, {
      department: data.department,
      channel: data.channel,
      emotion: data.emotion,
      momentOfTruth: data.momentOfTruth,
      priority: data.priority,
      personaIds: data.personaIds,
    });
    return id;
  });
}

/**
 * Replaces a card's body with plain paragraphs (text split on '\n'). For non-editor clients
 * (imports, tests, bots); the editor edits the fragment from `cardBody` directly.
 */
export function setCardText(doc: Y.Doc, id: CardId, text: string, origin?: MapOrigin): void {
  const value = parseInput(CardTextSchema, text, 'card text');
  runOp(doc, origin, ({ cards }) => {
    const map = requireRecord(cards, id, 'Card');
    let body = readCardBody(map);
    if (body === undefined) {
      body = new Y.XmlFragment();
      map.set(CARD_KEYS.body, body);
    } else if (fragmentText(body) === value) {
      return;
    }
    replaceWithParagraphs(body, textToParagraphs(value));
  });
}

/**
 * Moves a card to a cell (possibly another one) at `index` (default: last). The destination
 * stage and lane must exist. Works for unplaced cards too (see `placeCard`).
 */
export function moveCard(doc: Y.Doc, id: CardId, target: CardTarget, origin?: MapOrigin): void {
  const data = parseInput(CardTargetSchema, target, 'card target');
  runOp(doc, origin, ({ stages, lanes, cards }) => {
    const map = requireRecord(cards, id, 'Card');
    requireRecord(stages, data.stageId, 'Stage');
    requireRecord(lanes, data.laneId, 'Lane');
    const siblings = cellSiblings(cards, data.stageId, data.laneId, id);
    const { key, rekeyed } = placeAt(siblings, data.index ?? siblings.length);
    applyRekeys(cards, CARD_KEYS.order, rekeyed);
    map.set(CARD_KEYS.stageId, data.stageId);
    map.set(CARD_KEYS.laneId, data.laneId);
    map.set(CARD_KEYS.order, key);
  });
}

/** Puts an unplaced card (its stage or lane was deleted) back into a cell. Same as moveCard. */
export function placeCard(doc: Y.Doc, id: CardId, target: CardTarget, origin?: MapOrigin): void {
  moveCard(doc, id, target, origin);
}

/** Deletes a card. Deleting one that no longer exists is a no-op. */
export function deleteCard(doc: Y.Doc, id: CardId, origin?: MapOrigin): void {
  const cardId = parseInput(CardIdSchema, id, 'card id');
  runOp(doc, origin, ({ cards }) => {
    if (recordMap(cards, cardId) !== undefined) cards.delete(cardId);
  });
}

/**
 * Changes card fields: a value sets, `null` clears, an absent key is left alone. Validated
 * with zod; throws MapOperationError('invalid-input') with the reason when invalid.
 */
export function setCardFields(
  doc: Y.Doc,
  id: CardId,
  patch: CardFieldsPatch,
  origin?: MapOrigin,
): void {
  const data = parseInput(CardFieldsPatchSchema, patch, 'card fields');
  runOp(doc, origin, ({ cards }) => writeFields(requireRecord(cards, id, 'Card'), data));
}

/** Sets a card's emotion score (integer -2..2), or clears it with null. */
export function setEmotion(doc: Y.Doc, id: CardId, score: number | null, origin?: MapOrigin): void {
  const value = parseInput(EmotionSchema.nullable(), score, 'emotion score');
  setCardFields(doc, id, { emotion: value }, origin);
}

/**
 * Tags a card with personas: the whole list, in order (`[]` or null clears it). Ids are not
 * checked against the map's personas: one may be deleted concurrently anyway, and readers show
 * only the personas that exist.
 */
export function setCardPersonas(
  doc: Y.Doc,
  id: CardId,
  personaIds: readonly PersonaId[] | null,
  origin?: MapOrigin,
): void {
  const value = parseInput(CardPersonaIdsSchema.nullable(), personaIds, 'card personas');
  setCardFields(doc, id, { personaIds: value }, origin);
}

/**
 * Keeps a card that someone deleted (or whose stage or lane they deleted) while another person
 * was still writing in it, so the writer loses nothing: re-creates it under the same id with
 * the placement and fields `last` shows (it lands in the unplaced tray when its stage or lane
 * is gone), or, when the card exists again (someone undid the delete), keeps that one. Returns
 * the body fragment, for the writer's editor to fill with what they typed. Sync: a concurrent
 * undo of the delete may also re-create the key; one of the two maps wins and the writer's
 * editor re-binds to the winner in the same way.
 */
export function keepCard(doc: Y.Doc, last: CardView, origin?: MapOrigin): Y.XmlFragment {
  const id = parseInput(CardIdSchema, last.id, 'card id');
  return runOp(doc, origin, ({ cards }) => {
    const existing = recordMap(cards, id);
    if (existing) {
      const body = readCardBody(existing);
      if (body) return body;
      const fresh = new Y.XmlFragment();
      existing.set(CARD_KEYS.body, fresh);
      return fresh;
    }
    const map = new Y.Map<unknown>();
    cards.set(id, map);
    map.set(CARD_KEYS.stageId, last.stageId);
    map.set(CARD_KEYS.laneId, last.laneId);
    map.set(CARD_KEYS.order, last.order);
    const body = new Y.XmlFragment();
    map.set(CARD_KEYS.body, body);
    const priority = last.priority;
    writeFields(map, {
      department: last.department,
      channel: last.channel,
      emotion: last.emotion,
      momentOfTruth: last.momentOfTruth,
      priority: priority && {
        timeToFix: priority.timeToFix,
        costToFix: priority.costToFix,
        customerImpact: priority.customerImpact,
        businessImpact: priority.businessImpact,
      },
      personaIds: last.personaIds && [...last.personaIds],
    });
    return body;
  });
}

/**
 * The live rich-text fragment of a card, for Tiptap's Collaboration extension
 * (`Collaboration.configure({ fragment })`); undefined when the card does not exist.
 */
export function cardBody(doc: Y.Doc, id: CardId): Y.XmlFragment | undefined {
  const map = recordMap(mapRoots(doc).cards, id);
  return map ? readCardBody(map) : undefined;
}
