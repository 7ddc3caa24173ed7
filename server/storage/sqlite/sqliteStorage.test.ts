import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newMapId } from '../../../shared/ids.ts';
import { makeDataDir } from '../../test/testServer.ts';
import type { Storage } from '../storage.ts';
import { openSqliteStorage, sqliteDatabaseOf } from './sqliteStorage.ts';

let dataDir: string;
let storage: Storage;

beforeEach(() => {
  dataDir = makeDataDir();
  storage = openSqliteStorage({ dataDir });
});

afterEach(async () => {
  await storage.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Lets every pending promise callback and I/O turn run once. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('SQLite storage: one connection behind the async seam', () => {
  it('runs a call outside any transaction at once: its write is visible before anything is awaited', async () => {
    const id = newMapId();
    const created = storage.maps.create({ id, title: 'Ahora', template: null });
    const db = sqliteDatabaseOf(storage);
    expect(db?.prepare('SELECT title FROM maps WHERE id = ?').get(id)).toEqual({ title: 'Ahora' });
    expect((await created).title).toBe('Ahora');
    await storage.ping();
  });

  it('commits what a transaction wrote and rolls all of it back when its function rejects', async () => {
    const kept = newMapId();
    const dropped = newMapId();
    await storage.transaction(async (tx) => {
      await tx.maps.create({ id: kept, title: 'Queda', template: null });
    });
    await expect(
      storage.transaction(async (tx) => {
        await tx.maps.create({ id: dropped, title: 'Se va', template: null });
        await tx.documents.writeInitial(`map:${dropped}`, Uint8Array.of(0, 0));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await storage.maps.get(kept)).not.toBeNull();
    expect(await storage.maps.get(dropped)).toBeNull();
    expect(await storage.documents.load(`map:${dropped}`)).toEqual({ snapshot: null, tail: [] });
  });

  it('makes outer calls wait while a transaction is open, so a rollback never takes them along', async () => {
    const outside = newMapId();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failing = storage.transaction(async (tx) => {
      await tx.maps.create({ id: newMapId(), title: 'Dentro', template: null });
      await gate;
      throw new Error('rolled back');
    });
    const outer = storage.maps.create({ id: outside, title: 'Fuera', template: null });
    let settled = false;
    void outer.then(() => (settled = true));
    await turn();
    expect(settled).toBe(false);
    expect(sqliteDatabaseOf(storage)?.prepare('SELECT 1 FROM maps WHERE id = ?').get(outside)).toBe(
      undefined,
    );

    release();
    await expect(failing).rejects.toThrow('rolled back');
    await outer;
    expect(await storage.maps.get(outside)).not.toBeNull();
    expect(await storage.maps.count()).toBe(1);
  });

  it('runs transactions one at a time, in the order they were asked for', async () => {
    const order: string[] = [];
    const slow = storage.transaction(async () => {
      order.push('first begins');
      await turn();
      order.push('first ends');
    });
    const fast = storage.transaction(async () => {
      order.push('second runs');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['first begins', 'first ends', 'second runs']);
  });

  it('refuses calls on a transaction’s stores once it has ended, and every call after close', async () => {
    let leaked: Parameters<Parameters<Storage['transaction']>[0]>[0] | undefined;
    await storage.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.maps.count()).rejects.toThrow(/ended/);
    await storage.close();
    await expect(storage.maps.count()).rejects.toThrow(/closed/);
    await expect(storage.ping()).rejects.toThrow(/closed/);
  });
});
