import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Database } from '../db/database.ts';
import { DocumentStore } from '../db/documents.ts';
import { deepNestingUpdates } from '../test/deepNesting.ts';
import { makeDataDir } from '../test/testServer.ts';
import { repairDocuments } from './repairDocuments.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()?.();
});

function openStore(): { db: Database; store: DocumentStore } {
  const dataDir = makeDataDir();
  const db = openDatabase(dataDir);
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push(() => db.close());
  return { db, store: new DocumentStore(db) };
}

/** A card body with one paragraph, as a full state. */
function cardState(): Uint8Array {
  const doc = new Y.Doc();
  const card = new Y.Map<unknown>();
  doc.getMap<unknown>('cards').set('c1', card);
  const body = new Y.XmlFragment();
  card.set('body', body);
  const paragraph = new Y.XmlElement('paragraph');
  body.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText('hola')]);
  return Y.encodeStateAsUpdate(doc);
}

function body(doc: Y.Doc): Y.XmlFragment {
  const card = doc.getMap<unknown>('cards').get('c1');
  const fragment: unknown = card instanceof Y.Map ? card.get('body') : undefined;
  if (!(fragment instanceof Y.XmlFragment)) throw new Error('no body');
  return fragment;
}

/** Every row of the two document tables, to prove nothing was written. */
function rows(db: Database): unknown[] {
  return [
    ...db.prepare('SELECT * FROM document_snapshots ORDER BY name').all(),
    ...db.prepare('SELECT * FROM document_updates ORDER BY seq').all(),
  ];
}

const OPTIONS = { limit: 64, dryRun: false };

describe('repairing stored documents', () => {
  it('leaves documents without deep nesting untouched and reports nothing', () => {
    const { db, store } = openStore();
    store.writeInitial('map:healthy', cardState());
    store.append('map:healthy', cardState());
    const before = rows(db);

    expect(repairDocuments(store, ['map:healthy', 'map:absent'], OPTIONS)).toEqual([]);
    expect(rows(db)).toEqual(before);
  });

  it('folds the log into one repaired snapshot, and a dry run writes nothing', () => {
    const { db, store } = openStore();
    const base = cardState();
    const { nest, remove } = deepNestingUpdates([base], body, 1_000);
    store.writeInitial('map:deep', base);
    store.append('map:deep', nest);
    store.append('map:deep', remove);
    const before = rows(db);

    const dry = repairDocuments(store, ['map:deep'], { ...OPTIONS, dryRun: true });
    expect(dry).toEqual([
      { name: 'map:deep', deepestDepth: 1_002, removedTypes: 1_002 - 64, written: false },
    ]);
    expect(rows(db)).toEqual(before);

    const done = repairDocuments(store, ['map:deep'], OPTIONS);
    expect(done).toEqual([{ ...dry[0], written: true }]);
    expect(store.tailLength('map:deep')).toBe(0);
    const doc = new Y.Doc();
    expect(store.loadInto('map:deep', doc, null)).toBe(true);
    expect(body(doc).toString()).toBe('<paragraph>hola</paragraph>');
    expect(repairDocuments(store, ['map:deep'], OPTIONS)).toEqual([]);
  });

  it('does not replace a stored state that changed after it was read', () => {
    const { db, store } = openStore();
    store.writeInitial('map:busy', cardState());
    const revision = store.revision('map:busy');
    store.append('map:busy', cardState()); // a running server's write
    const before = rows(db);

    expect(store.replace('map:busy', cardState(), revision)).toBe(false);
    expect(rows(db)).toEqual(before);
    expect(store.replace('map:busy', cardState(), store.revision('map:busy'))).toBe(true);
    expect(store.tailLength('map:busy')).toBe(0);
  });
});
