import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage } from '../../storage/sqlite/sqliteStorage.ts';
import type { Storage } from '../../storage/storage.ts';
import { makeDataDir } from '../../test/testServer.ts';
import { GroupCommitLog } from './groupCommit.ts';

const opened: { storage: Storage; dataDir: string }[] = [];
afterEach(async () => {
  for (const { storage, dataDir } of opened.splice(0)) {
    await storage.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

function open(): Storage {
  const dataDir = makeDataDir();
  const storage = openSqliteStorage({ dataDir });
  opened.push({ storage, dataDir });
  return storage;
}

/** A recorder of what the group commit reports. */
function observer() {
  const batches: number[] = [];
  const failures: unknown[] = [];
  return {
    batches,
    failures,
    committed: ({ entries }: { entries: number }) => batches.push(entries),
    failed: (error: unknown) => failures.push(error),
  };
}

/** Updates that each insert one character into a shared text. */
function typing(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i += 1) doc.getText('t').insert(i, 'x');
  return updates;
}

describe('the group commit of the document log', () => {
  it('writes the updates of one event-loop turn in one commit, and each caller learns when', async () => {
    const storage = open();
    const seen = observer();
    const log = new GroupCommitLog(storage.documents, seen);
    const updates = typing(50);
    const acks = updates.map((update, i) => log.append(i % 2 ? 'map:a' : 'map:b', update));
    await Promise.all(acks);
    expect(seen.batches).toEqual([50]);
    expect(await storage.documents.tailLength('map:a')).toBe(25);
    expect(await storage.documents.tailLength('map:b')).toBe(25);
  });

  it('gathers what arrives while a commit is in flight into the next one', async () => {
    const storage = open();
    const seen = observer();
    const log = new GroupCommitLog(storage.documents, seen);
    const [first, ...rest] = typing(31);
    if (!first) throw new Error('no update');
    const firstAck = log.append('map:a', first);
    // The first batch is scheduled; everything appended before it settles waits for the next one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const restAcks = rest.map((update) => log.append('map:a', update));
    await Promise.all([firstAck, ...restAcks]);
    expect(seen.batches).toEqual([1, 30]);
    const { tail } = await storage.documents.load('map:a');
    const doc = new Y.Doc();
    for (const update of tail) Y.applyUpdate(doc, update);
    expect(doc.getText('t').toString()).toBe('x'.repeat(31));
    await log.drained();
  });

  it('rejects every caller of a batch the storage refused, and writes again once it accepts', async () => {
    const storage = open();
    const seen = observer();
    const [a, b, c] = typing(3);
    if (!a || !b || !c) throw new Error('no update');
    // A log whose table is gone: the same rejection a full disk or a lost database gives.
    const broken = open();
    await broken.close();
    const failing = new GroupCommitLog(broken.documents, seen);
    const results = await Promise.allSettled([
      failing.append('map:a', a),
      failing.append('map:a', b),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(seen.failures).toHaveLength(1);
    await failing.drained();

    const working = new GroupCommitLog(storage.documents, seen);
    await working.append('map:a', c);
    expect(seen.batches).toEqual([1]);
  });
});
