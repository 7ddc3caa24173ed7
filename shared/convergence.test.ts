import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentText, fragmentToJson, replaceWithJson } from './card-body.ts';
import type { BodyNode } from './card-body.ts';
import { mapRoots, recordEntries } from './doc-schema.ts';
import { mapInvariantViolations } from './invariants.ts';
import { addCard, cardBody } from './operations/cards.ts';
import { addLane } from './operations/lanes.ts';
import { initMap } from './operations/meta.ts';
import { addPersona } from './operations/personas.ts';
import { addStage } from './operations/stages.ts';
import { runOp } from './operations/transact.ts';
import { readMap } from './read-map.ts';
import { readCardBody } from './records/card.ts';
import { applyBodyOp, bodyOpArb, isBodyOp } from './testing/body-ops.ts';
import type { BodyOp } from './testing/body-ops.ts';
import { applyRandomOp, newLedger, randomOpArb } from './testing/random-ops.ts';
import type { OpLedger, RandomOp } from './testing/random-ops.ts';

/** Runs per property: PROPERTY_RUNS (default 1000; the nightly job sets more). */
const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 1000);
/** Replays a failure: PROPERTY_SEED and PROPERTY_PATH from fast-check's report. */
const SEED =
  process.env['PROPERTY_SEED'] === undefined ? undefined : Number(process.env['PROPERTY_SEED']);
const PATH = process.env['PROPERTY_PATH'];

const REPLICAS = 3;

type Step =
  | { readonly at: number; readonly op: RandomOp | BodyOp }
  | { readonly sync: readonly [number, number] };

const replica = fc.nat({ max: REPLICAS - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ at: replica, op: randomOpArb }), weight: 4 },
  { arbitrary: fc.record({ sync: fc.tuple(replica, replica) }), weight: 1 },
);
/** Mostly edits inside card bodies, with whole-map operations (moves, deletes...) among them. */
const bodyStepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ at: replica, op: bodyOpArb }), weight: 6 },
  { arbitrary: fc.record({ at: replica, op: randomOpArb }), weight: 1 },
  { arbitrary: fc.record({ sync: fc.tuple(replica, replica) }), weight: 1 },
);

/** A body like the ones Tiptap writes, for the first card: marks, a hard break, a list. */
const RICH_BODY: readonly BodyNode[] = [
  { type: 'paragraph', content: [{ text: 'hola ' }, { text: 'mundo', marks: { bold: {} } }] },
  { type: 'paragraph', content: [{ text: 'fin' }, { type: 'hardBreak' }, { text: 'x' }] },
  {
    type: 'bulletList',
    content: [
      { type: 'listItem', content: [{ type: 'paragraph', content: [{ text: 'uno' }] }] },
      { type: 'listItem', content: [{ type: 'paragraph', content: [{ text: 'dos' }] }] },
    ],
  },
];

function syncPair(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function syncAll(docs: readonly Y.Doc[]): void {
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < docs.length; i++) {
      for (let j = i + 1; j < docs.length; j++) {
        const a = docs[i];
        const b = docs[j];
        if (a && b) syncPair(a, b);
      }
    }
  }
}

/** Every card's body as JSON, by card id: the exact rich text, marks and structure included. */
function bodies(doc: Y.Doc): Record<string, BodyNode[]> {
  const out: Record<string, BodyNode[]> = {};
  for (const [id, map] of recordEntries(mapRoots(doc).cards)) {
    const body = readCardBody(map);
    if (body) out[id] = fragmentToJson(body);
  }
  return out;
}

/** A starting map, built once as an update that every run applies to its fresh replicas. */
interface Start {
  /** The whole starting document. */
  readonly update: Uint8Array;
  /** Its card ids, for the ledger. */
  readonly cards: readonly string[];
}

/**
 * Builds the small starting map the replicas share, so their first operations already collide:
 * three cards saying "hola", the first one with `RICH_BODY` when `rich`. Built once per kind,
 * which keeps runs cheap and ids stable across replays.
 */
function buildStart(rich: boolean): Start {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa', locale: 'es' });
  const s1 = addStage(doc, { name: 'Uno' });
  const s2 = addStage(doc, { name: 'Dos' });
  const l1 = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const l2 = addLane(doc, { kind: 'emotions', title: 'Emociones' });
  const cards = (
    [
      [s1, l1],
      [s1, l1],
      [s2, l2],
    ] as const
  ).map(([s, l]) => addCard(doc, { stageId: s, laneId: l, text: 'hola' }));
  const first = readMap(doc).cards[0];
  const body = first && cardBody(doc, first.id);
  if (rich && body) runOp(doc, undefined, () => replaceWithJson(body, RICH_BODY));
  addPersona(doc, { name: 'Bob' });
  return { update: Y.encodeStateAsUpdate(doc), cards };
}

/** Plain bodies: the map-operation tests (a rich body only slows their many reads down). */
const PLAIN_START = buildStart(false);
/** One rich body: the body-edit tests start with marks, a hard break and a list to edit. */
const RICH_START = buildStart(true);

/** Three replicas holding a starting map; its cards go into the ledger. */
function startReplicas(start: Start, ledger: OpLedger): Y.Doc[] {
  for (const id of start.cards) ledger.addedCards.add(id);
  return Array.from({ length: REPLICAS }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, start.update);
    return doc;
  });
}

/** Characters in the text runs of some bodies (hard breaks and block boundaries not counted). */
function typedLength(all: Readonly<Record<string, readonly BodyNode[]>>): number {
  let total = 0;
  const stack: BodyNode[] = Object.values(all).flat();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if ('text' in node) total += node.text.length;
    else stack.push(...(node.content ?? []));
  }
  return total;
}

/** Runs the steps on fresh replicas, checks them, and returns the converged card bodies. */
function run(steps: readonly Step[], start: Start = PLAIN_START): Record<string, BodyNode[]> {
  const ledger = newLedger();
  const docs = startReplicas(start, ledger);
  for (const step of steps) {
    if ('sync' in step) {
      const [i, j] = step.sync;
      const a = docs[i];
      const b = docs[j];
      if (a && b && a !== b) {
        syncPair(a, b);
        // Intermediate states must be valid too, not only the final one.
        expect(mapInvariantViolations(readMap(a), a)).toEqual([]);
        expect(readMap(b)).toEqual(readMap(a));
        expect(bodies(b)).toEqual(bodies(a));
      }
    } else {
      const doc = docs[step.at];
      if (!doc) continue;
      if (isBodyOp(step.op)) applyBodyOp(doc, step.op);
      else applyRandomOp(doc, step.op, ledger);
    }
  }
  syncAll(docs);

  const views = docs.map(readMap);
  const first = views[0];
  const firstBodies = docs[0] && bodies(docs[0]);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const view = views[i];
    if (!doc || !view) continue;
    expect(view).toEqual(first);
    expect(bodies(doc)).toEqual(firstBodies);
    expect(mapInvariantViolations(view, doc)).toEqual([]);
  }
  // Nothing lost, nothing resurrected: exactly the cards added and not deleted on purpose.
  const expected = [...ledger.addedCards].filter((id) => !ledger.deletedCards.has(id)).sort();
  const actual = [...(first?.cards ?? []), ...(first?.unplaced ?? [])].map((c) => c.id).sort();
  expect(actual).toEqual(expected);
  for (const doc of docs) doc.destroy();
  return firstBodies ?? {};
}

describe('convergence of concurrent edits on three replicas', () => {
  it('ends with identical maps that satisfy every invariant, whatever the interleaving and sync points', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 100, size: 'max' }), (steps) => {
        run(steps);
      }),
      { numRuns: NUM_RUNS, seed: SEED, path: PATH, endOnFailure: PATH !== undefined },
    );
  }, 600_000);

  it('ends with identical maps and card bodies when replicas edit inside the same bodies concurrently', () => {
    // Half the runs of the property above keeps it to a few seconds; PROPERTY_RUNS scales both.
    fc.assert(
      fc.property(fc.array(bodyStepArb, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => {
        run(steps, RICH_START);
      }),
      {
        numRuns: Math.ceil(NUM_RUNS / 2),
        seed: SEED,
        path: PATH,
        endOnFailure: PATH !== undefined,
      },
    );
  }, 600_000);

  it('never loses or duplicates a typed character, whatever the interleaving and sync points', () => {
    const typingStepArb: fc.Arbitrary<Step> = fc.oneof(
      {
        arbitrary: fc.record({ at: replica, op: bodyOpArb.filter((op) => op.op === 'insertText') }),
        weight: 4,
      },
      { arbitrary: fc.record({ sync: fc.tuple(replica, replica) }), weight: 1 },
    );
    const start = startReplicas(RICH_START, newLedger());
    const initial = typedLength(start[0] ? bodies(start[0]) : {});
    for (const doc of start) doc.destroy();
    fc.assert(
      fc.property(fc.array(typingStepArb, { maxLength: 40 }), (steps) => {
        let typed = 0;
        for (const step of steps)
          if ('op' in step && 'text' in step.op) typed += step.op.text.length;
        expect(typedLength(run(steps, RICH_START))).toBe(initial + typed);
      }),
      {
        numRuns: Math.ceil(NUM_RUNS / 10),
        seed: SEED,
        path: PATH,
        endOnFailure: PATH !== undefined,
      },
    );
  });

  it('keeps both words, and the original text once, when two replicas type into one paragraph at once', () => {
    const docs = startReplicas(RICH_START, newLedger());
    const [a, b, c] = docs;
    if (!a || !b || !c) throw new Error('three replicas');
    const card = readMap(a).cards.findIndex((x) => x.text === 'hola');
    // Keystroke by keystroke, one transaction each, both at the end of "hola", no sync between.
    const words = [' azul', ' verde'] as const;
    for (let i = 0; i < 6; i++) {
      words.forEach((word, w) => {
        const ch = word[i];
        const doc = w === 0 ? a : b;
        if (ch !== undefined)
          applyBodyOp(doc, { op: 'insertText', card, block: 0, run: 0, offset: 4 + i, text: ch });
      });
    }
    syncAll(docs);
    const id = readMap(c).cards[card]?.id;
    const texts = docs.map((doc) => {
      const body = id && cardBody(doc, id);
      return body ? fragmentText(body) : undefined;
    });
    expect(['hola azul verde', 'hola verde azul']).toContain(texts[0]);
    expect(texts).toEqual([texts[0], texts[0], texts[0]]);
    for (const doc of docs) doc.destroy();
  });

  it('keeps a card added into a stage deleted concurrently, as unplaced, on every replica', () => {
    run([
      { at: 0, op: { op: 'deleteStage', pick: 0 } },
      { at: 1, op: { op: 'addCard', stage: 0, lane: 0, text: 'nueva', index: 0 } },
      { at: 2, op: { op: 'moveCard', pick: 2, stage: 0, lane: 1, index: 0 } },
    ]);
  });

  it('totally orders cards that two replicas inserted at the same spot concurrently', () => {
    run([
      { at: 0, op: { op: 'addCard', stage: 1, lane: 1, text: 'a', index: 0 } },
      { at: 1, op: { op: 'addCard', stage: 1, lane: 1, text: 'b', index: 0 } },
      { sync: [0, 1] },
      { at: 0, op: { op: 'addCard', stage: 1, lane: 1, text: 'c', index: 1 } },
      { at: 2, op: { op: 'moveCard', pick: 0, stage: 1, lane: 1, index: 1 } },
    ]);
  });
});
