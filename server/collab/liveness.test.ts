import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { watchLiveness, type LivenessHints } from '../../client/src/collab/watchLiveness.ts';
import { LIVENESS_TIMING } from '../../client/src/collab/liveness.ts';
import { LIVENESS_PING, LIVENESS_PONG } from '../../shared/liveness.ts';
import { addCard, mapDocName, readMap, type MapId } from '../../shared/index.ts';
import { ChildServer } from '../test/childServer.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

/** The stateless payloads a provider has received, in order. */
function statelessHeard(provider: HocuspocusProvider): string[] {
  const heard: string[] = [];
  provider.on('stateless', ({ payload }: { payload: string }) => heard.push(payload));
  return heard;
}

/** The provider's connection status as the badge shows it, kept up to date. */
function statusOf(provider: HocuspocusProvider): { current: string; disconnects: number } {
  const state = { current: 'connecting', disconnects: 0 };
  provider.on('status', ({ status }: { status: string }) => (state.current = status));
  provider.on('disconnect', () => (state.disconnects += 1));
  return state;
}

/** Adds a card on the client's map; returns its text. */
function addCardOn(client: Pick<TestClient, 'doc'>, text: string): string {
  const { stages, lanes } = readMap(client.doc);
  const stage = stages[0];
  const lane = lanes[0];
  if (!stage || !lane) throw new Error('the map has no stage or lane');
  addCard(client.doc, { stageId: stage.id, laneId: lane.id, text });
  return text;
}

function hasCard(doc: Y.Doc, text: string): boolean {
  return readMap(doc).cards.some((card) => card.text === text);
}

describe('liveness of collaboration connections', () => {
  it('answers a ping on a map with a pong to that connection only, and nothing else', async () => {
    const server = await startTestServer();
    cleanup.push(() => server.dispose());
    const owner = await signUpUser(server.url);
    const mapId = await createMapAs(owner, { title: 'Latido' });
    const a = connectMap(server.url, mapId, { token: owner.token });
    const b = connectMap(server.url, mapId, { token: owner.token });
    cleanup.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    await Promise.all([a.synced, b.synced]);
    const heardByA = statelessHeard(a.provider);
    const heardByB = statelessHeard(b.provider);

    // Another stateless payload gets no answer: had it got one, it would arrive before the pong.
    a.provider.sendStateless('recorrido:something-else');
    a.provider.sendStateless(LIVENESS_PING);
    await expect.poll(() => heardByA).toEqual([LIVENESS_PONG]);
    a.provider.sendStateless(LIVENESS_PING);
    await expect.poll(() => heardByA).toEqual([LIVENESS_PONG, LIVENESS_PONG]);

    // B's edit is acknowledged after the server handled A's pings (B sent it later): a pong sent
    // to B as well would have reached B before that acknowledgement.
    addCardOn(b, 'Después de los pings');
    await expect.poll(() => b.provider.unsyncedChanges).toBe(0);
    expect(heardByB).toEqual([]);
  });

  it('notices within 3 s that a frozen server stopped answering, and brings the edits made meanwhile once it resumes', async () => {
    const server = new ChildServer();
    await server.start();
    cleanup.push(() => server.dispose());
    const owner = await signUpUser(server.url);
    const mapId = await createMapAs(owner, { title: 'Servidor congelado' });
    const a = connectMap(server.url, mapId, { token: owner.token });
    cleanup.push(() => a.destroy());
    const stopWatching = watchLiveness(a.provider);
    cleanup.push(stopWatching);
    const status = statusOf(a.provider);
    const heard = statelessHeard(a.provider);
    await a.synced;

    // A quiet map stays connected: each ping is answered, about once a second.
    await expect.poll(() => heard.length).toBeGreaterThanOrEqual(3);
    expect(heard.every((payload) => payload === LIVENESS_PONG)).toBe(true);
    expect(status).toEqual({ current: 'connected', disconnects: 0 });

    const frozenAt = Date.now();
    server.pause();
    await expect.poll(() => status.current, { timeout: 3_000 }).not.toBe('connected');
    const detectedAfter = Date.now() - frozenAt;
    expect(detectedAfter).toBeLessThanOrEqual(
      LIVENESS_TIMING.silentAfterMs + LIVENESS_TIMING.checkEveryMs + 500,
    );
    expect(status.disconnects).toBe(1);

    // Edits go on locally; once the server runs again the provider reconnects and sends them.
    const text = addCardOn(a, 'Escrita con el servidor congelado');
    server.resume();
    await expect.poll(() => status.current).toBe('connected');
    await expect.poll(() => a.provider.unsyncedChanges).toBe(0);
    const fresh = connectMap(server.url, mapId, { token: owner.token });
    cleanup.push(() => fresh.destroy());
    await fresh.synced;
    await expect.poll(() => hasCard(fresh.doc, text)).toBe(true);
  });

  it('drops the socket as soon as the device goes offline and reconnects as soon as it is back, without the back-off', async () => {
    const server = await startTestServer();
    cleanup.push(() => server.dispose());
    const owner = await signUpUser(server.url);
    const mapId = await createMapAs(owner, { title: 'Sin red' });
    // A back-off so long that only the online hint can explain a prompt reconnection.
    const socket = new HocuspocusProviderWebsocket({
      url: `${server.url.replace(/^http/, 'ws')}/collab`,
      delay: 600_000,
      minDelay: 600_000,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: mapDocName(mapId as MapId),
      document: new Y.Doc(),
      token: owner.token,
    });
    provider.attach();
    cleanup.push(() => {
      provider.destroy();
      socket.destroy();
    });
    let network: (online: boolean) => void = () => undefined;
    const hints: LivenessHints = {
      onNetwork: (callback) => {
        network = callback;
        return () => undefined;
      },
      onVisibility: () => () => undefined,
      visible: () => true,
    };
    cleanup.push(watchLiveness(provider, { hints }));
    const status = statusOf(provider);
    await expect.poll(() => provider.isSynced).toBe(true);

    network(false);
    // Synchronously: the provider was told the socket closed.
    expect(status.current).toBe('disconnected');
    expect(status.disconnects).toBe(1);

    network(true);
    await expect.poll(() => status.current).toBe('connected');
    await expect.poll(() => provider.isSynced).toBe(true);
  });
});
