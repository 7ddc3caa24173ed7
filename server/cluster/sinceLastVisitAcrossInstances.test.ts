import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addCard, readMap } from '../../shared/index.ts';
import type { SinceLastVisitJson } from '../../shared/since-last-visit.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import type { TestServer } from '../test/testServer.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import { asUser, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// "Since your last visit" with two instances on one Redis and one PostgreSQL database: a change
// is attributed by the instance that received it (the other one, which gets it through Redis,
// does not attribute it again), and a visit goes on when the person reconnects to the other
// instance within the gap.
const VISIT_GAP_MS = 3_000;
let instances: TwoInstances | undefined;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  instances = await startTwoInstances({
    activity: { visitGapMs: VISIT_GAP_MS, flushIntervalMs: 50 },
  });
  ({ a, b } = instances);
});

afterAll(async () => {
  await instances?.dispose();
});

async function open(server: TestServer, mapId: string, user: TestUser): Promise<TestClient> {
  const client = connectMap(server.url, mapId, { token: user.token });
  await client.synced;
  return client;
}

describe('since your last visit across instances', () => {
  it('lists a change made through one instance to a person asking another, by its author', async () => {
    const ana = await signUpUser(a.url, { name: 'Ana', department: 'sales' });
    const bruno = await signUpUser(b.url, { name: 'Bruno', department: 'it' });
    const vera = await signUpUser(b.url, { name: 'Vera', department: 'finance' });
    const mapId = await createMapAs(ana, { title: 'Dos', template: 'travel-alert-demo' });
    for (const [who, role] of [
      [bruno, 'editor'],
      [vera, 'viewer'],
    ] as const) {
      await ana.json('POST', `/api/maps/${mapId}/members`, { email: who.email, role }, 201);
    }
    const brunoAtB = asUser(b.url, bruno, bruno.token);
    const since = () =>
      brunoAtB.json<SinceLastVisitJson>('GET', `/api/maps/${mapId}/since-last-visit`);

    // Bruno visits through A and leaves; then reconnects through B within the gap: one visit.
    (await open(a, mapId, bruno)).destroy();
    (await open(b, mapId, bruno)).destroy();
    const over = await vi.waitFor(
      async () => {
        const answer = await since();
        if (answer.since === null) throw new Error('still visiting');
        return answer;
      },
      { timeout: VISIT_GAP_MS * 4, interval: 100 },
    );
    expect(over.items).toEqual([]);

    // Vera keeps the map open on B (so B applies Ana's update from Redis) while Ana edits on A.
    const watcher = await open(b, mapId, vera);
    const atA = await open(a, mapId, ana);
    const [stage] = readMap(atA.doc).stages;
    const [lane] = readMap(atA.doc).lanes;
    if (!stage || !lane) throw new Error('the template has no stage or lane');
    const card = addCard(atA.doc, {
      stageId: stage.id,
      laneId: lane.id,
      text: 'Desde la instancia A',
    });
    await vi.waitFor(() =>
      expect(readMap(watcher.doc).cards.some((c) => c.id === card)).toBe(true),
    );
    await vi.waitFor(() => expect(atA.provider.unsyncedChanges).toBe(0));

    await vi.waitFor(
      async () => {
        const answer = await since();
        expect(answer.since).toBe(over.since);
        expect(
          answer.items.map(({ id, change, byName, byDepartment }) => ({
            id,
            change,
            byName,
            byDepartment,
          })),
        ).toEqual([{ id: card, change: 'created', byName: 'Ana', byDepartment: 'sales' }]);
      },
      { timeout: 10_000, interval: 100 },
    );
    atA.destroy();
    watcher.destroy();
  });
});
