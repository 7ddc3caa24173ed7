import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSION_DENIED_REASON, STORAGE_UNAVAILABLE } from '../../shared/close-codes.ts';
import { readMap } from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { captureLogs } from '../test/logCapture.ts';
import { startTestServer, testStorageFactory, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

let server: TestServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.dispose();
  server = undefined;
});

describe('a database that does not answer while a connection authenticates', () => {
  it('is no refusal: the socket closes with storage-unavailable, and the provider gets in once the database answers', async () => {
    // The real storage of the test run, whose role lookups fail while `failing` is set (as when
    // PostgreSQL's pool times out under a burst of connections).
    let failing = false;
    const logs = captureLogs();
    server = await startTestServer({}, logs.logger, {
      storage: async (dataDir) => {
        const storage = await testStorageFactory()(dataDir);
        const role = storage.members.role.bind(storage.members);
        storage.members.role = async (mapId, userId) => {
          if (failing) throw new Error('timeout exceeded when trying to connect');
          return role(mapId, userId);
        };
        return storage;
      },
    });
    const owner = await signUpUser(server.url);
    const mapId = await createMapAs(owner, { title: 'Con base de datos lenta' });

    failing = true;
    const client = connectMap(server.url, mapId, { token: owner.token });
    clients.push(client);
    const refusals: string[] = [];
    const closes: number[] = [];
    client.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
      refusals.push(reason),
    );
    client.provider.on('close', ({ event }: { event: { code: number } }) =>
      closes.push(event.code),
    );
    await expect.poll(() => closes[0], { timeout: 5_000 }).toBe(STORAGE_UNAVAILABLE.code);
    expect(refusals).not.toContain(PERMISSION_DENIED_REASON);
    expect(refusals.every((reason) => reason === STORAGE_UNAVAILABLE.reason)).toBe(true);
    expect(
      logs.find({ msg: 'collaboration connection: the session or role could not be read' }),
    ).not.toHaveLength(0);

    // The database answers again: the provider's own reconnection gets the map.
    failing = false;
    await client.synced;
    expect(readMap(client.doc).stages.length).toBeGreaterThan(0);
  });
});
