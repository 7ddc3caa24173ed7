import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMap } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser } from '../test/testUser.ts';

// The multi-instance hooks in server.ts must leave a server without REDIS_URL as it was.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.dispose();
});

describe('a single instance (no REDIS_URL)', () => {
  it('answers /healthz without a redis field', async () => {
    const response = await anonymousCall(server.url, 'GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('accepts collaboration connections through the local upgrade guard', async () => {
    const owner = await signUpUser(server.url);
    const mapId = await createMapAs(owner, { title: 'Solo' });
    const client = connectMap(server.url, mapId, { token: owner.token });
    try {
      await client.synced;
      expect(client.provider.authorizedScope).toBe('read-write');
    } finally {
      client.destroy();
    }
  });
});
