import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, mapDocName, readMap, type MapId } from '../../../shared/index.ts';
import { STORAGE_UNAVAILABLE } from '../../../shared/close-codes.ts';
import { connectMap, type TestClient } from '../../test/collabClient.ts';
import { PostgresCluster } from '../../test/postgresServer.ts';
import { startTestServer, type TestServer } from '../../test/testServer.ts';
import { createMapAs, signUpUser } from '../../test/testUser.ts';
import { openPostgresStorage } from './openPostgresStorage.ts';

// A real Recorrido server on a PostgreSQL cluster of its own, which dies under it and comes back.
let cluster: PostgresCluster;
let databaseUrl: string;
let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  cluster = await PostgresCluster.start();
  databaseUrl = await cluster.createDatabase();
  server = await startTestServer({}, undefined, {
    storage: () => openPostgresStorage({ url: databaseUrl }),
  });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
  await cluster?.destroy();
});

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function ourCards(client: TestClient): string[] {
  return readMap(client.doc)
    .cards.map((card) => card.text)
    .filter((text) => text.startsWith('sin base '))
    .sort();
}

describe('a server whose PostgreSQL dies', () => {
  it('acknowledges nothing it could not store, says so, and catches up by itself when PostgreSQL returns', async () => {
    const owner = await signUpUser(server.url);
    const mapId = (await createMapAs(owner, { title: 'Base caída' })) as MapId;
    const ana = connectMap(server.url, mapId, { token: owner.token });
    clients.push(ana);
    const closes: number[] = [];
    ana.provider.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));
    await ana.synced;
    const { stages, lanes } = readMap(ana.doc);
    const stageId = stages[0]?.id;
    const laneId = lanes[0]?.id;
    if (!stageId || !laneId) throw new Error('the map has no stage or lane');
    expect((await health()).status).toBe(200);

    await cluster.stop();
    const expected: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const text = `sin base ${String(i).padStart(2, '0')}`;
      expected.push(text);
      addCard(ana.doc, { stageId, laneId, text });
    }
    await expect
      .poll(() => closes.includes(STORAGE_UNAVAILABLE.code), { timeout: 30_000 })
      .toBe(true);
    expect(ana.provider.unsyncedChanges).toBeGreaterThan(0);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', storage: { kind: 'postgres' } });

    await cluster.restart();
    await expect
      .poll(() => ana.provider.unsyncedChanges, { timeout: 60_000, interval: 100 })
      .toBe(0);
    await expect.poll(async () => (await health()).status, { timeout: 30_000 }).toBe(200);

    const fresh = connectMap(server.url, mapId, { token: owner.token });
    clients.push(fresh);
    await fresh.synced;
    expect(ourCards(fresh)).toEqual(expected);
    // And in the database itself, read on a connection of its own, not only in server memory.
    const reader = await openPostgresStorage({ url: databaseUrl });
    try {
      const { snapshot, tail } = await reader.documents.load(mapDocName(mapId));
      const stored = new Y.Doc();
      for (const update of snapshot ? [snapshot, ...tail] : tail) Y.applyUpdate(stored, update);
      const texts = readMap(stored)
        .cards.map((card) => card.text)
        .filter((text) => text.startsWith('sin base '))
        .sort();
      expect(texts).toEqual(expected);
    } finally {
      await reader.close();
    }
  });
});
