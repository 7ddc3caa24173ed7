// Test support (not exported from index.ts): random map operations for property tests.
import fc from 'fast-check';
import * as Y from 'yjs';
import type { CardId } from '../ids.ts';
import { LANE_KINDS } from '../lane-kinds.ts';
import { CHANNEL_IDS } from '../channels.ts';
import {
  addCard,
  deleteCard,
  moveCard,
  placeCard,
  setCardFields,
  setCardText,
  setEmotion,
} from '../operations/cards.ts';
import {
  addLane,
  deleteLane,
  moveLane,
  renameLane,
  setLaneVisibility,
} from '../operations/lanes.ts';
import { setMapState, setMapTitle } from '../operations/meta.ts';
import { addPersona, deletePersona, personaField, updatePersona } from '../operations/personas.ts';
import { addStage, deleteStage, moveStage, renameStage } from '../operations/stages.ts';
import { readMap } from '../read-map.ts';
import type { CardFieldsPatch } from '../records/card.ts';
import { PERSONA_RICH_FIELDS } from '../records/persona.ts';
import type { PersonaRichField } from '../records/persona.ts';

/** One random operation; `pick` fields choose an existing record by index modulo the count. */
export type RandomOp =
  | { readonly op: 'addStage'; readonly name: string; readonly index: number }
  | { readonly op: 'renameStage'; readonly pick: number; readonly name: string }
  | { readonly op: 'moveStage'; readonly pick: number; readonly index: number }
  | { readonly op: 'deleteStage'; readonly pick: number }
  | {
      readonly op: 'addLane';
      readonly kind: (typeof LANE_KINDS)[number];
      readonly title: string;
      readonly index: number;
    }
  | { readonly op: 'renameLane'; readonly pick: number; readonly title: string }
  | { readonly op: 'moveLane'; readonly pick: number; readonly index: number }
  | { readonly op: 'deleteLane'; readonly pick: number }
  | { readonly op: 'setLaneVisibility'; readonly pick: number; readonly visible: boolean }
  | {
      readonly op: 'addCard';
      readonly stage: number;
      readonly lane: number;
      readonly text: string;
      readonly index: number;
    }
  | {
      readonly op: 'moveCard';
      readonly pick: number;
      readonly stage: number;
      readonly lane: number;
      readonly index: number;
    }
  | {
      readonly op: 'placeCard';
      readonly pick: number;
      readonly stage: number;
      readonly lane: number;
    }
  | { readonly op: 'deleteCard'; readonly pick: number }
  | { readonly op: 'setCardText'; readonly pick: number; readonly text: string }
  | { readonly op: 'setCardFields'; readonly pick: number; readonly fields: CardFieldsPatch }
  | { readonly op: 'setEmotion'; readonly pick: number; readonly score: number | null }
  | { readonly op: 'addPersona'; readonly name: string }
  | {
      readonly op: 'updatePersona';
      readonly pick: number;
      readonly quote: string;
      readonly goals: string[];
    }
  | {
      /** A keystroke in an editor bound to a persona field: text into one of its text blocks. */
      readonly op: 'typePersona';
      readonly pick: number;
      readonly field: PersonaRichField;
      readonly block: number;
      readonly at: number;
      readonly text: string;
    }
  | { readonly op: 'deletePersona'; readonly pick: number }
  | { readonly op: 'setMapTitle'; readonly title: string }
  | { readonly op: 'setMapState'; readonly state: 'as-is' | 'to-be' };

const pick = fc.nat({ max: 7 });
const index = fc.nat({ max: 6 });
const name = fc.string({ unit: fc.constantFrom('a', 'b', 'ñ', ' '), maxLength: 4 });
const text = fc.string({ unit: fc.constantFrom('x', 'y', 'é', '\n', ' '), maxLength: 6 });
const factor = fc.integer({ min: 1, max: 5 });

/** Random card field patches, including clears. */
export const fieldsArb: fc.Arbitrary<CardFieldsPatch> = fc.record(
  {
    department: fc.option(fc.constantFrom('digital', 'branches', 'it'), { nil: null }),
    channel: fc.option(fc.constantFrom(...CHANNEL_IDS), { nil: null }),
    emotion: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
    momentOfTruth: fc.option(fc.boolean(), { nil: null }),
    priority: fc.option(
      fc.record({
        timeToFix: factor,
        costToFix: factor,
        customerImpact: factor,
        businessImpact: factor,
      }),
      { nil: null },
    ),
    // Tags may name personas that do not exist (deleted meanwhile): readers keep them as ids.
    personaIds: fc.option(
      fc.uniqueArray(fc.constantFrom('per-a', 'per-b', 'per-c'), { maxLength: 3 }),
      {
        nil: null,
      },
    ),
  },
  { requiredKeys: [] },
);

/** Random operations, weighted towards cards (the busiest records). */
export const randomOpArb: fc.Arbitrary<RandomOp> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('addStage' as const), name, index }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('renameStage' as const), pick, name }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('moveStage' as const), pick, index }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('deleteStage' as const), pick }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('addLane' as const),
      kind: fc.constantFrom(...LANE_KINDS),
      title: name,
      index,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ op: fc.constant('renameLane' as const), pick, title: name }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: fc.constant('moveLane' as const), pick, index }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('deleteLane' as const), pick }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('setLaneVisibility' as const),
      pick,
      visible: fc.boolean(),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('addCard' as const),
      stage: pick,
      lane: pick,
      text,
      index,
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('moveCard' as const),
      pick,
      stage: pick,
      lane: pick,
      index,
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ op: fc.constant('placeCard' as const), pick, stage: pick, lane: pick }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('deleteCard' as const), pick }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('setCardText' as const), pick, text }), weight: 3 },
  {
    arbitrary: fc.record({ op: fc.constant('setCardFields' as const), pick, fields: fieldsArb }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('setEmotion' as const),
      pick,
      score: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('addPersona' as const),
      name: name.map((n) => `P${n}`),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('updatePersona' as const),
      pick,
      quote: name,
      goals: fc.array(name, { maxLength: 2 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('typePersona' as const),
      pick,
      field: fc.constantFrom(...PERSONA_RICH_FIELDS),
      block: index,
      at: index,
      text: name.filter((n) => n.length > 0),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('deletePersona' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('setMapTitle' as const), title: name }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('setMapState' as const),
      state: fc.constantFrom('as-is' as const, 'to-be' as const),
    }),
    weight: 1,
  },
);

/** Ids the operations created and deleted, to check that nothing is lost or resurrected. */
export interface OpLedger {
  /** Every card id ever added on any replica. */
  readonly addedCards: Set<string>;
  /** Every card id deleted on purpose (deleteCard, or the cascade of deleteStage/deleteLane). */
  readonly deletedCards: Set<string>;
}

/** A new, empty ledger. */
export function newLedger(): OpLedger {
  return { addedCards: new Set(), deletedCards: new Set() };
}

function at<T>(items: readonly T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}

/** The elements of a fragment that hold text directly (paragraphs...), in document order. */
function textBlockElements(fragment: Y.XmlFragment): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  const stack = fragment.toArray().reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName === 'hardBreak') continue;
    const children = node.toArray();
    const blocks = children.filter((c) => c instanceof Y.XmlElement && c.nodeName !== 'hardBreak');
    if (blocks.length === 0) out.push(node);
    else stack.push(...children.reverse());
  }
  return out;
}

/** Types like the Tiptap binding: into the block's first text run, made when the block is empty. */
function typeInto(doc: Y.Doc, block: Y.XmlElement, offset: number, text: string): void {
  doc.transact(() => {
    let run = block.toArray().find((c) => c instanceof Y.XmlText);
    if (!(run instanceof Y.XmlText)) {
      run = new Y.XmlText();
      block.insert(0, [run]);
    }
    run.insert(Math.min(offset, run.length), text);
  });
}

/** Applies one random operation to `doc`, choosing targets from what this replica sees now. */
export function applyRandomOp(doc: Y.Doc, op: RandomOp, ledger: OpLedger): void {
  const view = readMap(doc);
  switch (op.op) {
    case 'addStage':
      addStage(doc, { name: op.name, index: op.index });
      return;
    case 'renameStage': {
      const s = at(view.stages, op.pick);
      if (s) renameStage(doc, s.id, op.name);
      return;
    }
    case 'moveStage': {
      const s = at(view.stages, op.pick);
      if (s) moveStage(doc, s.id, op.index);
      return;
    }
    case 'deleteStage': {
      const s = at(view.stages, op.pick);
      if (s) for (const id of deleteStage(doc, s.id)) ledger.deletedCards.add(id);
      return;
    }
    case 'addLane':
      addLane(doc, { kind: op.kind, title: op.title, index: op.index });
      return;
    case 'renameLane': {
      const l = at(view.lanes, op.pick);
      if (l) renameLane(doc, l.id, op.title);
      return;
    }
    case 'moveLane': {
      const l = at(view.lanes, op.pick);
      if (l) moveLane(doc, l.id, op.index);
      return;
    }
    case 'deleteLane': {
      const l = at(view.lanes, op.pick);
      if (l) for (const id of deleteLane(doc, l.id)) ledger.deletedCards.add(id);
      return;
    }
    case 'setLaneVisibility': {
      const l = at(view.lanes, op.pick);
      if (l) setLaneVisibility(doc, l.id, op.visible);
      return;
    }
    case 'addCard': {
      const s = at(view.stages, op.stage);
      const l = at(view.lanes, op.lane);
      if (s && l)
        ledger.addedCards.add(
          addCard(doc, { stageId: s.id, laneId: l.id, text: op.text, index: op.index }),
        );
      return;
    }
    case 'moveCard':
    case 'placeCard': {
      const pool =
        op.op === 'placeCard' && view.unplaced.length > 0
          ? view.unplaced
          : [...view.cards, ...view.unplaced];
      const c = at(pool, op.pick);
      const s = at(view.stages, op.stage);
      const l = at(view.lanes, op.lane);
      if (!c || !s || !l) return;
      if (op.op === 'placeCard') placeCard(doc, c.id, { stageId: s.id, laneId: l.id });
      else moveCard(doc, c.id, { stageId: s.id, laneId: l.id, index: op.index });
      return;
    }
    case 'deleteCard': {
      const c = at([...view.cards, ...view.unplaced], op.pick);
      if (c) {
        deleteCard(doc, c.id);
        ledger.deletedCards.add(c.id);
      }
      return;
    }
    case 'setCardText': {
      const c = at(view.cards, op.pick);
      if (c) setCardText(doc, c.id, op.text);
      return;
    }
    case 'setCardFields': {
      const c = at(view.cards, op.pick);
      if (c) setCardFields(doc, c.id as CardId, op.fields);
      return;
    }
    case 'setEmotion': {
      const c = at(view.cards, op.pick);
      if (c) setEmotion(doc, c.id, op.score);
      return;
    }
    case 'addPersona':
      addPersona(doc, { name: op.name });
      return;
    case 'updatePersona': {
      const p = at(view.personas, op.pick);
      if (p) updatePersona(doc, p.id, { quote: op.quote, goals: op.goals });
      return;
    }
    case 'typePersona': {
      const p = at(view.personas, op.pick);
      const fragment = p && personaField(doc, p.id, op.field);
      const block = fragment && at(textBlockElements(fragment), op.block);
      if (block) typeInto(doc, block, op.at, op.text);
      return;
    }
    case 'deletePersona': {
      const p = at(view.personas, op.pick);
      if (p) deletePersona(doc, p.id);
      return;
    }
    case 'setMapTitle':
      setMapTitle(doc, op.title);
      return;
    case 'setMapState':
      setMapState(doc, op.state);
      return;
  }
}
