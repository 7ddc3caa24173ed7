import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, mapDocName, readMap, setCardText, type MapId } from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function server(dataDir?: string): Promise<TestServer> {
  const s = await startTestServer(dataDir ? { dataDir } : {});
  return s;
}

function client(url: string, mapId: string, token: string): TestClient {
  const c = connectMap(url, mapId, { token });
  cleanup.push(() => c.destroy());
  return c;
}

/**
 * Providers of several documents on one socket (as the web page opens a map and its mirrors),
 * recording the size of every frame received, by document.
 */
function recordingSocket(url: string, token: string) {
  const frames: { documentName: string; size: number }[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(address: string | URL) {
      super(address);
      this.binaryType = 'arraybuffer';
      this.addEventListener('message', (event: MessageEvent) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        const bytes = new Uint8Array(event.data);
        const documentName = decoding.readVarString(decoding.createDecoder(bytes));
        frames.push({ documentName, size: bytes.byteLength });
      });
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: `${url.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: RecordingWebSocket,
  });
  cleanup.push(() => socket.destroy());
  return {
    /** Sizes of the frames received for one document. */
    sizes: (documentName: string) =>
      frames.filter((f) => f.documentName === documentName).map((f) => f.size),
    open(documentName: string) {
      const doc = new Y.Doc();
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: documentName,
        document: doc,
        token,
      });
      provider.attach();
      cleanup.push(() => {
        provider.destroy();
        doc.destroy();
      });
      const synced = new Promise<void>((resolve) => provider.on('synced', () => resolve()));
      return { doc, synced };
    },
  };
}

describe('live collaboration on a map document', () => {
  it('delivers a card added by one client to another and keeps it across a restart', async () => {
    const first = await server();
    const owner = await signUpUser(first.url);
    const mapId = await createMapAs(owner, { title: 'Viaje', template: 'travel-alert-demo' });
    const a = client(first.url, mapId, owner.token);
    const b = client(first.url, mapId, owner.token);
    await Promise.all([a.synced, b.synced]);

    const before = readMap(a.doc);
    const stage = before.stages[0];
    const lane = before.lanes[0];
    if (!stage || !lane) throw new Error('template map has no stage or lane');
    const cardId = addCard(a.doc, { stageId: stage.id, laneId: lane.id, text: 'Nueva tarjeta' });
    await expect
      .poll(() => readMap(b.doc).cards.find((c) => c.id === cardId)?.text)
      .toBe('Nueva tarjeta');

    setCardText(b.doc, cardId, 'Editada por B');
    await expect
      .poll(() => readMap(a.doc).cards.find((c) => c.id === cardId)?.text)
      .toBe('Editada por B');
    await expect.poll(() => a.provider.unsyncedChanges + b.provider.unsyncedChanges).toBe(0);

    a.destroy();
    b.destroy();
    await first.close();

    const second = await server(first.dataDir);
    cleanup.push(() => second.dispose());
    const fresh = client(second.url, mapId, owner.token);
    await fresh.synced;
    expect(readMap(fresh.doc).cards.find((c) => c.id === cardId)?.text).toBe('Editada por B');
    expect(readMap(fresh.doc).meta.title).toBe('Viaje');
  });

  it('sends a cold-loaded map and its validation mirror once: in the sync reply, not again', async () => {
    const first = await server();
    const owner = await signUpUser(first.url);
    const mapId = await createMapAs(owner, { title: 'Viaje', template: 'travel-alert-demo' });
    await first.close();
    // A new process on the same data: the first client's connection loads the map from storage.
    const second = await server(first.dataDir);
    cleanup.push(() => second.dispose());

    const socket = recordingSocket(second.url, owner.token);
    const mapName = mapDocName(mapId as MapId);
    // Filled from the stored feedback and the map while loading, as the map from its log.
    const validationName = `${mapName}/validation`;
    const map = socket.open(mapName);
    const validation = socket.open(validationName);
    await Promise.all([map.synced, validation.synced]);

    // Frames on one socket arrive in order: once a later edit is here, any second copy sent
    // because of the loads would be too. (A card's text is not part of the validation, so the
    // edit adds nothing to it.)
    const other = client(second.url, mapId, owner.token);
    await other.synced;
    const card = readMap(other.doc).cards[0];
    if (!card) throw new Error('template map has no card');
    setCardText(other.doc, card.id, 'Después de cargar');
    await expect
      .poll(() => readMap(map.doc).cards.find((c) => c.id === card.id)?.text)
      .toBe('Después de cargar');

    for (const [name, doc] of [
      [mapName, map.doc],
      [validationName, validation.doc],
    ] as const) {
      const bytes = Y.encodeStateAsUpdate(doc).length;
      expect(bytes).toBeGreaterThan(1_000);
      expect(socket.sizes(name).filter((size) => size > bytes / 2)).toHaveLength(1);
    }
  });

  it('refuses a connection to a map that does not exist', async () => {
    const s = await server();
    cleanup.push(() => s.dispose());
    const owner = await signUpUser(s.url);
    const c = client(s.url, 'does-not-exist-000000', owner.token);
    const reason = await new Promise<string>((resolve) =>
      c.provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)),
    );
    expect(reason).toMatch(/denied|unknown|not/i);
  });
});
