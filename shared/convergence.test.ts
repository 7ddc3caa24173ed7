import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapInvariantViolations } from './invariants.ts';
import { addCard } from './operations/cards.ts';
import { addLane } from './operations/lanes.ts';
import { initMap } from './operations/meta.ts';
import { addPersona } from './operations/personas.ts';
import { addStage } from './operations/stages.ts';
import { readMap } from './read-map.ts';
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
  { readonly at: number; readonly op: RandomOp } | { readonly sync: readonly [number, number] };

const replica = fc.nat({ max: REPLICAS - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ at: replica, op: randomOpArb }), weight: 4 },
  { arbitrary: fc.record({ sync: fc.tuple(replica, replica) }), weight: 1 },
);

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

/** Three replicas that share a small starting map, so their first operations already collide. */
function startReplicas(ledger: OpLedger): Y.Doc[] {
  const docs = Array.from({ length: REPLICAS }, () => new Y.Doc());
  const first = docs[0] ?? new Y.Doc();
  initMap(first, { title: 'Mapa', locale: 'es' });
  const s1 = addStage(first, { name: 'Uno' });
  const s2 = addStage(first, { name: 'Dos' });
  const l1 = addLane(first, { kind: 'actions', title: 'Acciones' });
  const l2 = addLane(first, { kind: 'emotions', title: 'Emociones' });
  for (const [s, l] of [
    [s1, l1],
    [s1, l1],
    [s2, l2],
  ] as const) {
    ledger.addedCards.add(addCard(first, { stageId: s, laneId: l, text: 'hola' }));
  }
  addPersona(first, { name: 'Bob' });
  syncAll(docs);
  return docs;
}

function run(steps: readonly Step[]): void {
  const ledger = newLedger();
  const docs = startReplicas(ledger);
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
      }
    } else {
      const doc = docs[step.at];
      if (doc) applyRandomOp(doc, step.op, ledger);
    }
  }
  syncAll(docs);

  const views = docs.map(readMap);
  const first = views[0];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const view = views[i];
    if (!doc || !view) continue;
    expect(view).toEqual(first);
    expect(mapInvariantViolations(view, doc)).toEqual([]);
  }
  // Nothing lost, nothing resurrected: exactly the cards added and not deleted on purpose.
  const expected = [...ledger.addedCards].filter((id) => !ledger.deletedCards.has(id)).sort();
  const actual = [...(first?.cards ?? []), ...(first?.unplaced ?? [])].map((c) => c.id).sort();
  expect(actual).toEqual(expected);
  for (const doc of docs) doc.destroy();
}

describe('convergence of concurrent edits on three replicas', () => {
  it('ends with identical maps that satisfy every invariant, whatever the interleaving and sync points', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 100, size: 'max' }), (steps) =>
        run(steps),
      ),
      { numRuns: NUM_RUNS, seed: SEED, path: PATH, endOnFailure: PATH !== undefined },
    );
  }, 600_000);

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
