import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { freshDatabaseUrl, releaseSharedPostgres } from '../../test/postgresServer.ts';
import type { Storage } from '../storage.ts';
import { migrate, PG_MIGRATIONS } from './migrations.ts';
import { openPostgresStorage } from './openPostgresStorage.ts';

// Two Storage instances = two pools = two server processes sharing one database.

afterAll(releaseSharedPostgres);

const DOC = 'map:shared';
const UPDATES_PER_PROCESS = 200;

/** A deterministic pseudo-random sequence, so a failing interleaving can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * One process editing the shared document: it appends its updates in small groups (as the
 * persistence extension's group commit does) and compacts now and then with its own copy, which
 * never holds the other process's updates. Every load must contain all acknowledged updates.
 */
async function runProcess(
  who: string,
  storage: Storage,
  all: Y.Doc,
  acknowledged: Set<string>,
  next: () => number,
  seed: number,
): Promise<void> {
  const doc = new Y.Doc();
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pending.push(update));
  const background: Promise<void>[] = [];
  let i = 0;
  while (i < UPDATES_PER_PROCESS) {
    const group = 1 + Math.floor(next() * 4);
    const keys: string[] = [];
    for (let g = 0; g < group && i < UPDATES_PER_PROCESS; g += 1, i += 1) {
      const key = `${who}-${i}`;
      doc.transact(() => {
        doc.getMap('m').set(key, i);
        if (i % 3 === 0) doc.getArray('a').push([key]);
      });
      keys.push(key);
    }
    const updates = pending.splice(0);
    await storage.documents.append(updates.map((update) => ({ name: DOC, update })));
    for (const update of updates) Y.applyUpdate(all, update);
    for (const key of keys) acknowledged.add(key);
    const dice = next();
    if (dice < 0.3) {
      background.push(storage.documents.compact(DOC, Y.encodeStateAsUpdate(doc)));
    } else if (dice < 0.4) {
      const mustHave = [...acknowledged];
      background.push(
        storage.documents.load(DOC).then((stored) => {
          const loaded = new Y.Doc();
          if (stored.snapshot) Y.applyUpdate(loaded, stored.snapshot);
          for (const update of stored.tail) Y.applyUpdate(loaded, update);
          const map = loaded.getMap('m');
          expect(
            mustHave.filter((key) => !map.has(key)),
            `seed ${seed}`,
          ).toEqual([]);
        }),
      );
    }
  }
  background.push(storage.documents.compact(DOC, Y.encodeStateAsUpdate(doc)));
  await Promise.all(background);
}

function loadedDoc(stored: { snapshot: Uint8Array | null; tail: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.tail) Y.applyUpdate(doc, update);
  return doc;
}

describe('PostgreSQL storage shared by several processes', () => {
  it('applies migrations started by several processes at once exactly once', async () => {
    const url = await freshDatabaseUrl();
    const storages = await Promise.all(
      Array.from({ length: 3 }, () => openPostgresStorage({ url, poolSize: 2 })),
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM schema_migrations ORDER BY id',
      );
      expect(rows.map((row) => row.id)).toEqual(PG_MIGRATIONS.map((migration) => migration.id));
      const departments = await client.query<{ n: string }>(
        'SELECT COUNT(*) AS n FROM departments',
      );
      expect(Number(departments.rows[0]?.n)).toBe(9);
    } finally {
      await client.end();
      await Promise.all(storages.map((storage) => storage.close()));
    }
  });

  it('has exactly one of several racing processes apply each migration', async () => {
    const url = await freshDatabaseUrl();
    const clients = Array.from({ length: 3 }, () => new pg.Client({ connectionString: url }));
    await Promise.all(clients.map((client) => client.connect()));
    try {
      const ran = await Promise.all(clients.map((client) => migrate(client)));
      expect(ran.flat().sort()).toEqual(PG_MIGRATIONS.map((migration) => migration.id).sort());
      expect(await migrate(clients[0] ?? new pg.Client())).toEqual([]);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it('loses no update when two processes append and compact one document concurrently', async () => {
    const url = await freshDatabaseUrl();
    const [one, two] = await Promise.all([
      openPostgresStorage({ url, poolSize: 4 }),
      openPostgresStorage({ url, poolSize: 4 }),
    ]);
    if (!one || !two) throw new Error('two storages expected');
    try {
      const all = new Y.Doc();
      const acknowledged = new Set<string>();
      const seed = Date.now();
      const next = random(seed);
      await Promise.all([
        runProcess('one', one, all, acknowledged, next, seed),
        runProcess('two', two, all, acknowledged, next, seed),
      ]);
      expect(acknowledged.size, `seed ${seed}`).toBe(2 * UPDATES_PER_PROCESS);

      for (const storage of [one, two]) {
        const loaded = loadedDoc(await storage.documents.load(DOC));
        expect(loaded.getMap('m').toJSON(), `seed ${seed}`).toEqual(all.getMap('m').toJSON());
        expect(loaded.getArray('a').toJSON()).toEqual(all.getArray('a').toJSON());
        expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(all));
      }

      // A last compaction by either process, with its full copy, empties the log.
      await two.documents.compact(DOC, Y.encodeStateAsUpdate(all));
      expect(await one.documents.tailLength(DOC)).toBe(0);
      const compacted = loadedDoc(await one.documents.load(DOC));
      expect(compacted.getMap('m').toJSON()).toEqual(all.getMap('m').toJSON());
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
