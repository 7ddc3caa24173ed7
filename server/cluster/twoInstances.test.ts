import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, readMap, type MapId } from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import type { RedisServer } from '../test/redisServer.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import type { TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser } from '../test/testUser.ts';

// Two real Recorrido servers in one process, on one Redis and one PostgreSQL database: two
// instances of one deployment (SQLite is one process per DATA_DIR).
let instances: TwoInstances | undefined;
let redis: RedisServer;
let a: TestServer;
let b: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  instances = await startTwoInstances();
  ({ a, b, redis } = instances);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await instances?.dispose();
});

function connect(server: TestServer, mapId: string, token: string): TestClient {
  const client = connectMap(server.url, mapId, { token });
  clients.push(client);
  return client;
}

describe('two instances on one Redis', () => {
  it('report Redis in /healthz', async () => {
    const response = await anonymousCall(a.url, 'GET', '/healthz');
    expect(await response.json()).toEqual({ status: 'ok', redis: 'ok' });
  });

  it('deliver an edit made through instance A to a person connected to instance B', async () => {
    const owner = await signUpUser(a.url);
    const bob = await signUpUser(b.url);
    const mapId = (await createMapAs(owner, { title: 'Dos instancias' })) as MapId;
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: bob.email, role: 'editor' },
      201,
    );
    const atA = connect(a, mapId, owner.token);
    const atB = connect(b, mapId, bob.token);
    await Promise.all([atA.synced, atB.synced]);

    const { stages, lanes } = readMap(atA.doc);
    const stageId = stages[0]?.id;
    const laneId = lanes[0]?.id;
    if (!stageId || !laneId) throw new Error('the map has no stage or lane');
    const cardId = addCard(atA.doc, { stageId, laneId, text: 'desde A' });
    await expect.poll(() => readMap(atB.doc).cards.some((card) => card.id === cardId)).toBe(true);

    const reply = addCard(atB.doc, { stageId, laneId, text: 'desde B' });
    await expect.poll(() => readMap(atA.doc).cards.some((card) => card.id === reply)).toBe(true);
  });

  it('closes a member’s connection on instance B when the owner changes the role through instance A', async () => {
    const owner = await signUpUser(a.url);
    const bob = await signUpUser(a.url);
    const mapId = (await createMapAs(owner, { title: 'Roles' })) as MapId;
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: bob.email, role: 'editor' },
      201,
    );
    const atB = connect(b, mapId, bob.token);
    await atB.synced;
    expect(atB.provider.authorizedScope).toBe('read-write');
    const closes: number[] = [];
    atB.provider.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));

    await owner.json('PATCH', `/api/maps/${mapId}/members/${bob.id}`, { role: 'viewer' });
    await expect.poll(() => closes).toContain(4403);
    await expect.poll(() => atB.provider.authorizedScope).toBe('readonly');
  });

  it('closes a session’s connection on instance B when it logs out through instance A', async () => {
    const owner = await signUpUser(a.url);
    const mapId = (await createMapAs(owner, { title: 'Sesiones' })) as MapId;
    const atB = connect(b, mapId, owner.token);
    await atB.synced;
    const closes: number[] = [];
    atB.provider.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));
    expect((await owner.call('POST', '/api/auth/logout')).status).toBe(204);
    await expect.poll(() => closes).toContain(4410);
  });

  it('keep serving while Redis is down and converge once it is back', async () => {
    const owner = await signUpUser(a.url);
    const bob = await signUpUser(a.url);
    const mapId = (await createMapAs(owner, { title: 'Corte' })) as MapId;
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: bob.email, role: 'editor' },
      201,
    );
    const atA = connect(a, mapId, owner.token);
    const atB = connect(b, mapId, bob.token);
    await Promise.all([atA.synced, atB.synced]);
    const { stages, lanes } = readMap(atA.doc);
    const stageId = stages[0]?.id;
    const laneId = lanes[0]?.id;
    if (!stageId || !laneId) throw new Error('the map has no stage or lane');
    const hasCard = (client: TestClient, id: string) =>
      readMap(client.doc).cards.some((card) => card.id === id);

    await redis.stop();
    await expect
      .poll(async () => (await anonymousCall(a.url, 'GET', '/healthz')).json())
      .toEqual({ status: 'ok', redis: 'down' });
    // Each instance still acknowledges (and logs) its own clients' edits.
    const duringOutageA = addCard(atA.doc, { stageId, laneId, text: 'A sin Redis' });
    const duringOutageB = addCard(atB.doc, { stageId, laneId, text: 'B sin Redis' });
    await expect.poll(() => atA.provider.unsyncedChanges).toBe(0);
    await expect.poll(() => atB.provider.unsyncedChanges).toBe(0);

    await redis.restart();
    await expect
      .poll(async () => (await anonymousCall(a.url, 'GET', '/healthz')).json(), { timeout: 20_000 })
      .toEqual({ status: 'ok', redis: 'ok' });
    await expect
      .poll(async () => (await anonymousCall(b.url, 'GET', '/healthz')).json(), { timeout: 20_000 })
      .toEqual({ status: 'ok', redis: 'ok' });
    // The next edit announces A's state; the instances exchange what each one missed.
    const afterOutage = addCard(atA.doc, { stageId, laneId, text: 'A con Redis' });
    await expect.poll(() => hasCard(atB, afterOutage), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => hasCard(atB, duringOutageA), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => hasCard(atA, duringOutageB), { timeout: 20_000 }).toBe(true);
  });
});
