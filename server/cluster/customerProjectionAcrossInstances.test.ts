import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  customerDocName,
  mapDocName,
  readCustomerProjection,
  readMap,
  type MapId,
} from '../../shared/index.ts';
import { addCard, setCardText } from '../../shared/operations/cards.ts';
import { addLane } from '../../shared/operations/lanes.ts';
import { addStage } from '../../shared/operations/stages.ts';
import { connectClient, type TestClient } from '../test/collabClient.ts';
import type { TestServer } from '../test/testServer.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

// The customer projection with two instances on one Redis and one PostgreSQL database: each
// instance derives it from its own copy of the map (which Redis keeps in sync), so readers on
// both see the map's edits once, never a body doubled by two instances rewriting it at once.
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

function connect(server: TestServer, name: string, token: string): TestClient {
  const client = connectClient(server.url, name, { token });
  clients.push(client);
  return client;
}

describe('customer projection across instances', () => {
  it('shows readers on both instances each edit of a visible card exactly once', async () => {
    const owner = await signUpUser(a.url);
    const mapId = (await createMapAs(owner, { title: 'Dos instancias' })) as MapId;
    const map = connect(a, mapDocName(mapId), owner.token);
    await map.synced;
    const stageId = addStage(map.doc, { name: 'Etapa' });
    const laneId = addLane(map.doc, { kind: 'actions', title: 'Acciones' });
    const cardId = addCard(map.doc, { stageId, laneId, text: 'uno' });

    const atA = connect(a, customerDocName(mapId), owner.token);
    const atB = connect(b, customerDocName(mapId), owner.token);
    await Promise.all([atA.synced, atB.synced]);
    const texts = (client: TestClient) => readMap(client.doc).cards.map((c) => c.text);
    await expect.poll(() => texts(atA), { timeout: 2_000 }).toEqual(['uno']);
    await expect.poll(() => texts(atB), { timeout: 2_000 }).toEqual(['uno']);

    for (const text of ['dos', 'tres', 'cuatro']) {
      setCardText(map.doc, cardId, text);
      await expect.poll(() => texts(atA), { timeout: 2_000 }).toEqual([text]);
      await expect.poll(() => texts(atB), { timeout: 2_000 }).toEqual([text]);
    }
    // Both readers hold what each instance's projection holds, and the two agree.
    for (const [client, server] of [
      [atA, a],
      [atB, b],
    ] as const) {
      const doc = server.hocuspocus.documents.get(customerDocName(mapId));
      expect(doc).toBeDefined();
      expect(readCustomerProjection(client.doc)).toEqual(readCustomerProjection(doc as Y.Doc));
    }
    expect(readCustomerProjection(atA.doc)).toEqual(readCustomerProjection(atB.doc));
  });
});
