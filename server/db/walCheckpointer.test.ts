import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile, openDatabase } from './database.ts';
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer.ts';
import { sqliteOf, startTestServer, type TestServer } from '../test/testServer.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('background WAL checkpoints', () => {
  it('fold the update log into the database file without the main connection checkpointing', async () => {
    server = await startTestServer();
    const file = databaseFile(server.dataDir);
    const autocheckpoint = sqliteOf(server).prepare('PRAGMA wal_autocheckpoint').get();
    expect(Object.values(autocheckpoint ?? {})).toEqual([0]);

    const before = fs.statSync(file).size;
    const store = server.storage.documents;
    const update = new Uint8Array(1024).fill(7);
    for (let i = 0; i < 500; i++) await store.append([{ name: 'map:checkpoint-test', update }]);

    // Only a checkpoint moves pages from the -wal file into the database file.
    await expect.poll(() => fs.statSync(file).size).toBeGreaterThan(before + 400 * 1024);
    expect((await store.load('map:checkpoint-test')).tail).toHaveLength(500);
  });
});

describe('background WAL checkpoints on a full disk', () => {
  it('report the failure instead of ending the server, and fold the log once space returns', async () => {
    // A real full disk: a small tmpfs (needs root, as the tests run here and in CI).
    const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-wal-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount]);
    const db = openDatabase(mount, { backgroundCheckpoints: true });
    const failures: string[] = [];
    let checkpointer: WalCheckpointer | undefined;
    try {
      const insert = db.prepare(
        'INSERT INTO document_updates (name, update_data, created_at) VALUES (?, ?, ?)',
      );
      db.exec('BEGIN');
      for (let i = 0; i < 300; i++) insert.run('map:full', new Uint8Array(1024).fill(i), i);
      db.exec('COMMIT');
      const file = databaseFile(mount);
      const before = fs.statSync(file).size;
      // The log is in the -wal file; the database file has no room to take it.
      const filler = path.join(mount, 'filler');
      const fd = fs.openSync(filler, 'w');
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(4096, 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(fd);
      }
      checkpointer = startWalCheckpointer(file, 20, (message) => failures.push(message));
      await expect.poll(() => failures.length).toBeGreaterThan(0);
      expect(failures[0]).toMatch(/full/);

      fs.rmSync(filler);
      await expect.poll(() => fs.statSync(file).size).toBeGreaterThan(before + 200 * 1024);
      expect(failures).toHaveLength(1);
    } finally {
      await checkpointer?.stop();
      db.close();
      execFileSync('umount', ['-l', mount]);
      fs.rmSync(mount, { recursive: true, force: true });
    }
  });
});
