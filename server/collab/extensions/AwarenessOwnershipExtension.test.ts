import { afterEach, describe, expect, it } from 'vitest';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { EDITING_FIELD, PRESENCE_FIELD, PresenceUserSchema } from '../../../shared/index.ts';
import { connectMap, type TestClient } from '../../test/collabClient.ts';
import { readMetric } from '../../test/metrics.ts';
import { startTestServer, type TestServer } from '../../test/testServer.ts';
import { createMapAs, signUpUser, type TestUser } from '../../test/testUser.ts';
import { DEFAULT_MAX_AWARENESS_CLIENTS } from './AwarenessOwnershipExtension.ts';

let server: TestServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.dispose();
  server = undefined;
});

/** Who an observer sees behind one awareness client id (the stamped account id and the state). */
function seenAs(observer: TestClient, clientId: number): Record<string, unknown> | undefined {
  return observer.provider.awareness?.getStates().get(clientId) as
    Record<string, unknown> | undefined;
}

/** The account stamped into a state, or undefined. */
function stampedId(state: Record<string, unknown> | undefined): string | undefined {
  const parsed = PresenceUserSchema.safeParse(state?.[PRESENCE_FIELD]);
  return parsed.success ? parsed.data.id : undefined;
}

/** How many awareness entries an observer sees stamped with one account. */
function entriesOf(observer: TestClient, userId: string): number {
  const states = observer.provider.awareness?.getStates() ?? new Map();
  return [...states.values()].filter(
    (state) => stampedId(state as Record<string, unknown>) === userId,
  ).length;
}

/**
 * An awareness update as a forger would write it: states for arbitrary client ids, each with a
 * clock far ahead so receivers take it as newer (null removes the entry).
 */
function forgedUpdate(entries: ReadonlyMap<number, Record<string, unknown> | null>): Uint8Array {
  const forger = new Awareness(new Y.Doc());
  const clock = 1_000;
  for (const [clientId, state] of entries) {
    forger.states.set(clientId, state ?? {});
    if (state === null) forger.states.delete(clientId);
    forger.meta.set(clientId, { clock, lastUpdated: Date.now() });
  }
  return encodeAwarenessUpdate(forger, [...entries.keys()]);
}

/** Makes a real provider send a forged update: it forwards any change not made by itself. */
function sendThrough(client: TestClient, update: Uint8Array): void {
  const awareness = client.provider.awareness;
  if (!awareness) throw new Error('the provider has no awareness');
  applyAwarenessUpdate(awareness, update, 'forger');
}

/** A map owned by Ana with Beto as a viewer and Carla as a commenter, all three connected. */
async function threeOnAMap(): Promise<{
  ana: TestUser;
  beto: TestUser;
  a: TestClient;
  b: TestClient;
  c: TestClient;
}> {
  server = await startTestServer();
  const ana = await signUpUser(server.url, { name: 'Ana', department: 'marketing' });
  const beto = await signUpUser(server.url, { name: 'Beto', department: 'contact-centre' });
  const carla = await signUpUser(server.url, { name: 'Carla', department: 'it' });
  const mapId = await createMapAs(ana, { title: 'Viaje' });
  await ana.json('POST', `/api/maps/${mapId}/members`, { email: beto.email, role: 'viewer' }, 201);
  await ana.json(
    'POST',
    `/api/maps/${mapId}/members`,
    { email: carla.email, role: 'commenter' },
    201,
  );
  const a = connectMap(server.url, mapId, { token: ana.token });
  const b = connectMap(server.url, mapId, { token: beto.token });
  const c = connectMap(server.url, mapId, { token: carla.token });
  clients.push(a, b, c);
  await Promise.all([a.synced, b.synced, c.synced]);
  a.provider.setAwarenessField(EDITING_FIELD, { kind: 'card', id: 'c_ana' });
  b.provider.setAwarenessField(EDITING_FIELD, null);
  await expect.poll(() => stampedId(seenAs(c, a.doc.clientID))).toBe(ana.id);
  await expect.poll(() => stampedId(seenAs(c, b.doc.clientID))).toBe(beto.id);
  return { ana, beto, a, b, c };
}

describe('awareness ownership', () => {
  it("a viewer cannot overwrite or remove the editor's presence by sending her client id", async () => {
    const { ana, a, b, c } = await threeOnAMap();
    const url = server?.url ?? '';
    const before = await readMetric(url, 'recorrido_collab_rejected_messages_total', {
      reason: 'awareness_not_owned',
    });

    // Beto's socket claims Ana's client id with a newer state, then removes it.
    sendThrough(
      b,
      forgedUpdate(
        new Map([[a.doc.clientID, { [EDITING_FIELD]: { kind: 'card', id: 'c_fake' } }]]),
      ),
    );
    sendThrough(b, forgedUpdate(new Map([[a.doc.clientID, null]])));
    // An honest change after the forgeries: once Carla sees it, the server has handled them.
    b.provider.setAwarenessField(EDITING_FIELD, { kind: 'stage', id: 's_marker' });
    await expect
      .poll(() => seenAs(c, b.doc.clientID)?.[EDITING_FIELD])
      .toEqual({ kind: 'stage', id: 's_marker' });

    // Carla still sees Ana as Ana, editing what Ana said.
    expect(stampedId(seenAs(c, a.doc.clientID))).toBe(ana.id);
    expect(seenAs(c, a.doc.clientID)?.[EDITING_FIELD]).toEqual({ kind: 'card', id: 'c_ana' });
    await expect
      .poll(() =>
        readMetric(url, 'recorrido_collab_rejected_messages_total', {
          reason: 'awareness_not_owned',
        }),
      )
      .toBeGreaterThan(before);
  });

  it('one connection announcing 200 client ids shows at most the cap', async () => {
    const { beto, b, c } = await threeOnAMap();
    const fakes = new Map<number, Record<string, unknown>>();
    for (let i = 0; i < 200; i += 1) {
      fakes.set(1_000_000 + i, { [EDITING_FIELD]: { kind: 'card', id: `c_${i}` } });
    }
    sendThrough(b, forgedUpdate(fakes));
    b.provider.setAwarenessField(EDITING_FIELD, { kind: 'stage', id: 's_marker' });
    await expect
      .poll(() => seenAs(c, b.doc.clientID)?.[EDITING_FIELD])
      .toEqual({ kind: 'stage', id: 's_marker' });

    expect(entriesOf(c, beto.id)).toBeGreaterThanOrEqual(1);
    expect(entriesOf(c, beto.id)).toBeLessThanOrEqual(DEFAULT_MAX_AWARENESS_CLIENTS);
  });

  it('a reconnect of the same person takes her client id over before the old socket is gone', async () => {
    const { ana, a, c } = await threeOnAMap();
    // A new socket for the same tab's Y.Doc (same client id) while the old one is still open, as
    // after a network drop the server has not noticed yet.
    const again = new HocuspocusProvider({
      url: `${(server?.url ?? '').replace(/^http/, 'ws')}/collab`,
      name: a.provider.configuration.name,
      document: a.doc,
      token: ana.token,
    });
    try {
      await expect.poll(() => again.isSynced).toBe(true);
      again.setAwarenessField(EDITING_FIELD, { kind: 'lane', id: 'l_after' });
      await expect
        .poll(() => seenAs(c, a.doc.clientID)?.[EDITING_FIELD])
        .toEqual({ kind: 'lane', id: 'l_after' });
      expect(stampedId(seenAs(c, a.doc.clientID))).toBe(ana.id);
    } finally {
      again.destroy();
    }
  });
});
