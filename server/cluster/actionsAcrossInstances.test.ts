import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readActions, type ActionJson } from '../../shared/actions.ts';
import { actionsDocName, type MapId } from '../../shared/index.ts';
import { connectClient, type TestClient } from '../test/collabClient.ts';
import type { TestServer } from '../test/testServer.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import { asUser, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// The live actions document with two instances on one Redis and one PostgreSQL database: a
// command accepted by one instance reaches readers connected to the other.
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

async function connect(server: TestServer, mapId: MapId, user: TestUser): Promise<TestClient> {
  const client = connectClient(server.url, actionsDocName(mapId), { token: user.token });
  clients.push(client);
  await client.synced;
  return client;
}

describe('actions across instances', () => {
  it('shows a reader on instance B an action created and moved through instance A', async () => {
    const owner = await signUpUser(a.url);
    const member = await signUpUser(b.url, { name: 'Carla' });
    const mapId = (await createMapAs(owner, { title: 'Dos instancias' })) as MapId;
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: member.email, role: 'commenter' },
      201,
    );
    const atB = await connect(b, mapId, member);
    const atA = await connect(a, mapId, owner);

    const { action } = await owner.json<{ action: ActionJson }>(
      'POST',
      `/api/maps/${mapId}/actions`,
      { title: 'Desde A', ownerId: member.id },
      201,
    );
    await expect.poll(() => readActions(atB.doc), { timeout: 2_000 }).toEqual([action]);

    // Its owner moves it through B; the reader on A sees it.
    const memberAtB = asUser(b.url, member, member.token);
    const { action: moved } = await memberAtB.json<{ action: ActionJson }>(
      'PATCH',
      `/api/actions/${action.id}`,
      { status: 'done' },
    );
    expect(moved.doneAt).not.toBeNull();
    await expect.poll(() => readActions(atA.doc), { timeout: 2_000 }).toEqual([moved]);
    await expect.poll(() => readActions(atB.doc), { timeout: 2_000 }).toEqual([moved]);
  });
});
