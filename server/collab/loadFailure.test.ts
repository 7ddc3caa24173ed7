import { afterEach, describe, expect, it } from 'vitest';
import { MAP_UNAVAILABLE } from '../../shared/close-codes.ts';
import { mapDocName, readMap, type MapId } from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { captureLogs } from '../test/logCapture.ts';
import { readMetric } from '../test/metrics.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

let server: TestServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.dispose();
  server = undefined;
});

/**
 * Replaces a map's stored state (nobody has opened it yet) with bytes that do not decode, through
 * the server's own storage, whichever database it is.
 */
async function corruptSnapshot(target: TestServer, mapId: string): Promise<void> {
  const name = mapDocName(mapId as MapId);
  const stored = await target.storage.documents.load(name);
  if (!stored.snapshot) throw new Error(`no snapshot stored for ${name}`);
  await target.storage.documents.replace(
    name,
    Uint8Array.from([255, 255, 255, 255, 15, 7, 1, 2, 3]),
  );
}

describe('a map whose stored state cannot be loaded', () => {
  it('closes the socket with map-unavailable at once, logs and counts it, and other maps still open', async () => {
    const logs = captureLogs();
    server = await startTestServer({}, logs.logger);
    const owner = await signUpUser(server.url);
    const broken = await createMapAs(owner, { title: 'Roto' });
    const healthy = await createMapAs(owner, { title: 'Sano' });
    await corruptSnapshot(server, broken);

    const client = connectMap(server.url, broken, { token: owner.token });
    clients.push(client);
    const closes: { code: number; reason: string }[] = [];
    client.provider.on('close', ({ event }: { event: { code: number; reason: string } }) =>
      closes.push({ code: event.code, reason: event.reason }),
    );

    // Promptly: the first close carries the shared code and reason, no timeout involved.
    await expect
      .poll(() => closes[0], { timeout: 5_000 })
      .toEqual({ code: MAP_UNAVAILABLE.code, reason: MAP_UNAVAILABLE.reason });
    expect(client.provider.isSynced).toBe(false);
    expect(
      await readMetric(server.url, 'recorrido_collab_document_load_failures_total'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      logs.find({ event: 'collab_load_failed', documentName: mapDocName(broken as MapId) })[0]
        ?.level,
    ).toBe(50); // pino error

    // The rest of the server is fine and says so.
    const other = connectMap(server.url, healthy, { token: owner.token });
    clients.push(other);
    await other.synced;
    expect(readMap(other.doc).stages.length).toBeGreaterThan(0);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
