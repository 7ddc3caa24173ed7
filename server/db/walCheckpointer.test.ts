import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from './database.ts';
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
