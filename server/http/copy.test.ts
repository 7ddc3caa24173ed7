import { afterEach, describe, expect, it } from 'vitest';
import {
  addCard,
  diffMaps,
  isEmptyDiff,
  mapToJson,
  readMap,
  setMapState,
  type MapId,
  type MapJson,
} from '../../shared/index.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

interface MapItem {
  id: string;
  title: string;
  role: string;
  sourceMapId: string | null;
  state: 'as-is' | 'to-be';
}

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  while (servers.length) await servers.pop()?.dispose();
});

async function server(): Promise<TestServer> {
  const s = await startTestServer();
  servers.push(s);
  return s;
}

function contentOf(s: TestServer, id: string): Promise<MapJson> {
  return withMapDocument(s.hocuspocus, id as MapId, (doc) => mapToJson(doc));
}

/** The map JSON without what a copy is meant to change. */
function withoutTitleAndState(json: MapJson): Omit<MapJson, 'meta'> & { meta: object } {
  const meta: Partial<MapJson['meta']> = { ...json.meta };
  delete meta.title;
  delete meta.state;
  return { ...json, meta };
}

async function listOf(user: TestUser): Promise<MapItem[]> {
  return (await user.json<{ maps: MapItem[] }>('GET', '/api/maps')).maps;
}

async function addMember(owner: TestUser, mapId: string, who: TestUser, role: string) {
  await owner.json('POST', `/api/maps/${mapId}/members`, { email: who.email, role }, 201);
}

describe(`POST /api/maps/:id/copy (${process.env.TEST_STORAGE ?? 'sqlite'})`, () => {
  it('copies the live content with the same ids into a TO-BE map linked to its source, owned by the copier', async () => {
    const s = await server();
    const owner = await signUpUser(s.url, { name: 'Olga' });
    const editor = await signUpUser(s.url, { name: 'Elena' });
    const sourceId = await createMapAs(owner, {
      title: 'Alerta hoy',
      template: 'travel-alert-demo',
    });
    await addMember(owner, sourceId, editor, 'editor');

    // An edit still only in the live document (not yet stored) is part of the copy.
    const client = connectMap(s.url, sourceId, { token: owner.token });
    clients.push(client);
    await client.synced;
    const view = readMap(client.doc);
    const [stage] = view.stages;
    const [lane] = view.lanes;
    if (!stage || !lane) throw new Error('the demo map has stages and lanes');
    const liveCard = addCard(client.doc, { stageId: stage.id, laneId: lane.id, text: 'En vivo' });
    await expect
      .poll(async () => (await contentOf(s, sourceId)).cards.some((c) => c.id === liveCard))
      .toBe(true);

    const copy = await editor.json<MapItem>(
      'POST',
      `/api/maps/${sourceId}/copy`,
      { title: 'Alerta mañana' },
      201,
    );
    expect(copy).toMatchObject({
      title: 'Alerta mañana',
      role: 'owner',
      sourceMapId: sourceId,
      state: 'to-be',
    });
    expect(copy.id).not.toBe(sourceId);

    const before = await contentOf(s, sourceId);
    const after = await contentOf(s, copy.id);
    expect(after.meta).toMatchObject({ title: 'Alerta mañana', state: 'to-be' });
    expect(withoutTitleAndState(after)).toEqual(withoutTitleAndState(before));
    expect(after.cards.length).toBeGreaterThan(20);
    const diff = diffMaps(before, after);
    expect([...diff.meta].sort()).toEqual(['state', 'title']);
    expect(isEmptyDiff({ ...diff, meta: [] })).toBe(true);

    // The copier alone owns the copy; the source's owner is not even a member of it.
    expect(await s.storage.members.role(copy.id as MapId, editor.id)).toBe('owner');
    expect(await s.storage.members.role(copy.id as MapId, owner.id)).toBeNull();
    expect((await owner.call('GET', `/api/maps/${copy.id}`)).status).toBe(404);

    // The list says which map it comes from and which is which.
    const items = await listOf(editor);
    expect(items.find((m) => m.id === copy.id)).toMatchObject({
      sourceMapId: sourceId,
      state: 'to-be',
    });
    expect(items.find((m) => m.id === sourceId)).toMatchObject({
      sourceMapId: null,
      state: 'as-is',
      role: 'editor',
    });
    expect(await s.storage.maps.get(copy.id)).toMatchObject({ sourceMapId: sourceId });

    // A customer of the TO-BE does not learn the id of the AS-IS map behind it.
    const customer = await signUpUser(s.url, { name: 'Clienta' });
    await addMember(editor, copy.id, customer, 'customer');
    expect((await listOf(customer)).find((m) => m.id === copy.id)).toMatchObject({
      sourceMapId: null,
      state: 'to-be',
    });
    expect(await customer.json<MapItem>('GET', `/api/maps/${copy.id}`)).toMatchObject({
      sourceMapId: null,
    });
  });

  it('can make an AS-IS copy, and the list follows a state changed later in the document', async () => {
    const s = await server();
    const owner = await signUpUser(s.url);
    const sourceId = await createMapAs(owner, { title: 'Hoy', template: 'travel-alert-demo' });
    const copy = await owner.json<MapItem>(
      'POST',
      `/api/maps/${sourceId}/copy`,
      { title: 'Otra versión de hoy', state: 'as-is' },
      201,
    );
    expect(copy.state).toBe('as-is');
    expect((await contentOf(s, copy.id)).meta.state).toBe('as-is');

    const client = connectMap(s.url, copy.id, { token: owner.token });
    clients.push(client);
    await client.synced;
    setMapState(client.doc, 'to-be');
    await expect
      .poll(async () => (await listOf(owner)).find((m) => m.id === copy.id)?.state, {
        timeout: 15_000,
      })
      .toBe('to-be');
  });

  it('refuses viewers, commenters and customers (403), non-members (404), anonymous callers (401) and bad bodies (400)', async () => {
    const s = await server();
    const owner = await signUpUser(s.url);
    const sourceId = await createMapAs(owner, { title: 'Privado', template: 'travel-alert-demo' });
    const roles = ['viewer', 'commenter', 'customer'] as const;
    for (const role of roles) {
      const member = await signUpUser(s.url, { name: `Persona ${role}` });
      await addMember(owner, sourceId, member, role);
      const answer = await member.call('POST', `/api/maps/${sourceId}/copy`, { title: 'Mía' });
      expect(answer.status, role).toBe(403);
      expect(await listOf(member)).toHaveLength(1);
    }
    const anonymous = await anonymousCall(s.url, 'POST', `/api/maps/${sourceId}/copy`, {
      title: 'x',
    });
    expect(anonymous.status).toBe(401);
    const stranger = await signUpUser(s.url);
    expect((await stranger.call('POST', `/api/maps/${sourceId}/copy`, { title: 'x' })).status).toBe(
      404,
    );
    for (const body of [{}, { title: '   ' }, { title: 'x', state: 'later' }]) {
      const answer = await owner.call('POST', `/api/maps/${sourceId}/copy`, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    // Same-origin rule: a foreign page cannot make someone copy a map.
    const foreign = await owner.call(
      'POST',
      `/api/maps/${sourceId}/copy`,
      { title: 'x' },
      { headers: { Origin: 'https://evil.example' } },
    );
    expect(foreign.status).toBe(403);
    expect(await listOf(owner)).toHaveLength(1);
    expect(await s.storage.maps.count()).toBe(1);
  });

  it('keeps the copy when its source is deleted, unlinked', async () => {
    const s = await server();
    const owner = await signUpUser(s.url);
    const sourceId = await createMapAs(owner, { title: 'Hoy', template: 'travel-alert-demo' });
    const copy = await owner.json<MapItem>(
      'POST',
      `/api/maps/${sourceId}/copy`,
      { title: 'Mañana' },
      201,
    );
    const content = await contentOf(s, copy.id);
    expect((await owner.call('DELETE', `/api/maps/${sourceId}`)).status).toBe(204);

    const items = await listOf(owner);
    expect(items.map((m) => m.id)).toEqual([copy.id]);
    expect(items[0]).toMatchObject({ sourceMapId: null, state: 'to-be' });
    expect(await owner.json<MapItem>('GET', `/api/maps/${copy.id}`)).toMatchObject({
      sourceMapId: null,
    });
    expect(await contentOf(s, copy.id)).toEqual(content);
  });
});
