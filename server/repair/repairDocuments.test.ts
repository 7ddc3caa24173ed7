import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DatabaseSync } from 'node:sqlite';
import { openSqliteStorage, sqliteDatabaseOf } from '../storage/sqlite/sqliteStorage.ts';
import type { DocumentLog } from '../storage/storage.ts';
import { deepNestingUpdates } from '../test/deepNesting.ts';
import { makeDataDir } from '../test/testServer.ts';
import { repairDocuments } from './repairDocuments.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

function openStore(): { db: DatabaseSync; store: DocumentLog } {
  const dataDir = makeDataDir();
  const storage = openSqliteStorage({ dataDir });
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push(() => storage.close());
  const db = sqliteDatabaseOf(storage);
  if (!db) throw new Error('not a SQLite storage');
  return { db, store: storage.documents };
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
function rows(db: DatabaseSync): unknown[] {
  return [
    ...db.prepare('SELECT * FROM document_snapshots ORDER BY name').all(),
    ...db.prepare('SELECT * FROM document_updates ORDER BY seq').all(),
  ];
}

const OPTIONS = { limit: 64, dryRun: false };

describe('repairing stored documents', () => {
  it('leaves documents without deep nesting untouched and reports nothing', async () => {
    const { db, store } = openStore();
    await store.writeInitial('map:healthy', cardState());
    await store.append([{ name: 'map:healthy', update: cardState() }]);
    const before = rows(db);

    expect(await repairDocuments(store, ['map:healthy', 'map:absent'], OPTIONS)).toEqual([]);
    expect(rows(db)).toEqual(before);
  });

  it('folds the log into one repaired snapshot, and a dry run writes nothing', async () => {
    const { db, store } = openStore();
    const base = cardState();
    const { nest, remove } = deepNestingUpdates([base], body, 1_000);
    await store.writeInitial('map:deep', base);
    await store.append([
      { name: 'map:deep', update: nest },
      { name: 'map:deep', update: remove },
    ]);
    const before = rows(db);

    const dry = await repairDocuments(store, ['map:deep'], { ...OPTIONS, dryRun: true });
    expect(dry).toEqual([
      { name: 'map:deep', deepestDepth: 1_002, removedTypes: 1_002 - 64, written: false },
    ]);
    expect(rows(db)).toEqual(before);

    const done = await repairDocuments(store, ['map:deep'], OPTIONS);
    expect(done).toEqual([{ ...dry[0], written: true }]);
    expect(await store.tailLength('map:deep')).toBe(0);
    const { snapshot, tail } = await store.load('map:deep');
    expect(tail).toEqual([]);
    if (!snapshot) throw new Error('no snapshot after the repair');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    expect(body(doc).toString()).toBe('<paragraph>hola</paragraph>');
    expect(await repairDocuments(store, ['map:deep'], OPTIONS)).toEqual([]);
  });
});
