import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  deleteCard,
  deleteLane,
  deleteStage,
  mapDocName,
  mapToJson,
  readMap,
  setCardText,
  type MapId,
  type MapJson,
} from '../../shared/index.ts';
import type { VersionOptions } from '../versions/versionOptions.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, asUser, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

interface VersionJson {
  id: string;
  createdAt: string;
  name: string | null;
  authorName: string | null;
  auto: boolean;
}

const DAY = 24 * 60 * 60_000;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function server(versions?: Partial<VersionOptions>): Promise<TestServer> {
  const s = await startTestServer(versions ? { versions } : {});
  cleanup.push(() => s.dispose());
  return s;
}

function client(s: TestServer, mapId: string, user: TestUser): TestClient {
  const c = connectMap(s.url, mapId, { token: user.token });
  cleanup.push(() => c.destroy());
  return c;
}

/** A map from the demo template owned by a new user, with members of the given roles. */
async function mapWithMembers(s: TestServer, roles: readonly string[]) {
  const owner = await signUpUser(s.url, { name: 'Olga Owner' });
  const mapId = await createMapAs(owner, { title: 'Viaje', template: 'travel-alert-demo' });
  const members: TestUser[] = [];
  for (const role of roles) {
    const member = await signUpUser(s.url, { name: `Member ${role}` });
    await owner.json('POST', `/api/maps/${mapId}/members`, { email: member.email, role }, 201);
    members.push(member);
  }
  return { owner, mapId, members };
}

const list = async (user: TestUser, mapId: string) =>
  (await user.json<{ versions: VersionJson[] }>('GET', `/api/maps/${mapId}/versions`)).versions;

/** Resolves once the map's document is no longer loaded (its last connection left, it unloaded). */
async function unloaded(s: TestServer, mapId: string): Promise<void> {
  await expect.poll(() => s.hocuspocus.documents.has(mapDocName(mapId as MapId))).toBe(false);
}

/** Deletes every stage, lane and card of the map through a collaboration client. */
function wipe(c: TestClient): void {
  const view = readMap(c.doc);
  for (const stage of view.stages) deleteStage(c.doc, stage.id);
  for (const lane of view.lanes) deleteLane(c.doc, lane.id);
  for (const card of readMap(c.doc).unplaced) deleteCard(c.doc, card.id);
}

describe('map versions', () => {
  it('an editor wipes a map, the owner restores a version: every card is back for every client, and the restore can be undone', async () => {
    const s = await server();
    const {
      owner,
      mapId,
      members: [editor],
    } = await mapWithMembers(s, ['editor']);
    if (!editor) throw new Error('no editor');

    const { version: named } = await owner.json<{ version: VersionJson }>(
      'POST',
      `/api/maps/${mapId}/versions`,
      { name: '  Antes del taller ' },
      201,
    );
    expect(named).toMatchObject({
      name: 'Antes del taller',
      authorName: 'Olga Owner',
      auto: false,
    });

    const a = client(s, mapId, editor);
    const b = client(s, mapId, owner);
    await Promise.all([a.synced, b.synced]);
    const before = mapToJson(b.doc);
    expect(before.cards.length).toBeGreaterThan(10);
    // The version reads back as the same map.
    const read = await owner.json<{ version: VersionJson; map: MapJson }>(
      'GET',
      `/api/maps/${mapId}/versions/${named.id}`,
    );
    expect(read.version).toEqual(named);
    expect(read.map).toEqual(before);
    // Stored compressed: well under the size of the document's Yjs update.
    const stored = await s.storage.versions.get(mapId as MapId, named.id);
    expect(stored?.state.length).toBeLessThan(Y.encodeStateAsUpdate(b.doc).length / 2);

    wipe(a);
    await expect.poll(() => readMap(b.doc).cards.length + readMap(b.doc).unplaced.length).toBe(0);
    expect(readMap(b.doc).stages).toEqual([]);
    await expect.poll(() => a.provider.unsyncedChanges).toBe(0);
    const wiped = mapToJson(b.doc);

    const { version: undo } = await owner.json<{ version: VersionJson }>(
      'POST',
      `/api/maps/${mapId}/versions/${named.id}/restore`,
    );
    expect(undo).toMatchObject({ name: null, auto: true, authorName: 'Olga Owner' });
    for (const c of [a, b]) await expect.poll(() => mapToJson(c.doc)).toEqual(before);
    // The auto version saved by the restore holds the wiped map.
    const saved = await owner.json<{ map: MapJson }>(
      'GET',
      `/api/maps/${mapId}/versions/${undo.id}`,
    );
    expect(saved.map).toEqual(wiped);
    expect((await list(owner, mapId)).map((v) => v.id)).toEqual([undo.id, named.id]);

    // Restoring that auto version undoes the restore, for everyone again.
    const { version: redo } = await editor.json<{ version: VersionJson }>(
      'POST',
      `/api/maps/${mapId}/versions/${undo.id}/restore`,
    );
    expect(redo).toMatchObject({ auto: true, authorName: 'Member editor' });
    for (const c of [a, b]) await expect.poll(() => mapToJson(c.doc)).toEqual(wiped);
    expect(
      (await owner.json<{ map: MapJson }>('GET', `/api/maps/${mapId}/versions/${redo.id}`)).map,
    ).toEqual(before);

    // And back once more; a client that connects now gets the restored map from storage.
    await owner.json('POST', `/api/maps/${mapId}/versions/${named.id}/restore`);
    await expect.poll(() => mapToJson(b.doc)).toEqual(before);
    a.destroy();
    b.destroy();
    await unloaded(s, mapId);
    const fresh = client(s, mapId, owner);
    await fresh.synced;
    expect(mapToJson(fresh.doc)).toEqual(before);
  });

  it('a viewer can list and read versions but not name or restore one; customers and non-members get nothing', async () => {
    const s = await server();
    const {
      owner,
      mapId,
      members: [viewer, commenter, customer],
    } = await mapWithMembers(s, ['viewer', 'commenter', 'customer']);
    if (!viewer || !commenter || !customer) throw new Error('members missing');
    const stranger = await signUpUser(s.url);
    const { version } = await owner.json<{ version: VersionJson }>(
      'POST',
      `/api/maps/${mapId}/versions`,
      { name: 'Base' },
      201,
    );
    const base = `/api/maps/${mapId}/versions`;

    for (const reader of [viewer, commenter]) {
      expect((await list(reader, mapId)).map((v) => v.id)).toEqual([version.id]);
      expect((await reader.call('GET', `${base}/${version.id}`)).status).toBe(200);
      expect((await reader.call('POST', base, { name: 'Mío' })).status).toBe(403);
      expect((await reader.call('POST', `${base}/${version.id}/restore`)).status).toBe(403);
    }
    const calls: [string, string, unknown?][] = [
      ['GET', base],
      ['GET', `${base}/${version.id}`],
      ['POST', base, { name: 'Mío' }],
      ['POST', `${base}/${version.id}/restore`],
    ];
    for (const [method, path, body] of calls) {
      const asCustomer = await customer.call(method, path, body);
      expect(asCustomer.status).toBe(403);
      expect(await asCustomer.text()).not.toContain(version.id);
      expect((await stranger.call(method, path, body)).status).toBe(404);
      expect((await anonymousCall(s.url, method, path, body)).status).toBe(401);
    }
    // Bad bodies and unknown versions.
    expect((await owner.call('POST', base, { name: '   ' })).status).toBe(400);
    expect((await owner.call('POST', base, { name: 'x'.repeat(121) })).status).toBe(400);
    expect((await owner.call('POST', base, {})).status).toBe(400);
    expect((await owner.call('GET', `${base}/nope`)).status).toBe(404);
    expect((await owner.call('POST', `${base}/0123456789abcdefghijkl/restore`)).status).toBe(404);
    // Another map's version is not this map's.
    const otherMap = await createMapAs(owner, { title: 'Otro' });
    expect((await owner.call('GET', `/api/maps/${otherMap}/versions/${version.id}`)).status).toBe(
      404,
    );
    expect(
      (await owner.call('POST', `/api/maps/${otherMap}/versions/${version.id}/restore`)).status,
    ).toBe(404);
    // Nothing refused was stored.
    expect((await list(owner, mapId)).map((v) => v.id)).toEqual([version.id]);
  });

  it('saves an auto version when the last client leaves after an edit, and none when nothing changed', async () => {
    const s = await server();
    const {
      owner,
      mapId,
      members: [editor],
    } = await mapWithMembers(s, ['editor']);
    if (!editor) throw new Error('no editor');

    // A session without any change: no version. Nor is the server's own write (a rename through
    // the API) anyone's editing session.
    const idle = client(s, mapId, editor);
    await idle.synced;
    await owner.json('PATCH', `/api/maps/${mapId}`, { title: 'Viaje renombrado' });
    await expect.poll(() => readMap(idle.doc).meta.title).toBe('Viaje renombrado');
    idle.destroy();
    await unloaded(s, mapId);
    expect(await list(owner, mapId)).toEqual([]);

    // Two people edit; the version is saved once the last one leaves, by the last author.
    const a = client(s, mapId, owner);
    const b = client(s, mapId, editor);
    await Promise.all([a.synced, b.synced]);
    const card = readMap(a.doc).cards[0];
    if (!card) throw new Error('template map has no card');
    setCardText(a.doc, card.id, 'Primero');
    await expect.poll(() => readMap(b.doc).cards[0]?.text).toBe('Primero');
    setCardText(b.doc, card.id, 'Cambiado por el editor');
    await expect.poll(() => a.provider.unsyncedChanges + b.provider.unsyncedChanges).toBe(0);
    await expect.poll(() => readMap(a.doc).cards[0]?.text).toBe('Cambiado por el editor');
    a.destroy();
    // Someone is still there: the session goes on.
    const doc = s.hocuspocus.documents.get(mapDocName(mapId as MapId));
    await expect.poll(() => doc?.getConnectionsCount()).toBe(1);
    expect(await list(owner, mapId)).toEqual([]);
    b.destroy();
    await expect.poll(async () => (await list(owner, mapId)).length).toBe(1);
    const [auto] = await list(owner, mapId);
    expect(auto).toMatchObject({ auto: true, name: null, authorName: 'Member editor' });
    const saved = await owner.json<{ map: MapJson }>(
      'GET',
      `/api/maps/${mapId}/versions/${auto?.id ?? ''}`,
    );
    expect(saved.map.cards.find((c) => c.id === card.id)?.paragraphs).toEqual([
      'Cambiado por el editor',
    ]);

    // Opening and closing again without a change adds nothing.
    await unloaded(s, mapId);
    const again = client(s, mapId, editor);
    await again.synced;
    again.destroy();
    await unloaded(s, mapId);
    expect((await list(owner, mapId)).map((v) => v.id)).toEqual([auto?.id]);
  });

  it('saves an auto version of a map still being edited when the server shuts down', async () => {
    const first = await startTestServer();
    const owner = await signUpUser(first.url, { name: 'Olga Owner' });
    const mapId = await createMapAs(owner, { title: 'Viaje', template: 'travel-alert-demo' });
    const c = connectMap(first.url, mapId, { token: owner.token });
    cleanup.push(() => c.destroy());
    await c.synced;
    const card = readMap(c.doc).cards[0];
    if (!card) throw new Error('template map has no card');
    setCardText(c.doc, card.id, 'Antes del apagado');
    await expect.poll(() => c.provider.unsyncedChanges).toBe(0);
    await first.close();
    c.destroy();

    const second = await startTestServer({ dataDir: first.dataDir });
    cleanup.push(() => second.dispose());
    const again = asUser(second.url, owner, owner.token);
    const versions = await list(again, mapId);
    expect(versions).toEqual([expect.objectContaining({ auto: true, authorName: 'Olga Owner' })]);
    const read = await again.json<{ map: MapJson }>(
      'GET',
      `/api/maps/${mapId}/versions/${versions[0]?.id ?? ''}`,
    );
    expect(read.map.cards.find((x) => x.id === card.id)?.paragraphs).toEqual(['Antes del apagado']);
  });

  it('saves auto versions while a map is being edited, without waiting for the session to end', async () => {
    const s = await server({ autoIntervalMs: 200 });
    const { owner, mapId } = await mapWithMembers(s, []);
    const c = client(s, mapId, owner);
    await c.synced;
    const card = readMap(c.doc).cards[0];
    if (!card) throw new Error('template map has no card');
    setCardText(c.doc, card.id, 'Una');
    await expect.poll(async () => (await list(owner, mapId)).length).toBe(1);
    setCardText(c.doc, card.id, 'Dos');
    await expect.poll(async () => (await list(owner, mapId)).length).toBe(2);
    const [latest] = await list(owner, mapId);
    const read = await owner.json<{ map: MapJson }>(
      'GET',
      `/api/maps/${mapId}/versions/${latest?.id ?? ''}`,
    );
    expect(read.map.cards.find((x) => x.id === card.id)?.paragraphs).toEqual(['Dos']);
    // Still connected, nothing new: no further version.
    expect(c.provider.isSynced).toBe(true);
    c.destroy();
    await unloaded(s, mapId);
    expect(await list(owner, mapId)).toHaveLength(2);
  });

  it('keeps named versions and their authors; prunes only auto versions past retention', async () => {
    const s = await server({ pruneEveryMs: 0 });
    const {
      owner,
      mapId,
      members: [editor],
    } = await mapWithMembers(s, ['editor']);
    if (!editor) throw new Error('no editor');
    const id = mapId as MapId;
    const state = new Uint8Array([0, 0]);
    const old = Date.now() - 40 * DAY;
    const oldAuto = await s.storage.versions.add({
      mapId: id,
      name: null,
      authorId: editor.id,
      auto: true,
      state,
      createdAt: old,
    });
    const oldNamed = await s.storage.versions.add({
      mapId: id,
      name: 'Lanzamiento',
      authorId: editor.id,
      auto: false,
      state,
      createdAt: old - 1,
    });
    const recentAuto = await s.storage.versions.add({
      mapId: id,
      name: null,
      authorId: owner.id,
      auto: true,
      state,
      createdAt: Date.now() - 20 * DAY,
    });
    const { version: named } = await editor.json<{ version: VersionJson }>(
      'POST',
      `/api/maps/${mapId}/versions`,
      { name: 'Antes del taller' },
      201,
    );
    // The map loaded for that version: old auto versions go, the rest stay.
    await expect
      .poll(async () => (await list(owner, mapId)).map((v) => v.id))
      .toEqual([named.id, recentAuto.id, oldNamed.id]);
    const versions = await list(owner, mapId);
    expect(versions[0]).toMatchObject({ name: 'Antes del taller', authorName: 'Member editor' });
    expect(versions[2]).toMatchObject({
      name: 'Lanzamiento',
      authorName: 'Member editor',
      auto: false,
      createdAt: new Date(old - 1).toISOString(),
    });
    expect(await s.storage.versions.get(id, oldAuto.id)).toBeNull();
  });
});
