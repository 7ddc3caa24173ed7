import * as Y from 'yjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readMap } from '../../shared/index.ts';
import { ChildServer } from '../test/childServer.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import {
  editContinuously,
  missingUpdates,
  recordEdits,
  sameState,
  type EditingClient,
} from '../test/editingClient.ts';
import { freshDatabaseUrl, releaseSharedPostgres } from '../test/postgresServer.ts';
import { RedisServer } from '../test/redisServer.ts';
import { anonymousCall, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// Two real Recorrido processes (server/main.ts) on one PostgreSQL database and one Redis: two
// instances of one deployment. Instance A dies with SIGKILL; B must keep serving, and no edit that
// either instance acknowledged may be lost.

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});
afterAll(async () => {
  await releaseSharedPostgres();
});

const MAPS = 3;
/** Per map: two clients on A and two on B. */
const CLIENTS_PER_INSTANCE = 2;
/** 3 maps x 4 clients x 100 = 1,200 acknowledged edits before the kill. */
const EDITS_BEFORE_KILL = 100;

async function startInstance(env: Record<string, string>): Promise<ChildServer> {
  const server = new ChildServer();
  cleanup.push(() => server.dispose());
  await server.start(env);
  return server;
}

function connect(server: ChildServer, mapId: string, user: TestUser): TestClient {
  const client = connectMap(server.url, mapId, { token: user.token });
  cleanup.push(() => client.destroy());
  return client;
}

/** A client that records its own updates, connected and synced. */
async function editor(server: ChildServer, mapId: string, user: TestUser): Promise<EditingClient> {
  const client = connect(server, mapId, user);
  const recorded = recordEdits(client);
  await client.synced;
  return recorded;
}

/** Sum of the unacknowledged changes of these clients. */
function unsynced(clients: readonly EditingClient[]): number {
  return clients.reduce((sum, { client }) => sum + client.provider.unsyncedChanges, 0);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** A brand-new client on the map (no local state): what it shows comes from the server alone. */
async function freshView(server: ChildServer, mapId: string, user: TestUser): Promise<TestClient> {
  const client = connect(server, mapId, user);
  await client.synced;
  return client;
}

describe('two instances on one database and one Redis, one of them killed', () => {
  it('keeps every acknowledged edit and keeps serving on B when instance A is killed with SIGKILL', async () => {
    const startedAt = performance.now();
    const redis = await RedisServer.start();
    cleanup.push(() => redis.destroy());
    const env = { DATABASE_URL: await freshDatabaseUrl(), REDIS_URL: redis.url };
    // One after the other: the first one runs the migrations on the empty database.
    const a = await startInstance(env);
    const b = await startInstance(env);

    // Ana signs up on A, Beto on B; Ana makes Beto an editor of her three maps.
    const ana = await signUpUser(a.url, { name: 'Ana' });
    const beto = await signUpUser(b.url, { name: 'Beto' });
    const mapIds = await Promise.all(
      Array.from({ length: MAPS }, (_, i) => createMapAs(ana, { title: `Mapa ${i}` })),
    );
    for (const mapId of mapIds) {
      await ana.json(
        'POST',
        `/api/maps/${mapId}/members`,
        { email: beto.email, role: 'editor' },
        201,
      );
    }

    const perMap = await Promise.all(
      mapIds.map(async (mapId) => ({
        mapId,
        atA: await Promise.all(
          Array.from({ length: CLIENTS_PER_INSTANCE }, () => editor(a, mapId, ana)),
        ),
        atB: await Promise.all(
          Array.from({ length: CLIENTS_PER_INSTANCE }, () => editor(b, mapId, beto)),
        ),
      })),
    );
    const onA = perMap.flatMap((m) => m.atA);
    const onB = perMap.flatMap((m) => m.atB);

    // Phase 1: 1,200 edits through both instances, all acknowledged.
    await Promise.all(
      [...onA, ...onB].map(({ client }, i) =>
        editContinuously(client, `client ${i}`, EDITS_BEFORE_KILL),
      ),
    );
    await expect.poll(() => unsynced([...onA, ...onB]), { timeout: 30_000 }).toBe(0);
    const acknowledgedBeforeKill = [...onA, ...onB].reduce((sum, c) => sum + c.sent.length, 0);
    expect(acknowledgedBeforeKill).toBe(MAPS * 2 * CLIENTS_PER_INSTANCE * EDITS_BEFORE_KILL);

    // Clients on A and on B converge on each map before the kill.
    for (const { atA, atB } of perMap) {
      const [first, ...others] = [...atA, ...atB].map(({ client }) => client.doc);
      if (!first) throw new Error('no client on the map');
      for (const other of others) {
        await expect.poll(() => sameState(first, other), { timeout: 20_000 }).toBe(true);
      }
      expect(readMap(first).cards).toHaveLength(
        2 * CLIENTS_PER_INSTANCE * Math.ceil(EDITS_BEFORE_KILL / 3),
      );
    }
    const phase1Ms = performance.now() - startedAt;

    // Phase 2: everyone keeps editing, and A is killed while its acknowledgements are in flight.
    const bursts = [...onA, ...onB].map(({ client }, i) =>
      editContinuously(client, `burst ${i}`, 150),
    );
    const inBurst = onA.map(({ acknowledged }) => acknowledged());
    await expect
      .poll(() => Math.min(...onA.map((c, i) => c.acknowledged() - (inBurst[i] ?? 0))), {
        timeout: 20_000,
      })
      .toBeGreaterThan(20);
    const acknowledgedByA = onA.map(({ acknowledged }) => acknowledged());
    const exit = await a.stop('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    const killedAt = performance.now();
    await Promise.all(bursts);
    // A's clients cannot reach their instance any more; what A acknowledged is all they may count on.
    for (const { client } of onA) client.destroy();

    // B keeps serving: its clients keep editing, and new clients connect to B and edit too.
    expect((await anonymousCall(b.url, 'GET', '/healthz')).status).toBe(200);
    const newcomers = await Promise.all(perMap.map(({ mapId }) => editor(b, mapId, beto)));
    await Promise.all([
      ...onB.map(({ client }, i) => editContinuously(client, `after ${i}`, 60)),
      ...newcomers.map(({ client }, i) => editContinuously(client, `newcomer ${i}`, 60)),
    ]);
    const stillOnB = [...onB, ...newcomers];
    await expect.poll(() => unsynced(stillOnB), { timeout: 30_000 }).toBe(0);
    const afterKillMs = performance.now() - killedAt;

    /** Every update some instance acknowledged, per map. */
    const acknowledgedOf = (mapId: string): Uint8Array[] => {
      const map = perMap.find((m) => m.mapId === mapId);
      if (!map) throw new Error(`unknown map ${mapId}`);
      const fromA = map.atA.flatMap(({ sent }) => {
        const index = onA.findIndex((c) => c.sent === sent);
        return sent.slice(0, acknowledgedByA[index]);
      });
      const fromB = [...map.atB, newcomers[mapIds.indexOf(mapId)]].flatMap((c) =>
        c ? c.sent : [],
      );
      return [...fromA, ...fromB];
    };

    // Fresh clients on B see every acknowledged edit, and what B's own clients see.
    const freshOnB = new Map<string, TestClient>();
    for (const { mapId, atB } of perMap) {
      const fresh = await freshView(b, mapId, beto);
      expect(missingUpdates(fresh.doc, acknowledgedOf(mapId)), `map ${mapId} on B`).toEqual([]);
      const peer = atB[0]?.client.doc;
      if (!peer) throw new Error('no client on B');
      await expect.poll(() => sameState(fresh.doc, peer)).toBe(true);
      freshOnB.set(mapId, fresh);
    }

    // A comes back on the same database: fresh clients there see every acknowledged edit and
    // everything B holds (B logged its clients' edits before acknowledging them).
    await a.start(env);
    for (const mapId of mapIds) {
      const fresh = await freshView(a, mapId, ana);
      const onBNow = freshOnB.get(mapId);
      if (!onBNow) throw new Error('no fresh client on B');
      expect(missingUpdates(fresh.doc, acknowledgedOf(mapId)), `map ${mapId} on A`).toEqual([]);
      expect(missingUpdates(fresh.doc, [Y.encodeStateAsUpdate(onBNow.doc)])).toEqual([]);
      // An update A stored but was killed before acknowledging (or relaying) is in the database
      // and not yet on B; once A has loaded the map the instances exchange state and converge.
      await expect.poll(() => sameState(fresh.doc, onBNow.doc), { timeout: 20_000 }).toBe(true);
      expect(readMap(fresh.doc)).toEqual(readMap(onBNow.doc));
    }
    console.info(
      `killInstance: ${acknowledgedBeforeKill} edits acknowledged before the kill in ` +
        `${Math.round(phase1Ms)} ms; A acknowledged ${sum(acknowledgedByA) - sum(inBurst)} ` +
        `burst edits before SIGKILL; B served ${sum(stillOnB.map((c) => c.sent.length))} ` +
        `edits of its own clients in all, the last ${Math.round(afterKillMs)} ms without A; ` +
        `total ${Math.round(performance.now() - startedAt)} ms`,
    );
  });
});
