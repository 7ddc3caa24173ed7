import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  cardBody,
  deleteStage,
  readMap,
  renameStage,
  setCardText,
  setEmotion,
  type LaneId,
  type StageId,
} from '../../shared/index.ts';
import { applyRandomOp, newLedger, randomOpArb } from '../../shared/testing/random-ops.ts';
import { applyBodyOp, bodyOpArb } from '../../shared/testing/body-ops.ts';
import { fragmentText } from '../../shared/card-body.ts';
import { itemLabel, itemRoots, shorten, touchedItems, type TouchedItem } from './touchedItems.ts';

const ROOT_OF = { card: 'cards', stage: 'stages', lane: 'lanes' } as const;

/** A replica standing for the server: applies each update of `source` in one transaction. */
function serverReplica(source: Y.Doc) {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(source));
  const roots = itemRoots(server);
  let seen: TouchedItem[][] = [];
  server.on('afterTransaction', (transaction: Y.Transaction) => {
    seen.push(touchedItems(transaction, roots));
  });
  return {
    server,
    /** Applies an update as a connection would and returns what the transaction touched. */
    receive(update: Uint8Array): TouchedItem[] {
      seen = [];
      Y.applyUpdate(server, update, 'connection');
      return seen.flat();
    },
  };
}

/** Every card, stage and lane as JSON, by "kind:id": the oracle the computation is checked against. */
function snapshot(doc: Y.Doc): Map<string, string> {
  const items = new Map<string, string>();
  for (const [kind, root] of Object.entries(ROOT_OF)) {
    for (const [id, value] of Object.entries(doc.getMap(root).toJSON())) {
      items.set(`${kind}:${id}`, JSON.stringify(value));
    }
  }
  return items;
}

/** What changed between two snapshots, as touchedItems reports it. */
function diff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, json] of after) {
    const old = before.get(key);
    if (old === undefined) out.push(`${key}:created`);
    else if (old !== json) out.push(`${key}:changed`);
  }
  for (const key of before.keys()) if (!after.has(key)) out.push(`${key}:deleted`);
  return out.sort();
}

const asKeys = (items: readonly TouchedItem[]) =>
  items.map(({ kind, id, change }) => `${kind}:${id}:${change}`).sort();

function startingMap(): { doc: Y.Doc; stage: StageId; lane: LaneId } {
  const doc = new Y.Doc();
  const stage = addStage(doc, { name: 'Planificar' });
  const lane = addLane(doc, { kind: 'actions', title: 'Acciones' });
  return { doc, stage, lane };
}

describe('touched items of a transaction', () => {
  it('matches the JSON difference of the replica for any sequence of random edits', () => {
    fc.assert(
      fc.property(fc.array(randomOpArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const { doc } = startingMap();
        const replica = serverReplica(doc);
        const ledger = newLedger();
        for (const op of ops) {
          const updates: Uint8Array[] = [];
          const record = (update: Uint8Array) => updates.push(update);
          doc.on('update', record);
          applyRandomOp(doc, op, ledger);
          doc.off('update', record);
          for (const update of updates) {
            const before = snapshot(replica.server);
            const touched = asKeys(replica.receive(update));
            const after = snapshot(replica.server);
            const expected = diff(before, after);
            // Nothing missed; beyond the visible differences, only rewrites of a field with the
            // value it had (a card "moved" to where it was) count, as changes of a kept item.
            expect(touched).toEqual(expect.arrayContaining(expected));
            for (const key of touched.filter((k) => !expected.includes(k))) {
              const item = key.slice(0, key.lastIndexOf(':'));
              expect(key.endsWith(':changed') && before.has(item) && after.has(item)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts a character typed into a card body as a change of that card only', () => {
    const { doc, stage, lane } = startingMap();
    const card = addCard(doc, { stageId: stage, laneId: lane, text: 'Buscar vuelos' });
    addCard(doc, { stageId: stage, laneId: lane, text: 'Otra' });
    const replica = serverReplica(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const paragraph = cardBody(doc, card)?.get(0);
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (!(text instanceof Y.XmlText)) throw new Error('no text in the card');
    text.insert(6, ' baratos');
    expect(updates).toHaveLength(1);
    expect(replica.receive(updates[0] ?? new Uint8Array())).toEqual([
      { kind: 'card', id: card, change: 'changed' },
    ]);
    expect(itemLabel(replica.server, 'card', card)).toBe('Buscar baratos vuelos');
  });

  it('reports a new card filled in one go as created, and a stage deleted with its cards as deleted', () => {
    const { doc, stage, lane } = startingMap();
    const replica = serverReplica(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const card = addCard(doc, { stageId: stage, laneId: lane, text: 'Nueva', emotion: 1 });
    expect(replica.receive(updates.shift() ?? new Uint8Array())).toEqual([
      { kind: 'card', id: card, change: 'created' },
    ]);
    setEmotion(doc, card, -1);
    renameStage(doc, stage, 'Reservar');
    expect(asKeys(replica.receive(updates.shift() ?? new Uint8Array()))).toEqual([
      `card:${card}:changed`,
    ]);
    expect(asKeys(replica.receive(updates.shift() ?? new Uint8Array()))).toEqual([
      `stage:${stage}:changed`,
    ]);
    deleteStage(doc, stage);
    expect(asKeys(replica.receive(updates.shift() ?? new Uint8Array()))).toEqual(
      [`card:${card}:deleted`, `stage:${stage}:deleted`].sort(),
    );
    expect(readMap(replica.server).stages).toEqual([]);
  });

  it('labels a card, after any body edits, as its plain text on one line would start', () => {
    fc.assert(
      fc.property(fc.array(bodyOpArb, { maxLength: 30 }), (ops) => {
        const { doc, stage, lane } = startingMap();
        const card = addCard(doc, { stageId: stage, laneId: lane, text: 'Primera línea\nsegunda' });
        for (const op of ops) applyBodyOp(doc, { ...op, card: 0 });
        const body = cardBody(doc, card);
        if (!body) throw new Error('no body');
        // Word boundaries may differ where two text runs meet; compare without whitespace.
        const squeeze = (text: string) => text.replace(/\s+|…/g, '');
        const label = squeeze(itemLabel(doc, 'card', card) ?? '');
        expect(squeeze(shorten(fragmentText(body))).startsWith(label)).toBe(true);
        expect(label.length).toBeGreaterThanOrEqual(
          Math.min(squeeze(fragmentText(body)).length, 60),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('labels items on one line, at most 80 characters', () => {
    const { doc, stage, lane } = startingMap();
    const card = addCard(doc, { stageId: stage, laneId: lane, text: 'a'.repeat(50) });
    setCardText(doc, card, `${'palabra '.repeat(20)}\nsegunda línea`);
    const label = itemLabel(doc, 'card', card) ?? '';
    expect([...label]).toHaveLength(80);
    expect(label.endsWith('…')).toBe(true);
    expect(label).not.toContain('\n');
    expect(itemLabel(doc, 'stage', stage)).toBe('Planificar');
    expect(itemLabel(doc, 'lane', lane)).toBe('Acciones');
    expect(itemLabel(doc, 'card', 'missing')).toBeNull();
    expect(shorten('  dos\n\nlíneas ')).toBe('dos líneas');
  });
});
