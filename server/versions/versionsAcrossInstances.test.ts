import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteLane,
  deleteStage,
  mapDocName,
  mapToJson,
  readMap,
  setCardText,
  type MapId,
} from '../../shared/index.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import type { TestServer } from '../test/testServer.ts';
import { asUser, createMapAs, signUpUser } from '../test/testUser.ts';

// Restoring a version through one instance while people edit through both (PostgreSQL + Redis).
let instances: TwoInstances | undefined;
let a: TestServer;
let b: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  instances = await startTwoInstances();
  ({ a, b } = instances);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await instances?.dispose();
});

interface VersionJson {
  id: string;
  name: string | null;
  authorName: string | null;
  auto: boolean;
}

describe('map versions with two instances', () => {
  it('a restore through instance A reaches a client of instance B live, and the sessions add no redundant version', async () => {
    const owner = await signUpUser(a.url, { name: 'Olga' });
    const editorAtA = await signUpUser(a.url, { name: 'Eva' });
    const mapId = (await createMapAs(owner, {
      title: 'Dos instancias',
      template: 'travel-alert-demo',
    })) as MapId;
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: editorAtA.email, role: 'editor' },
      201,
    );
    const editor = asUser(b.url, editorAtA, editorAtA.token);
    const { version: named } = await owner.json<{ version: VersionJson }>(
      'POST',
      `/api/maps/${mapId}/versions`,
      { name: 'Antes' },
      201,
    );

    const atA = connectMap(a.url, mapId, { token: owner.token });
    const atB = connectMap(b.url, mapId, { token: editor.token });
    clients.push(atA, atB);
    await Promise.all([atA.synced, atB.synced]);
    const before = mapToJson(atA.doc);

    // The editor on B wipes the map; A's client sees it through Redis.
    const view = readMap(atB.doc);
    for (const stage of view.stages) deleteStage(atB.doc, stage.id);
    for (const lane of view.lanes) deleteLane(atB.doc, lane.id);
    await expect.poll(() => readMap(atA.doc).stages.length).toBe(0);
    await expect.poll(() => atB.provider.unsyncedChanges).toBe(0);

    const { version: undo } = await owner.json<{ version: VersionJson }>(
      'POST',
      `/api/maps/${mapId}/versions/${named.id}/restore`,
    );
    expect(undo).toMatchObject({ auto: true, name: null });
    for (const client of [atA, atB]) await expect.poll(() => mapToJson(client.doc)).toEqual(before);

    // Both sessions end: the restore's own auto version already holds the wipe, so neither
    // instance stores another one.
    atA.destroy();
    atB.destroy();
    const name = mapDocName(mapId);
    await expect
      .poll(() => a.hocuspocus.documents.has(name) || b.hocuspocus.documents.has(name))
      .toBe(false);
    const { versions } = await editor.json<{ versions: VersionJson[] }>(
      'GET',
      `/api/maps/${mapId}/versions`,
    );
    expect(versions.map((v) => v.id)).toEqual([undo.id, named.id]);
  });

  it('an edit relayed through Redis is saved by the instance that received it, not by the other', async () => {
    const owner = await signUpUser(a.url, { name: 'Olga' });
    const editorAtA = await signUpUser(a.url, { name: 'Eva' });
    const mapId = (await createMapAs(owner, {
      title: 'Relevo',
      template: 'travel-alert-demo',
    })) as MapId;
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: editorAtA.email, role: 'editor' },
      201,
    );
    const atA = connectMap(a.url, mapId, { token: owner.token });
    const atB = connectMap(b.url, mapId, { token: editorAtA.token });
    clients.push(atA, atB);
    await Promise.all([atA.synced, atB.synced]);
    const card = readMap(atB.doc).cards[0];
    if (!card) throw new Error('template map has no card');
    setCardText(atB.doc, card.id, 'Desde B');
    await expect.poll(() => readMap(atA.doc).cards[0]?.text).toBe('Desde B');

    // A's session ends first: it only saw B's edit through Redis, so it stores nothing.
    const name = mapDocName(mapId);
    atA.destroy();
    await expect.poll(() => a.hocuspocus.documents.has(name)).toBe(false);
    const listed = async () =>
      (await owner.json<{ versions: VersionJson[] }>('GET', `/api/maps/${mapId}/versions`))
        .versions;
    expect(await listed()).toEqual([]);
    atB.destroy();
    await expect.poll(async () => (await listed()).length).toBe(1);
    await expect.poll(() => b.hocuspocus.documents.has(name)).toBe(false);
    expect(await listed()).toEqual([
      expect.objectContaining({ auto: true, name: null, authorName: 'Eva' }),
    ]);
  });
});
