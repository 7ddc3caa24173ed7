import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceWithJson } from './card-body.ts';
import type { BodyNode } from './card-body.ts';
import {
  CustomerProjector,
  customerProjection,
  readCustomerProjection,
  reconcileCustomerDoc,
} from './customer-projection.ts';
import { mapRoots, recordMap } from './doc-schema.ts';
import type { LaneId, StageId } from './ids.ts';
import { applyMapJson } from './interchange.ts';
import { LANE_KINDS, laneKindInfo } from './lane-kinds.ts';
import type { LaneKind } from './lane-kinds.ts';
import { addCard, cardBody } from './operations/cards.ts';
import { addLane } from './operations/lanes.ts';
import { initMap } from './operations/meta.ts';
import { addPersona } from './operations/personas.ts';
import { addStage } from './operations/stages.ts';
import { runOp } from './operations/transact.ts';
import { applyBodyOp, bodyOpArb, isBodyOp } from './testing/body-ops.ts';
import type { BodyOp } from './testing/body-ops.ts';
import { applyRandomOp, newLedger, randomOpArb } from './testing/random-ops.ts';
import type { RandomOp } from './testing/random-ops.ts';
import { readMap } from './read-map.ts';
import { templateJson } from './templates/index.ts';

const idOf = (id: string) => `c-${id}`;

describe('customer projection', () => {
  it('keeps only customer-visible lanes and strips internal card fields and personas', () => {
    const doc = new Y.Doc();
    applyMapJson(doc, templateJson('travel-alert-demo', 'en'));
    const projection = customerProjection(doc, idOf);
    const lanes = Object.values(projection.lanes);
    expect(lanes.length).toBeGreaterThan(0);
    expect(lanes.every((l) => l['customerVisible'] === true)).toBe(true);
    expect(lanes.map((l) => l['kind'])).not.toContain('backstage');
    const cards = Object.values(projection.cards);
    expect(
      cards.some((c) =>
        Object.keys(c.fields).some((k) => !/^(stageId|laneId|order|channel|emotion)$/.test(k)),
      ),
    ).toBe(false);
    const text = JSON.stringify(projection);
    expect(text).not.toMatch(/Fraud detection|fraud engine|Branch CRM/);
    // Not a word of the persona's rich fields (internal research) reaches a customer.
    const [bob] = readMap(doc).personas;
    for (const line of [bob?.quote ?? '', ...(bob?.goals ?? []), ...(bob?.pains ?? [])]) {
      expect(line.length).toBeGreaterThan(0);
      expect(text).not.toContain(line.split('\n')[0]);
    }

    // Written into a document, it reads as a map (same schema) and reads back equal.
    const projected = new Y.Doc();
    projected.transact(() => reconcileCustomerDoc(projected, projection));
    expect(readCustomerProjection(projected)).toEqual(projection);
    const view = readMap(projected);
    expect(view.unplaced).toEqual([]);
    expect(view.personas).toEqual([]);
    expect(view.cards.length).toBe(cards.length);
    expect(view.cards.find((c) => c.emotion === -2)).toBeDefined();
    expect(view.stages.map((s) => s.name)).toEqual(readMap(doc).stages.map((s) => s.name));
  });
});

/** Runs per property: PROPERTY_RUNS (default 300; the nightly job sets more). */
const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
/** Replays a failure: PROPERTY_SEED and PROPERTY_PATH from fast-check's report. */
const SEED =
  process.env['PROPERTY_SEED'] === undefined ? undefined : Number(process.env['PROPERTY_SEED']);
const PATH = process.env['PROPERTY_PATH'];
const RUN_OPTIONS = { numRuns: NUM_RUNS, seed: SEED, path: PATH, endOnFailure: PATH !== undefined };

/** An opaque id function for tests: ids that share nothing with the internal ones. */
function opaqueIds(): (id: string) => string {
  const ids = new Map<string, string>();
  return (id) => {
    let out = ids.get(id);
    if (out === undefined) {
      out = `opaque${ids.size}`;
      ids.set(id, out);
    }
    return out;
  };
}

/** A body with marks, a hard break, a list and a link: every kind of node customers may see. */
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

/** A shared starting map: a visible and an internal lane, cards in both, a rich body, a persona. */
const START = (() => {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa', locale: 'es' });
  const s1 = addStage(doc, { name: 'Uno' });
  const s2 = addStage(doc, { name: 'Dos' });
  const l1 = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const l2 = addLane(doc, { kind: 'backstage', title: 'Trastienda' });
  const first = addCard(doc, { stageId: s1, laneId: l1, text: 'hola' });
  addCard(doc, { stageId: s2, laneId: l1, text: 'adiós', emotion: 1, channel: 'web' });
  addCard(doc, { stageId: s1, laneId: l2, text: 'interno', department: 'it' });
  const body = cardBody(doc, first);
  if (body) runOp(doc, undefined, () => replaceWithJson(body, RICH_BODY));
  addPersona(doc, { name: 'Bob' });
  return Y.encodeStateAsUpdate(doc);
})();

type Step =
  | { readonly at: number; readonly op: RandomOp | BodyOp }
  | { readonly sync: true }
  | { readonly reconcile: true };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ at: fc.nat({ max: 1 }), op: randomOpArb }), weight: 4 },
  { arbitrary: fc.record({ at: fc.nat({ max: 1 }), op: bodyOpArb }), weight: 4 },
  { arbitrary: fc.record({ sync: fc.constant(true as const) }), weight: 1 },
  { arbitrary: fc.record({ reconcile: fc.constant(true as const) }), weight: 2 },
);

function syncPair(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('customer projection, incrementally reconciled (property)', () => {
  it('equals the pure projection of the final map, on the server and on a customer replica', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        // Replica 0 is the server's copy of the map; replica 1 an editor who syncs now and then.
        const maps = [new Y.Doc(), new Y.Doc()];
        for (const doc of maps) Y.applyUpdate(doc, START);
        const [server, editor] = maps as [Y.Doc, Y.Doc];
        const idOf = opaqueIds();
        const projector = new CustomerProjector(server, idOf);
        const projection = new Y.Doc();
        // A customer's replica receives only the projection's updates.
        const customer = new Y.Doc();
        projection.on('update', (update: Uint8Array) => Y.applyUpdate(customer, update));
        const reconcile = () =>
          projection.transact(() => reconcileCustomerDoc(projection, projector.project()));
        reconcile();
        const ledger = newLedger();
        for (const step of steps) {
          if ('reconcile' in step) reconcile();
          else if ('sync' in step) syncPair(server, editor);
          else {
            const doc = step.at === 0 ? server : editor;
            if (isBodyOp(step.op)) applyBodyOp(doc, step.op);
            else applyRandomOp(doc, step.op, ledger);
          }
        }
        syncPair(server, editor);
        reconcile();
        const expected = customerProjection(server, idOf);
        expect(projector.project()).toEqual(expected);
        expect(readCustomerProjection(projection)).toEqual(expected);
        expect(readCustomerProjection(customer)).toEqual(expected);
        // Reconciling again when nothing changed writes nothing.
        let updates = 0;
        projection.on('update', () => (updates += 1));
        reconcile();
        expect(updates).toBe(0);
        projector.destroy();
      }),
      RUN_OPTIONS,
    );
  });
});

/** Marker strings put in every internal place of a map; none may reach the projection. */
const SECRET = 'SECRET';

interface LeakPlan {
  readonly stages: number;
  /** Each lane: its kind and whether it is marked visible (undefined: the kind's default). */
  readonly lanes: ReadonlyArray<{ kind: LaneKind; visible: boolean | undefined }>;
  /** Each card: stage and lane by index modulo the counts, and whether its body is rich. */
  readonly cards: ReadonlyArray<{ stage: number; lane: number; rich: boolean }>;
  /** Edits of card bodies after the map is built (typing, marks, links, lists...). */
  readonly edits: readonly BodyOp[];
  /** After which build steps and edits the projection is reconciled. */
  readonly reconcileAfter: readonly boolean[];
}

const leakPlanArb: fc.Arbitrary<LeakPlan> = fc.record({
  stages: fc.integer({ min: 1, max: 3 }),
  lanes: fc.array(
    fc.record({
      kind: fc.constantFrom(...LANE_KINDS),
      visible: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
  cards: fc.array(fc.record({ stage: fc.nat(), lane: fc.nat(), rich: fc.boolean() }), {
    maxLength: 8,
  }),
  edits: fc.array(bodyOpArb, { maxLength: 15 }),
  reconcileAfter: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
});

/** A visible card's body: allowed text, plus a link href, an unknown node and an unknown mark. */
function visibleBody(i: number): BodyNode[] {
  return [
    {
      type: 'paragraph',
      attrs: { secretAttr: `${SECRET}-ATTR` },
      content: [
        { text: `VISIBLE-${i} ` },
        {
          text: 'enlace',
          marks: { link: { href: `https://${SECRET}-HREF.example/` }, bold: {} },
        },
        { text: ' tachado', marks: { strike: {}, comment: { id: `${SECRET}-MARK` } } },
      ],
    },
    { type: 'heading', attrs: { level: 2 }, content: [{ text: `${SECRET}-HEADING` }] },
    { type: 'internalNote', content: [{ text: `${SECRET}-NODE` }] },
    {
      type: 'orderedList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ text: 'uno' }] },
            { type: 'secretWidget', content: [{ text: `${SECRET}-WIDGET` }] },
          ],
        },
      ],
    },
  ];
}

describe('customer projection, allow-list (property)', () => {
  it('never carries an internal value, through random maps and edits, while a visible card does', () => {
    fc.assert(
      fc.property(leakPlanArb, (plan) => {
        const map = new Y.Doc();
        const projection = new Y.Doc();
        const updates: Uint8Array[] = [];
        projection.on('update', (update: Uint8Array) => updates.push(update));
        const projector = new CustomerProjector(map, opaqueIds());
        let step = 0;
        const afterStep = () => {
          if (plan.reconcileAfter[step++ % plan.reconcileAfter.length]) {
            projection.transact(() => reconcileCustomerDoc(projection, projector.project()));
          }
        };
        const roots = mapRoots(map);

        initMap(map, { title: 'Mapa visible' });
        roots.meta.set('internalNote', `${SECRET}-META`);
        afterStep();
        const stages = Array.from({ length: plan.stages }, (_, i) => {
          const id = addStage(map, { name: `Etapa ${i}` });
          recordMap(roots.stages, id)?.set('owner', `${SECRET}-STAGE-EXTRA`);
          afterStep();
          return id;
        });
        // Always one visible lane holding a visible card, so the projection has something to show.
        const lanes = [{ kind: 'actions' as LaneKind, visible: true }, ...plan.lanes].map(
          ({ kind, visible }, i) => {
            const shown = visible ?? laneKindInfo(kind).customerVisibleByDefault;
            const id = addLane(map, {
              kind,
              title: shown ? `Fila ${i}` : `${SECRET}-LANE-${i}`,
              ...(visible === undefined ? {} : { customerVisible: visible }),
            });
            recordMap(roots.lanes, id)?.set('notes', `${SECRET}-LANE-EXTRA`);
            afterStep();
            return { id, shown };
          },
        );
        const cards = [{ stage: 0, lane: 0, rich: true }, ...plan.cards];
        cards.forEach(({ stage, lane, rich }, i) => {
          const stageId = stages[stage % stages.length];
          const target = lanes[lane % lanes.length];
          if (!stageId || !target) return;
          const id = addCard(map, {
            stageId,
            laneId: target.id,
            text: target.shown ? `VISIBLE-${i}` : `${SECRET}-CARD-${i}`,
            department: `${SECRET}-DEPT`,
            momentOfTruth: true,
            priority: { timeToFix: 1, costToFix: 2, customerImpact: 3, businessImpact: 4 },
            emotion: -1,
            channel: 'phone',
          });
          const card = recordMap(roots.cards, id);
          card?.set('internalScore', `${SECRET}-CARD-EXTRA`);
          const body = cardBody(map, id);
          if (rich && target.shown && body) {
            runOp(map, undefined, () => replaceWithJson(body, visibleBody(i)));
          }
          afterStep();
        });
        // An unplaced card (its stage is gone), in a visible lane.
        const unplaced = addCard(map, {
          stageId: stages[0] as StageId,
          laneId: lanes[0]?.id as LaneId,
          text: `${SECRET}-UNPLACED`,
        });
        recordMap(roots.cards, unplaced)?.set('stageId', 'deleted-stage');
        afterStep();
        addPersona(map, { name: `${SECRET}-PERSONA`, quote: `${SECRET}-QUOTE` });
        afterStep();
        // Before the edits (which may split or delete it), the visible card reaches customers,
        // its link as bold plain text.
        projection.transact(() => reconcileCustomerDoc(projection, projector.project()));
        expect(Buffer.from(Y.encodeStateAsUpdate(projection)).includes('VISIBLE-0')).toBe(true);
        expect(JSON.stringify(readCustomerProjection(projection))).toContain(
          '"enlace","marks":{"bold":{}}',
        );
        for (const edit of plan.edits) {
          applyBodyOp(map, edit);
          afterStep();
        }
        projection.transact(() => reconcileCustomerDoc(projection, projector.project()));

        const state = Buffer.from(Y.encodeStateAsUpdate(projection));
        for (const update of [...updates, state]) {
          const bytes = Buffer.from(update);
          expect(bytes.includes(SECRET)).toBe(false);
          // The hrefs of links added while editing (example.com, example.org) neither.
          expect(bytes.includes('example.')).toBe(false);
          // Internal field names do not travel either (priority factors, moment of truth...).
          for (const key of ['timeToFix', 'businessImpact', 'momentOfTruth', 'href', 'personas']) {
            expect(bytes.includes(key)).toBe(false);
          }
          // Nor any internal id.
          for (const id of [...stages, ...lanes.map((l) => l.id), unplaced]) {
            expect(bytes.includes(id)).toBe(false);
          }
        }
        projector.destroy();
      }),
      RUN_OPTIONS,
    );
  });
});
