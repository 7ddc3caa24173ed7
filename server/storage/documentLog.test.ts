import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTestStorage } from '../test/testServer.ts';
import type { DocumentLog } from './storage.ts';

let opened: Awaited<ReturnType<typeof openTestStorage>>;
let store: DocumentLog;

beforeEach(async () => {
  opened = await openTestStorage();
  store = opened.storage.documents;
});

afterEach(async () => {
  await opened.dispose();
});

/** Appends still in flight (none on SQLite, where an append settles at call time). */
const pending: Promise<void>[] = [];

async function settled(): Promise<void> {
  await Promise.all(pending.splice(0));
}

/** A server-side document whose every update is appended to the log, as PersistenceExtension does. */
function liveDocument(name: string): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => {
    pending.push(store.append([{ name, update }]));
  });
  return doc;
}

async function compact(name: string, doc: Y.Doc): Promise<void> {
  await settled();
  await store.compact(name, Y.encodeStateAsUpdate(doc));
}

async function recovered(name: string): Promise<Y.Doc> {
  await settled();
  const { snapshot, tail } = await store.load(name);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of tail) Y.applyUpdate(doc, update);
  }, 'load');
  return doc;
}

function expectSameState(actual: Y.Doc, expected: Y.Doc): void {
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
  expect(actual.getMap('cards').toJSON()).toEqual(expected.getMap('cards').toJSON());
  expect(actual.getText('title').toString()).toBe(expected.getText('title').toString());
  expect(actual.getArray('order').toJSON()).toEqual(expected.getArray('order').toJSON());
}

/** One step of the model: a replica edits, a replica syncs with the server, or the server compacts. */
type Step =
  | { kind: 'edit'; replica: number; op: number; key: number; text: string }
  | { kind: 'sync'; replica: number }
  | { kind: 'compact' }
  | { kind: 'recover' };

const REPLICAS = 3;

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      replica: fc.nat(REPLICAS - 1),
      op: fc.nat(5),
      key: fc.nat(7),
      text: fc.string({ maxLength: 12 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('sync' as const), replica: fc.nat(REPLICAS - 1) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'recover' as const }) },
);

function edit(doc: Y.Doc, { op, key, text }: Extract<Step, { kind: 'edit' }>): void {
  const cards = doc.getMap<string>('cards');
  const title = doc.getText('title');
  const order = doc.getArray<string>('order');
  switch (op) {
    case 0:
      cards.set(`card-${key}`, text);
      break;
    case 1:
      cards.delete(`card-${key}`);
      break;
    case 2:
      title.insert(Math.min(key, title.length), text);
      break;
    case 3:
      if (title.length > 0) title.delete(key % title.length, Math.min(3, title.length));
      break;
    case 4:
      order.insert(Math.min(key, order.length), [text]);
      break;
    default:
      if (order.length > 0) order.delete(key % order.length);
  }
}

/** Two-way sync of a replica with the server document, as a provider's sync step 2 does. */
function sync(replica: Y.Doc, server: Y.Doc): void {
  Y.applyUpdate(server, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server)));
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server, Y.encodeStateVector(replica)));
}

describe('DocumentLog: update log and compaction', () => {
  let run = 0;

  it('recovers exactly the live document from snapshot + log tail while replicas edit concurrently and compactions interleave', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 120 }), async (steps) => {
        const name = `map:property-${run++}`;
        const server = liveDocument(name);
        const replicas = Array.from({ length: REPLICAS }, () => new Y.Doc());
        for (const s of steps) {
          if (s.kind === 'edit') {
            const replica = replicas[s.replica];
            if (replica) edit(replica, s);
          } else if (s.kind === 'sync') {
            const replica = replicas[s.replica];
            if (replica) sync(replica, server);
          } else if (s.kind === 'compact') {
            await compact(name, server);
            expect(await store.tailLength(name)).toBe(0);
          } else {
            expectSameState(await recovered(name), server);
          }
        }
        // Two rounds: every replica's edits reach the server, then every replica catches up.
        for (const replica of replicas) sync(replica, server);
        for (const replica of replicas) sync(replica, server);
        expectSameState(await recovered(name), server);
        for (const replica of replicas) expectSameState(replica, server);
      }),
      { numRuns: 150 },
    );
  });

  it('empties the tail on compaction and keeps logging later updates after the snapshot', async () => {
    const name = 'map:tail';
    const live = liveDocument(name);
    live.getMap('cards').set('a', 1);
    live.getMap('cards').set('b', 2);
    await settled();
    expect(await store.tailLength(name)).toBe(2);

    await compact(name, live);
    expect(await store.tailLength(name)).toBe(0);
    expect((await store.load(name)).snapshot).not.toBeNull();

    live.getMap('cards').set('c', 3);
    await settled();
    expect(await store.tailLength(name)).toBe(1);
    expectSameState(await recovered(name), live);
  });

  it('never resurrects updates already folded into the snapshot when compacting twice', async () => {
    const name = 'map:twice';
    const live = liveDocument(name);
    live.getMap('cards').set('a', 1);
    await compact(name, live);
    live.getMap('cards').delete('a');
    await compact(name, live);
    await compact(name, live);
    expect((await recovered(name)).getMap('cards').toJSON()).toEqual({});
  });

  it('keeps a row appended after the rows a compaction read, and merges it on the next one', async () => {
    const name = 'map:interleaved';
    // Another process's copy of the document: its updates reach the log, not this process's copy.
    const here = liveDocument(name);
    const elsewhere = new Y.Doc();
    here.getMap('cards').set('a', 1);
    await compact(name, here);

    // Appended after this process encoded its state, before its compaction ran.
    const stale = Y.encodeStateAsUpdate(here);
    elsewhere.getMap('cards').set('b', 2);
    await store.append([{ name, update: Y.encodeStateAsUpdate(elsewhere) }]);
    await settled();
    // The compaction reads that row, so it is folded into the snapshot (not lost with `stale`).
    await store.compact(name, stale);
    expect(await store.tailLength(name)).toBe(0);
    expect((await recovered(name)).getMap('cards').toJSON()).toEqual({ a: 1, b: 2 });

    // Rows appended after a compaction stay in the log until the next one folds them.
    elsewhere.getMap('cards').set('c', 3);
    await store.append([{ name, update: Y.encodeStateAsUpdate(elsewhere) }]);
    here.getMap('cards').set('d', 4);
    await settled();
    expect(await store.tailLength(name)).toBe(2);
    const expected = new Y.Doc();
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(here));
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(elsewhere));
    expectSameState(await recovered(name), expected);

    await compact(name, here);
    expect(await store.tailLength(name)).toBe(0);
    const loaded = await recovered(name);
    expectSameState(loaded, expected);
    expect(loaded.getMap('cards').toJSON()).toEqual({ a: 1, b: 2, c: 3, d: 4 });
  });

  it('does not keep deleted content in the snapshot across compactions', async () => {
    const name = 'map:shrinks';
    const live = liveDocument(name);
    const text = live.getText('title');
    for (let round = 0; round < 5; round++) {
      text.insert(0, 'x'.repeat(50_000));
      await compact(name, live);
      text.delete(0, text.length);
      await compact(name, live);
    }
    const { snapshot } = await store.load(name);
    // Five rounds of 50 kB written and deleted: a snapshot that kept them would hold 250 kB.
    expect(snapshot?.length ?? 0).toBeLessThan(Y.encodeStateAsUpdate(live).length + 8192);
    expectSameState(await recovered(name), live);
  });

  it('appends the updates of several documents in one call', async () => {
    const one = new Y.Doc();
    const two = new Y.Doc();
    one.getMap('cards').set('x', 'one');
    two.getMap('cards').set('x', 'two');
    await store.append([
      { name: 'map:group-one', update: Y.encodeStateAsUpdate(one) },
      { name: 'map:group-two', update: Y.encodeStateAsUpdate(two) },
    ]);
    expect(await store.tailLength('map:group-one')).toBe(1);
    expectSameState(await recovered('map:group-two'), two);
  });

  it('keeps documents apart: compacting one leaves another one’s log untouched', async () => {
    const one = liveDocument('map:one');
    const two = liveDocument('map:two');
    one.getMap('cards').set('x', 'one');
    two.getMap('cards').set('x', 'two');
    await compact('map:one', one);
    expect(await store.tailLength('map:two')).toBe(1);
    expect((await recovered('map:two')).getMap('cards').get('x')).toBe('two');
  });

  it('replaces a document’s whole stored state: snapshot and log', async () => {
    const live = liveDocument('map:replaced');
    live.getMap('cards').set('x', 1);
    await compact('map:replaced', live);
    live.getMap('cards').set('y', 2);
    const repaired = new Y.Doc();
    repaired.getMap('cards').set('z', 3);
    await settled();
    await store.replace('map:replaced', Y.encodeStateAsUpdate(repaired));
    expect(await store.tailLength('map:replaced')).toBe(0);
    expect((await recovered('map:replaced')).getMap('cards').toJSON()).toEqual({ z: 3 });
  });

  it('removes every trace of a document', async () => {
    const live = liveDocument('map:gone');
    live.getMap('cards').set('x', 1);
    await compact('map:gone', live);
    live.getMap('cards').set('y', 2);
    await settled();
    await store.remove('map:gone');
    expect(await store.load('map:gone')).toEqual({ snapshot: null, tail: [] });
  });
});
