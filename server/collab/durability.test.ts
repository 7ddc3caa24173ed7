import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  mapDocName,
  readMap,
  setCardText,
  setEmotion,
  type CardId,
  type MapId,
} from '../../shared/index.ts';
import { ChildServer } from '../test/childServer.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function startChild(server = new ChildServer()): Promise<ChildServer> {
  await server.start();
  cleanup.push(() => server.dispose());
  return server;
}

function client(url: string, mapId: string, user: TestUser): TestClient {
  const c = connectMap(url, mapId, { token: user.token });
  cleanup.push(() => c.destroy());
  return c;
}

/**
 * Makes `count` edits on a client's map as a person would, mixing new cards, text edits and emotion
 * scores, yielding to the event loop every few edits so updates stream out while acks come back.
 */
async function editContinuously(c: TestClient, tag: string, count: number): Promise<void> {
  const { stages, lanes } = readMap(c.doc);
  const stage = stages[0];
  const lane = lanes[0];
  if (!stage || !lane) throw new Error('the map has no stage or lane');
  const mine: CardId[] = [];
  for (let i = 0; i < count; i++) {
    const target = mine[(i * 7) % Math.max(1, mine.length)];
    if (i % 3 === 0 || !target) {
      mine.push(addCard(c.doc, { stageId: stage.id, laneId: lane.id, text: `${tag} card ${i}` }));
    } else if (i % 3 === 1) {
      setCardText(c.doc, target, `${tag} edit ${i}`);
    } else {
      setEmotion(c.doc, target, (i % 5) - 2);
    }
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Y.encodeStateVector(b));
}

/** Reads what is on disk for a document while (or after) the server runs. */
async function storedState(
  server: ChildServer,
  mapId: string,
): Promise<{ tail: number; doc: Y.Doc }> {
  const storage = await server.openStorage();
  try {
    const name = mapDocName(mapId as MapId);
    const { snapshot, tail } = await storage.documents.load(name);
    const doc = new Y.Doc();
    for (const update of snapshot ? [snapshot, ...tail] : tail) Y.applyUpdate(doc, update);
    return { tail: await storage.documents.tailLength(name), doc };
  } finally {
    await storage.close();
  }
}

describe('durability of acknowledged edits', () => {
  it('keeps every acknowledged edit on four maps when the server is killed with SIGKILL', async () => {
    const MAPS = 4;
    const CLIENTS_PER_MAP = 2;
    const EDITS_PER_CLIENT = 150; // 4 maps x 2 clients x 150 = 1,200 edits
    const server = await startChild();
    const owner = await signUpUser(server.url);
    const mapIds = await Promise.all(
      Array.from({ length: MAPS }, (_, i) => createMapAs(owner, { title: `Mapa ${i}` })),
    );
    const editors = mapIds.flatMap((mapId) =>
      Array.from({ length: CLIENTS_PER_MAP }, () => ({
        mapId,
        c: client(server.url, mapId, owner),
      })),
    );
    await Promise.all(editors.map(({ c }) => c.synced));

    await Promise.all(
      editors.map(({ c }, i) => editContinuously(c, `client ${i}`, EDITS_PER_CLIENT)),
    );
    // Acknowledged = the provider has no unsynced change left; then both replicas of a map agree.
    await expect
      .poll(() => editors.reduce((sum, { c }) => sum + c.provider.unsyncedChanges, 0), {
        timeout: 20_000,
      })
      .toBe(0);
    for (const mapId of mapIds) {
      const [a, b] = editors.filter((e) => e.mapId === mapId).map((e) => e.c.doc);
      await expect.poll(() => a && b && sameState(a, b)).toBe(true);
    }
    const expected = new Map(editors.map(({ mapId, c }) => [mapId, readMap(c.doc)] as const));

    const exit = await server.stop('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    // The acknowledged edits are in the log tail, not only in a snapshot: the log kept the promise.
    for (const mapId of mapIds) {
      expect((await storedState(server, mapId)).tail).toBeGreaterThan(0);
    }
    for (const { c } of editors) c.destroy();

    await server.start();
    for (const mapId of mapIds) {
      const fresh = client(server.url, mapId, owner);
      await fresh.synced;
      const view = readMap(fresh.doc);
      expect(view).toEqual(expected.get(mapId));
      expect(view.cards.length).toBe(CLIENTS_PER_MAP * (EDITS_PER_CLIENT / 3));
    }
  });

  it('keeps the edits acknowledged before a SIGKILL that lands in the middle of an editing burst', async () => {
    const server = await startChild();
    const owner = await signUpUser(server.url);
    const mapIds = await Promise.all(
      [0, 1, 2, 3].map((i) => createMapAs(owner, { title: `Ráfaga ${i}` })),
    );
    const editors = mapIds.map((mapId) => {
      const c = client(server.url, mapId, owner);
      // Every local update in order; acks arrive in the same order on the one socket.
      const sent: Uint8Array[] = [];
      c.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== c.provider) sent.push(update);
      });
      return { mapId, c, sent };
    });
    await Promise.all(editors.map(({ c }) => c.synced));
    await expect.poll(() => editors.every(({ c }) => c.provider.unsyncedChanges === 0)).toBe(true);

    const bursts = editors.map(({ c }, i) => editContinuously(c, `burst ${i}`, 400));
    const acked = () => editors.map(({ c, sent }) => sent.length - c.provider.unsyncedChanges);
    await expect.poll(() => Math.min(...acked()), { timeout: 20_000 }).toBeGreaterThan(100);
    const ackedAtKill = acked();
    const exit = await server.stop('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    await Promise.all(bursts);
    for (const { c } of editors) c.destroy();

    await server.start();
    for (const [i, { mapId, sent }] of editors.entries()) {
      const fresh = client(server.url, mapId, owner);
      await fresh.synced;
      // Re-applying every acknowledged update to the recovered state must change nothing.
      const check = new Y.Doc();
      Y.applyUpdate(check, Y.encodeStateAsUpdate(fresh.doc));
      let changed = false;
      check.on('update', () => (changed = true));
      for (const update of sent.slice(0, ackedAtKill[i])) Y.applyUpdate(check, update);
      expect(changed, `map ${i}: an acknowledged update was lost`).toBe(false);
    }
  });

  it('shuts down gracefully on SIGTERM, compacting every log into its snapshot', async () => {
    const server = await startChild();
    const owner = await signUpUser(server.url);
    const mapIds = await Promise.all([
      createMapAs(owner, { title: 'Uno' }),
      createMapAs(owner, { title: 'Dos' }),
    ]);
    const editors = mapIds.map((mapId) => ({ mapId, c: client(server.url, mapId, owner) }));
    await Promise.all(editors.map(({ c }) => c.synced));
    await Promise.all(editors.map(({ c }, i) => editContinuously(c, `client ${i}`, 60)));
    await expect
      .poll(() => editors.reduce((sum, { c }) => sum + c.provider.unsyncedChanges, 0))
      .toBe(0);

    // Clients stay connected: the shutdown has to close them itself.
    const exit = await server.stop('SIGTERM');

    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.findLogs({ msg: 'Recorrido stopped' })).toHaveLength(1);
    expect(server.stderr).toEqual([]);
    for (const { mapId, c } of editors) {
      const stored = await storedState(server, mapId);
      expect(stored.tail).toBe(0);
      expect(readMap(stored.doc)).toEqual(readMap(c.doc));
    }
  });
});
