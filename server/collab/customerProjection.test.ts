import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  commentsDocName,
  customerDocName,
  mapDocName,
  readMap,
  type MapId,
} from '../../shared/index.ts';
import { addCard, setCardText } from '../../shared/operations/cards.ts';
import { addLane } from '../../shared/operations/lanes.ts';
import { addStage } from '../../shared/operations/stages.ts';
import type { CardId } from '../../shared/ids.ts';
import { CustomerProjectionExtension } from './extensions/CustomerProjectionExtension.ts';
import { connectClient, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import {
  anonymousCall,
  createMapAs,
  sessionTokenFrom,
  signUpUser,
  type TestUser,
} from '../test/testUser.ts';

// The live customer projection `map:<id>/customer` through the real server: a customer (guest
// through a customer link) sees only what is visible, live; edits elsewhere send them nothing;
// the projection is read-only and the only document of the map a customer may open. Runs on
// SQLite, and on PostgreSQL with TEST_STORAGE=postgres (server-postgres project).
let s: TestServer;
let owner: TestUser;
let editor: TestUser;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  owner = await signUpUser(s.url, { name: 'Olga Internal' });
  editor = await signUpUser(s.url, { name: 'Edu Internal' });
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await s.dispose();
});

function connect(name: string, token: string): TestClient {
  const client = connectClient(s.url, name, { token });
  open.push(client);
  return client;
}

/** A customer of the map: a guest session through a customer link. */
async function customerToken(mapId: MapId): Promise<string> {
  const { token } = await owner.json<{ token: string }>(
    'POST',
    `/api/maps/${mapId}/invites`,
    { role: 'customer' },
    201,
  );
  const accept = await anonymousCall(s.url, 'POST', `/api/invites/${token}/accept`, {
    name: 'Carla',
  });
  expect(accept.status).toBe(200);
  const session = sessionTokenFrom(accept);
  if (!session) throw new Error('no guest session');
  return session;
}

interface Fixture {
  mapId: MapId;
  /** The editor's open map document. */
  map: TestClient;
  visibleCard: CardId;
  internalCard: CardId;
}

/** A map with one visible and one internal (backstage) lane, one card in each. */
async function fixture(): Promise<Fixture> {
  const mapId = (await createMapAs(owner, { title: 'Proyección' })) as MapId;
  await owner.json(
    'POST',
    `/api/maps/${mapId}/members`,
    { email: editor.email, role: 'editor' },
    201,
  );
  const map = connect(mapDocName(mapId), editor.token);
  await map.synced;
  const stageId = addStage(map.doc, { name: 'Reservar' });
  const visibleLane = addLane(map.doc, { kind: 'actions', title: 'Acciones' });
  const internalLane = addLane(map.doc, { kind: 'backstage', title: 'INTERNAL-LANE-TITLE' });
  const visibleCard = addCard(map.doc, { stageId, laneId: visibleLane, text: 'VISIBLE-CARD' });
  const internalCard = addCard(map.doc, {
    stageId,
    laneId: internalLane,
    text: 'INTERNAL-CARD',
    department: 'it',
  });
  await expect
    .poll(
      () =>
        s.hocuspocus.documents.get(mapDocName(mapId)) &&
        readMap(s.hocuspocus.documents.get(mapDocName(mapId)) as Y.Doc).cards.length,
    )
    .toBe(2);
  return { mapId, map, visibleCard, internalCard };
}

/** Whether the server has handled every change of the map in the projection (no reconcile due). */
function settled(mapId: MapId): boolean {
  const extension = s.hocuspocus.configuration.extensions.find(
    (e): e is CustomerProjectionExtension => e instanceof CustomerProjectionExtension,
  );
  if (!extension) throw new Error('no customer projection extension');
  return !extension.isPending(customerDocName(mapId));
}

/** Resolves once the server's map holds `text` and the projection has handled that change. */
async function handled(mapId: MapId, text: string): Promise<void> {
  await expect
    .poll(() => {
      const doc = s.hocuspocus.documents.get(mapDocName(mapId));
      return doc !== undefined && readMap(doc).cards.some((c) => c.text === text) && settled(mapId);
    })
    .toBe(true);
}

/** Plain text of every card of a projection document. */
function cardTexts(doc: Y.Doc): string[] {
  return readMap(doc).cards.map((c) => c.text);
}

function holds(update: Uint8Array, marker: string): boolean {
  return Buffer.from(update).includes(marker);
}

/** Resolves with how the server answered the connection: its scope, or its refusal. */
function outcome(client: TestClient): Promise<{ scope: string } | { refused: string }> {
  return new Promise((resolve) => {
    client.provider.on('authenticated', ({ scope }: { scope: string }) => resolve({ scope }));
    client.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
      resolve({ refused: reason }),
    );
  });
}

describe('the customer projection map:<id>/customer', () => {
  it('shows a customer the visible card, live, and sends nothing for an internal edit', async () => {
    const { mapId, map, visibleCard, internalCard } = await fixture();
    const customer = connect(customerDocName(mapId), await customerToken(mapId));
    const scope = outcome(customer);
    await customer.synced;
    expect(await scope).toEqual({ scope: 'readonly' });
    expect(cardTexts(customer.doc)).toEqual(['VISIBLE-CARD']);
    const state = Y.encodeStateAsUpdate(customer.doc);
    expect(holds(state, 'VISIBLE-CARD')).toBe(true);
    for (const marker of ['INTERNAL-CARD', 'INTERNAL-LANE-TITLE', 'Olga', 'Edu', visibleCard]) {
      expect(holds(state, marker)).toBe(false);
    }
    // Ids are opaque: none of the map's own ids reaches the customer.
    const internal = readMap(map.doc);
    const ids = [...internal.stages, ...internal.lanes, ...internal.cards].map((x) => x.id);
    for (const id of ids) expect(holds(state, id)).toBe(false);

    const updates: Uint8Array[] = [];
    customer.doc.on('update', (update: Uint8Array) => updates.push(update));

    // An edit of an internal card: once the server holds it, an edit of the visible card follows;
    // the customer receives its update and nothing of the internal edit, ever.
    setCardText(map.doc, internalCard, 'INTERNAL-EDIT');
    await handled(mapId, 'INTERNAL-EDIT');
    const started = performance.now();
    setCardText(map.doc, visibleCard, 'VISIBLE-EDIT');
    await expect.poll(() => cardTexts(customer.doc), { timeout: 1_000 }).toEqual(['VISIBLE-EDIT']);
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect.poll(() => settled(mapId)).toBe(true);
    expect(updates).toHaveLength(1);
    for (const update of updates) expect(holds(update, 'INTERNAL')).toBe(false);
    expect(holds(Y.encodeStateAsUpdate(customer.doc), 'INTERNAL')).toBe(false);

    // The projection is never stored.
    expect(await s.storage.documents.load(customerDocName(mapId))).toEqual({
      snapshot: null,
      tail: [],
    });
  });

  it('sends a customer no update at all for edits of internal cards', async () => {
    const { mapId, map, internalCard } = await fixture();
    const customer = connect(customerDocName(mapId), await customerToken(mapId));
    await customer.synced;
    let updates = 0;
    customer.doc.on('update', () => (updates += 1));
    for (let i = 0; i < 5; i++) setCardText(map.doc, internalCard, `INTERNAL-${i}`);
    await handled(mapId, 'INTERNAL-4');
    // The server's projection document (what it would broadcast) has not changed either: its
    // state vector is what the customer already holds.
    const projected = s.hocuspocus.documents.get(customerDocName(mapId));
    expect(projected && Y.encodeStateVector(projected)).toEqual(Y.encodeStateVector(customer.doc));
    expect(updates).toBe(0);
  });

  it("refuses a customer's forged write to the projection", async () => {
    const { mapId } = await fixture();
    const watcher = connect(customerDocName(mapId), owner.token);
    await watcher.synced;
    const forger = connect(customerDocName(mapId), await customerToken(mapId));
    await forger.synced;
    const [cardId] = Array.from(forger.doc.getMap('cards').keys());
    expect(cardId).toBeDefined();
    forger.doc.getMap('cards').delete(cardId ?? '');
    forger.doc.getMap('meta').set('title', 'FORGED');
    forger.provider.setAwarenessField('probe', 'after-forgery');
    const name = customerDocName(mapId);
    await expect
      .poll(
        () =>
          s.hocuspocus.documents.get(name)?.awareness.getStates().get(forger.doc.clientID)?.probe,
        { timeout: 10_000 },
      )
      .toBe('after-forgery');
    const serverDoc = s.hocuspocus.documents.get(name);
    expect(serverDoc && cardTexts(serverDoc)).toEqual(['VISIBLE-CARD']);
    expect(serverDoc?.getMap('meta').get('title')).toBe('Proyección');
    expect(cardTexts(watcher.doc)).toEqual(['VISIBLE-CARD']);
    expect(watcher.doc.getMap('meta').get('title')).toBe('Proyección');
  });

  it('is the only document of the map a customer may open; internal roles preview it read-only', async () => {
    const { mapId } = await fixture();
    const token = await customerToken(mapId);
    for (const name of [mapDocName(mapId), commentsDocName(mapId)]) {
      expect(await outcome(connect(name, token))).toEqual({ refused: 'permission-denied' });
    }
    const preview = connect(customerDocName(mapId), editor.token);
    expect(await outcome(preview)).toEqual({ scope: 'readonly' });
    await preview.synced;
    expect(cardTexts(preview.doc)).toEqual(['VISIBLE-CARD']);
  });

  it('holds the map open while the projection is open and releases it after', async () => {
    const mapId = (await createMapAs(owner, { title: 'Suelta' })) as MapId;
    expect(s.hocuspocus.documents.has(mapDocName(mapId))).toBe(false);
    const preview = connect(customerDocName(mapId), owner.token);
    await preview.synced;
    expect(s.hocuspocus.documents.has(mapDocName(mapId))).toBe(true);
    expect(readMap(preview.doc).meta.title).toBe('Suelta');
    preview.destroy();
    await expect.poll(() => s.hocuspocus.documents.has(customerDocName(mapId))).toBe(false);
    await expect.poll(() => s.hocuspocus.documents.has(mapDocName(mapId))).toBe(false);
  });
});
