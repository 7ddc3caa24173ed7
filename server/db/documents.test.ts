import fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeDataDir } from '../test/testServer.ts';
import { openDatabase, type Database } from './database.ts';
import { DocumentStore } from './documents.ts';

let dataDir: string;
let db: Database;
let store: DocumentStore;

beforeEach(() => {
  dataDir = makeDataDir();
  db = openDatabase(dataDir);
  store = new DocumentStore(db);
});

afterEach(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A server-side document whose every update is appended to the log, as PersistenceExtension does. */
function liveDocument(name: string): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => store.append(name, update));
  return doc;
}

function recovered(name: string): Y.Doc {
  const doc = new Y.Doc();
  store.loadInto(name, doc, 'load');
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

describe('DocumentStore: update log and compaction', () => {
  let run = 0;

  it('recovers exactly the live document from snapshot + log tail while replicas edit concurrently and compactions interleave', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), (steps) => {
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
            store.compact(name, server);
            expect(store.tailLength(name)).toBe(0);
          } else {
            expectSameState(recovered(name), server);
          }
        }
        // Two rounds: every replica's edits reach the server, then every replica catches up.
        for (const replica of replicas) sync(replica, server);
        for (const replica of replicas) sync(replica, server);
        expectSameState(recovered(name), server);
        for (const replica of replicas) expectSameState(replica, server);
      }),
      { numRuns: 150 },
    );
  });

  it('empties the tail on compaction and keeps logging later updates after the snapshot', () => {
    const name = 'map:tail';
    const live = liveDocument(name);
    live.getMap('cards').set('a', 1);
    live.getMap('cards').set('b', 2);
    expect(store.tailLength(name)).toBe(2);

    store.compact(name, live);
    expect(store.tailLength(name)).toBe(0);
    expect(store.load(name).snapshot).not.toBeNull();

    live.getMap('cards').set('c', 3);
    expect(store.tailLength(name)).toBe(1);
    expectSameState(recovered(name), live);
  });

  it('never resurrects updates already folded into the snapshot when compacting twice', () => {
    const name = 'map:twice';
    const live = liveDocument(name);
    live.getMap('cards').set('a', 1);
    store.compact(name, live);
    live.getMap('cards').delete('a');
    store.compact(name, live);
    store.compact(name, live);
    expect(recovered(name).getMap('cards').toJSON()).toEqual({});
  });

  it('keeps documents apart: compacting one leaves another one’s log untouched', () => {
    const one = liveDocument('map:one');
    const two = liveDocument('map:two');
    one.getMap('cards').set('x', 'one');
    two.getMap('cards').set('x', 'two');
    store.compact('map:one', one);
    expect(store.tailLength('map:two')).toBe(1);
    expect(recovered('map:two').getMap('cards').get('x')).toBe('two');
  });

  it('removes every trace of a document', () => {
    const live = liveDocument('map:gone');
    live.getMap('cards').set('x', 1);
    store.compact('map:gone', live);
    live.getMap('cards').set('y', 2);
    store.remove('map:gone');
    expect(store.load('map:gone')).toEqual({ snapshot: null, tail: [] });
    expect(store.loadInto('map:gone', new Y.Doc(), 'load')).toBe(false);
  });
});
