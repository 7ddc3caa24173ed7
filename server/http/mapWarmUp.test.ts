import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { asMapId, mapDocName, readMap } from '../../shared/index.ts';
import { MapWarmUp } from '../collab/mapWarmUp.ts';
import { connectMap } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser } from '../test/testUser.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function serverWithMaps() {
  const server = await startTestServer();
  cleanup.push(() => server.dispose());
  const owner = await signUpUser(server.url);
  const first = await createMapAs(owner, { title: 'Primero' });
  const second = await createMapAs(owner, { title: 'Segundo' });
  return { server, owner, first, second };
}

const loaded = (server: TestServer, mapId: string) =>
  server.hocuspocus.documents.has(mapDocName(asMapId(mapId)));

describe('warming a map up when its page is requested', () => {
  it("loads the map while a member's page is served, and the page's connection gets that document", async () => {
    const { server, owner, first } = await serverWithMaps();
    expect(loaded(server, first)).toBe(false);
    const page = await owner.call('GET', `/maps/${first}`);
    await page.body?.cancel();
    await expect.poll(() => loaded(server, first)).toBe(true);
    const warmed = server.hocuspocus.documents.get(mapDocName(asMapId(first)));

    const client = connectMap(server.url, first, { token: owner.token });
    cleanup.push(() => client.destroy());
    await client.synced;
    expect(server.hocuspocus.documents.get(mapDocName(asMapId(first)))).toBe(warmed);
    expect(readMap(client.doc).stages.length).toBeGreaterThan(0);
  });

  it('loads nothing for someone signed out or not a member', async () => {
    const { server, owner, first, second } = await serverWithMaps();
    const stranger = await signUpUser(server.url);
    for (const response of [
      await anonymousCall(server.url, 'GET', `/maps/${first}`),
      await stranger.call('GET', `/maps/${first}`),
      await stranger.call('GET', `/maps/${first}/compare`),
    ]) {
      await response.body?.cancel();
    }
    // The member's request after them is handled after them: once it loaded its map, theirs
    // would have loaded too.
    const member = await owner.call('GET', `/maps/${second}/compare`);
    await member.body?.cancel();
    await expect.poll(() => loaded(server, second)).toBe(true);
    expect(loaded(server, first)).toBe(false);
  });

  it('unloads a warmed map nobody connected to once the hold is over', async () => {
    const { server, first } = await serverWithMaps();
    const warmUp = new MapWarmUp(server.hocuspocus, pino({ level: 'silent' }), 300);
    warmUp.warm(asMapId(first));
    await expect.poll(() => loaded(server, first)).toBe(true);
    await expect.poll(() => loaded(server, first), { timeout: 5_000 }).toBe(false);
  });
});
