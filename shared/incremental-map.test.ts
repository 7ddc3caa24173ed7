import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cellKey, IncrementalMap } from './incremental-map.ts';
import { addCard } from './operations/cards.ts';
import { addLane } from './operations/lanes.ts';
import { initMap } from './operations/meta.ts';
import { addPersona } from './operations/personas.ts';
import { addStage } from './operations/stages.ts';
import { readMap } from './read-map.ts';
import { applyBodyOp, bodyOpArb, isBodyOp } from './testing/body-ops.ts';
import type { BodyOp } from './testing/body-ops.ts';
import { applyRandomOp, newLedger, randomOpArb } from './testing/random-ops.ts';
import type { RandomOp } from './testing/random-ops.ts';

const NUM_RUNS = Math.min(300, Number(process.env['PROPERTY_RUNS'] ?? 300));

function startDoc(): { doc: Y.Doc; cards: string[] } {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa', locale: 'es' });
  const s1 = addStage(doc, { name: 'Uno' });
  const s2 = addStage(doc, { name: 'Dos' });
  const l1 = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const l2 = addLane(doc, { kind: 'emotions', title: 'Emociones' });
  const cards = [
    addCard(doc, { stageId: s1, laneId: l1, text: 'hola' }),
    addCard(doc, { stageId: s1, laneId: l1, text: 'adiós' }),
    addCard(doc, { stageId: s2, laneId: l2, text: 'otra' }),
  ];
  addPersona(doc, { name: 'Bob' });
  return { doc, cards };
}

type Step = { readonly at: 0 | 1; readonly op: RandomOp | BodyOp } | { readonly sync: true };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({ at: fc.constantFrom(0 as const, 1 as const), op: randomOpArb }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ at: fc.constantFrom(0 as const, 1 as const), op: bodyOpArb }),
    weight: 3,
  },
  { arbitrary: fc.record({ sync: fc.constant(true as const) }), weight: 1 },
);

describe('IncrementalMap', () => {
  it('equals readMap after every change, local or received, and keeps untouched views as the same objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        const start = startDoc();
        const other = new Y.Doc();
        Y.applyUpdate(other, Y.encodeStateAsUpdate(start.doc));
        const docs = [start.doc, other] as const;
        const ledger = newLedger();
        for (const id of start.cards) ledger.addedCards.add(id);
        // The reader follows replica 0, which receives replica 1's changes at each sync.
        const reader = new IncrementalMap(start.doc);
        const stop = reader.observe(() => {});
        expect(reader.view).toEqual(readMap(start.doc));
        for (const step of steps) {
          const before = reader.view;
          const beforeCells = new Map(
            before.stages.flatMap((s) =>
              before.lanes.map((l) => [cellKey(s.id, l.id), reader.cell(s.id, l.id)] as const),
            ),
          );
          if ('sync' in step) {
            Y.applyUpdate(docs[0], Y.encodeStateAsUpdate(docs[1], Y.encodeStateVector(docs[0])));
            Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0], Y.encodeStateVector(docs[1])));
          } else if (isBodyOp(step.op)) {
            applyBodyOp(docs[step.at], step.op);
          } else {
            applyRandomOp(docs[step.at], step.op, ledger);
          }
          const changes = reader.flush();
          const after = reader.view;
          expect(after).toEqual(readMap(docs[0]));
          // Whatever the flush did not report is still the very same object.
          for (const card of before.cards) {
            if (!changes?.cards.has(card.id)) expect(reader.card(card.id)).toBe(card);
          }
          for (const [key, cards] of beforeCells) {
            if (changes?.cells.has(key) || changes?.structure) continue;
            const [stageId, laneId] = key.split('\u0000') as [string, string];
            expect(reader.cell(stageId as never, laneId as never)).toBe(cards);
          }
        }
        stop();
        for (const doc of docs) doc.destroy();
      }),
      { numRuns: NUM_RUNS },
    );
  }, 300_000);

  it('reports a keystroke in one card as a text-only change of that card and its cell', () => {
    const { doc, cards } = startDoc();
    const reader = new IncrementalMap(doc);
    reader.observe(() => {});
    const views = cards.map((id) => reader.card(id));
    applyBodyOp(doc, { op: 'insertText', card: 0, block: 0, run: 0, offset: 1, text: 'x' });
    const changes = reader.flush();
    expect(changes?.textOnly).toBe(true);
    expect(changes?.structure).toBe(false);
    expect(changes?.cards.size).toBe(1);
    expect(changes?.cells.size).toBe(1);
    const [changed] = [...(changes?.cards ?? [])];
    expect(reader.card(changed ?? '')?.text).toContain('x');
    cards.forEach((id, i) => {
      if (id !== changed) expect(reader.card(id)).toBe(views[i]);
    });
    expect(reader.flush()).toBeNull();
  });
});
