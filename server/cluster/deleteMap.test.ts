import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCard,
  commentsDocName,
  customerDocName,
  mapDocName,
  readMap,
  type MapId,
} from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import type { TestServer } from '../test/testServer.ts';
import { asUser, createMapAs, signUpUser } from '../test/testUser.ts';

// Deleting a map through one instance while someone edits it through another.
let instances: TwoInstances | undefined;
let a: TestServer;
let b: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  instances = await startTwoInstances();
  ({ a, b } = instances);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await instances?.dispose();
});

/** Lets pending I/O run (the socket, the storage) between two edits; not a timed wait. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('deleting a map with two instances', () => {
  it('closes an editor’s connection on instance B when the owner deletes the map through A, and nothing it sent late is stored', async () => {
    const owner = await signUpUser(a.url);
    const mapId = (await createMapAs(owner, { title: 'Borrar' })) as MapId;
    const atB = connectMap(b.url, mapId, { token: owner.token });
    clients.push(atB);
    await atB.synced;
    const closes: number[] = [];
    atB.provider.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));
    const { stages, lanes } = readMap(atB.doc);
    const stageId = stages[0]?.id;
    const laneId = lanes[0]?.id;
    if (!stageId || !laneId) throw new Error('the map has no stage or lane');

    // The editor on B keeps typing while the deletion happens on A: some of these updates reach
    // B after the deletion was committed, before B hears about it.
    const deleted = owner.call('DELETE', `/api/maps/${mapId}`);
    let edits = 0;
    const started = Date.now();
    while (closes.length === 0 && Date.now() - started < 5_000) {
      addCard(atB.doc, { stageId, laneId, text: `tarde ${edits}` });
      edits += 1;
      await nextTurn();
    }
    expect((await deleted).status).toBe(204);
    expect(closes.length).toBeGreaterThan(0);
    expect(edits).toBeGreaterThan(0);
    atB.destroy();

    const names = [mapDocName(mapId), commentsDocName(mapId), customerDocName(mapId)];
    // Each instance unloads the documents (their last store runs then).
    for (const server of [a, b]) {
      await expect
        .poll(() => names.filter((name) => server.hocuspocus.documents.has(name)))
        .toEqual([]);
    }
    for (const server of [a, b]) {
      const response = await asUser(server.url, owner, owner.token).call(
        'GET',
        `/api/maps/${mapId}`,
      );
      expect(response.status, server.url).toBe(404);
    }
    for (const name of names) {
      expect(await a.storage.documents.load(name), name).toEqual({ snapshot: null, tail: [] });
    }
    // A client that reconnects is refused and loads nothing back.
    const again = connectMap(b.url, mapId, { token: owner.token });
    clients.push(again);
    const refused: string[] = [];
    again.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
      refused.push(reason),
    );
    await expect.poll(() => refused).toEqual(['permission-denied']);
    again.destroy();
    for (const name of names) {
      expect(await a.storage.documents.load(name), name).toEqual({ snapshot: null, tail: [] });
    }
  });
});
