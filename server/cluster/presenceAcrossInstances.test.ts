import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presenceColor, presentUsers } from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import type { TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

// Two instances of one deployment (one PostgreSQL database, one Redis): presence made on one
// reaches people on the other, as the instance that received it stamped it.
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

/** The people a client sees on the map besides itself. */
function others(client: TestClient) {
  const awareness = client.provider.awareness;
  return awareness ? presentUsers(awareness.getStates(), awareness.clientID) : [];
}

describe('presence across instances', () => {
  it('shows a person connected to instance A to a person on instance B, as their account says, and lets them go when they leave', async () => {
    const ana = await signUpUser(a.url, { name: 'Ana', department: 'marketing' });
    const beto = await signUpUser(b.url, { name: 'Beto', department: 'contact-centre' });
    const mapId = await createMapAs(ana, { title: 'Presencia' });
    await ana.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: beto.email, role: 'editor' },
      201,
    );

    const atA = connectMap(a.url, mapId, { token: ana.token });
    const atB = connectMap(b.url, mapId, { token: beto.token });
    clients.push(atA, atB);
    await Promise.all([atA.synced, atB.synced]);
    // Ana's client claims to be someone else; B shows her as her instance stamped her.
    atA.provider.setAwarenessField('user', { id: 'ceo', name: 'CEO', department: 'finance' });
    atB.provider.setAwarenessField('user', null);

    await expect
      .poll(() => others(atB))
      .toEqual([
        { id: ana.id, name: 'Ana', department: 'marketing', color: presenceColor(ana.id) },
      ]);
    await expect
      .poll(() => others(atA))
      .toEqual([
        { id: beto.id, name: 'Beto', department: 'contact-centre', color: presenceColor(beto.id) },
      ]);

    // Leaving crosses instances too, well before the 30 s awareness timeout.
    atA.destroy();
    await expect.poll(() => others(atB)).toEqual([]);
  });
});
