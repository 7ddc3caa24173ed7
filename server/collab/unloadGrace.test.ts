import { afterEach, describe, expect, it } from 'vitest';
import { addCard, asMapId, mapDocName, readMap, setCardText } from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

/** The grace period of the test that reopens a map within it. */
const GRACE_MS = 4_000;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function open(server: TestServer, owner: TestUser, mapId: string): Promise<TestClient> {
  const client = connectMap(server.url, mapId, { token: owner.token });
  cleanup.push(() => client.destroy());
  await client.synced;
  return client;
}

async function setUp(unloadGraceMs: number) {
  const server = await startTestServer({ unloadGraceMs });
  cleanup.push(() => server.dispose());
  const owner = await signUpUser(server.url);
  const mapId = await createMapAs(owner, { title: 'Grace' });
  return { server, owner, mapId, name: mapDocName(asMapId(mapId)) };
}

async function addAcknowledged(client: TestClient, text: string): Promise<void> {
  const { stages, lanes } = readMap(client.doc);
  const [stage] = stages;
  const [lane] = lanes;
  if (!stage || !lane) throw new Error('the map has no stage or lane');
  addCard(client.doc, { stageId: stage.id, laneId: lane.id, text });
  await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
}

describe('the unload grace period', () => {
  it('keeps a map loaded after its last client left, serves a reopen from memory, then unloads it', async () => {
    // A grace long enough for a reopen on a busy machine (PostgreSQL, CI).
    const { server, owner, mapId, name } = await setUp(GRACE_MS);
    const first = await open(server, owner, mapId);
    await addAcknowledged(first, 'kept in memory');
    const loaded = server.hocuspocus.documents.get(name);
    if (!loaded) throw new Error('the map is not loaded');
    const leftAt = Date.now();
    first.destroy();
    await expect.poll(() => loaded.getConnectionsCount()).toBe(0);

    // A reopen inside the grace period gets the very same document: nothing was loaded again.
    const second = await open(server, owner, mapId);
    expect(Date.now() - leftAt).toBeLessThan(GRACE_MS);
    expect(server.hocuspocus.documents.get(name)).toBe(loaded);
    expect(readMap(second.doc).cards.map((c) => c.text)).toContain('kept in memory');

    // The reopen started a new session: the grace period counts from its end again.
    const card = readMap(second.doc).cards.find((c) => c.text === 'kept in memory');
    if (!card) throw new Error('the card is missing');
    setCardText(second.doc, card.id, 'changed while warm');
    await expect.poll(() => second.provider.unsyncedChanges).toBe(0);
    const secondLeftAt = Date.now();
    second.destroy();
    await expect
      .poll(() => server.hocuspocus.documents.has(name), { timeout: GRACE_MS + 10_000 })
      .toBe(false);
    expect(Date.now() - secondLeftAt).toBeGreaterThanOrEqual(GRACE_MS - 100);

    // What was acknowledged while warm was stored: a cold open reads it back.
    const third = await open(server, owner, mapId);
    expect(server.hocuspocus.documents.get(name)).not.toBe(loaded);
    expect(readMap(third.doc).cards.map((c) => c.text)).toContain('changed while warm');
  });

  it('unloads at once with no grace period', async () => {
    const { server, owner, mapId, name } = await setUp(0);
    const client = await open(server, owner, mapId);
    await addAcknowledged(client, 'gone soon');
    client.destroy();
    await expect.poll(() => server.hocuspocus.documents.has(name), { timeout: 3_000 }).toBe(false);
  });

  it('does not hold a shutdown back: maps in their grace period unload when the server closes', async () => {
    const { server, owner, mapId, name } = await setUp(60_000);
    const client = await open(server, owner, mapId);
    await addAcknowledged(client, 'stored on close');
    client.destroy();
    await expect.poll(() => server.hocuspocus.documents.get(name)?.getConnectionsCount()).toBe(0);
    const closing = Date.now();
    await server.close();
    expect(server.hocuspocus.documents.size).toBe(0);
    // Far below the 10 s a shutdown waits for documents that do not unload.
    expect(Date.now() - closing).toBeLessThan(5_000);
  });
});
