import { afterEach, describe, expect, it } from 'vitest';
import { presenceColor, presentUsers } from '../../../shared/index.ts';
import { connectMap, type TestClient } from '../../test/collabClient.ts';
import { startTestServer, type TestServer } from '../../test/testServer.ts';
import { createMapAs, signUpUser } from '../../test/testUser.ts';

let server: TestServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.dispose();
  server = undefined;
});

/** The people a client sees on the map besides itself. */
function others(client: TestClient) {
  const awareness = client.provider.awareness;
  return awareness ? presentUsers(awareness.getStates(), awareness.clientID) : [];
}

describe('presence on a map', () => {
  it('shows each person with the name and department of their account, whatever the client claims', async () => {
    server = await startTestServer();
    const ana = await signUpUser(server.url, { name: 'Ana', department: 'marketing' });
    const beto = await signUpUser(server.url, { name: 'Beto', department: 'contact-centre' });
    const mapId = await createMapAs(ana, { title: 'Viaje' });
    await ana.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: beto.email, role: 'viewer' },
      201,
    );

    const a = connectMap(server.url, mapId, { token: ana.token });
    const b = connectMap(server.url, mapId, { token: beto.token });
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    // Ana's client tries to pass as the CEO of finance.
    a.provider.setAwarenessField('user', {
      id: 'ceo',
      name: 'CEO',
      department: 'finance',
      color: '#000',
    });
    // Beto's client claims nothing in particular; the server still says who he is.
    b.provider.setAwarenessField('user', null);

    // Each sees the other as the server knows them (a client's own state is its own business).
    await expect
      .poll(() => others(b))
      .toEqual([
        { id: ana.id, name: 'Ana', department: 'marketing', color: presenceColor(ana.id) },
      ]);
    await expect
      .poll(() => others(a))
      .toEqual([
        { id: beto.id, name: 'Beto', department: 'contact-centre', color: presenceColor(beto.id) },
      ]);
  });
});
