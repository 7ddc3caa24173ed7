import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCommentThreads, type CommentThreadJson } from '../../shared/comments.ts';
import { commentsDocName, type MapId } from '../../shared/index.ts';
import { connectClient, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// The live mirror `map:<id>/comments`: rebuilt from the stored threads when it loads, updated by
// every accepted command, read-only for every client. Runs on SQLite, and on PostgreSQL with
// TEST_STORAGE=postgres.
let s: TestServer;
const users = {} as Record<'O' | 'E' | 'V', TestUser>;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['O', 'E', 'V'] as const) {
    users[key] = await signUpUser(s.url, { name: `Persona ${key}` });
  }
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await s.dispose();
});

async function newMap(): Promise<MapId> {
  const mapId = (await createMapAs(users.O, { title: 'Espejo' })) as MapId;
  for (const [key, role] of [
    ['E', 'editor'],
    ['V', 'viewer'],
  ] as const) {
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: users[key].email, role },
      201,
    );
  }
  return mapId;
}

async function connect(mapId: MapId, user: TestUser): Promise<TestClient> {
  const client = connectClient(s.url, commentsDocName(mapId), { token: user.token });
  open.push(client);
  await client.synced;
  return client;
}

function bodiesIn(client: TestClient): string[][] {
  return readCommentThreads(client.doc).map((t) => t.messages.map((m) => m.body));
}

describe('the comments mirror map:<id>/comments', () => {
  it('shows a viewer a new thread and a reply within a second of the POST', async () => {
    const mapId = await newMap();
    const viewer = await connect(mapId, users.V);
    expect(readCommentThreads(viewer.doc)).toEqual([]);
    const thread = await users.O.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'Empezamos', mentions: [users.V.id] },
      201,
    );
    await expect.poll(() => readCommentThreads(viewer.doc), { timeout: 1_000 }).toEqual([thread]);
    await users.E.json('POST', `/api/threads/${thread.id}/messages`, { body: 'Voy' }, 201);
    await expect.poll(() => bodiesIn(viewer), { timeout: 1_000 }).toEqual([['Empezamos', 'Voy']]);
    await users.E.json('PATCH', `/api/threads/${thread.id}`, { resolved: true });
    await expect
      .poll(() => readCommentThreads(viewer.doc)[0]?.resolved, { timeout: 1_000 })
      .toBe(true);
    // What the API lists is what the mirror holds.
    const { threads } = await users.V.json<{ threads: CommentThreadJson[] }>(
      'GET',
      `/api/maps/${mapId}/threads`,
    );
    expect(readCommentThreads(viewer.doc)).toEqual(threads);
    // The mirror itself is never stored: the threads are.
    expect(await s.storage.documents.load(commentsDocName(mapId))).toEqual({
      snapshot: null,
      tail: [],
    });
  });

  it('ends equal to the stored threads after many concurrent commands', async () => {
    const mapId = await newMap();
    const viewer = await connect(mapId, users.V);
    const posted = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        users[i % 2 === 0 ? 'O' : 'E'].json<CommentThreadJson>(
          'POST',
          `/api/maps/${mapId}/threads`,
          { anchor: { kind: 'map' }, body: `Hilo ${i}` },
          201,
        ),
      ),
    );
    await Promise.all(
      posted.map((thread, i) =>
        users.O.json('POST', `/api/threads/${thread.id}/messages`, { body: `R${i}` }, 201),
      ),
    );
    const { threads } = await users.V.json<{ threads: CommentThreadJson[] }>(
      'GET',
      `/api/maps/${mapId}/threads`,
    );
    expect(threads).toHaveLength(8);
    await expect.poll(() => readCommentThreads(viewer.doc), { timeout: 1_000 }).toEqual(threads);
  });

  it('is rebuilt from the stored threads when it loads', async () => {
    const mapId = await newMap();
    // Written behind the server's back: no command refreshed any mirror.
    const stored = await s.storage.threads.create({
      mapId,
      anchor: { kind: 'map' },
      createdBy: users.O.id,
      body: 'Guardado antes',
      mentions: [],
    });
    expect(s.hocuspocus.documents.has(commentsDocName(mapId))).toBe(false);
    const viewer = await connect(mapId, users.V);
    expect(readCommentThreads(viewer.doc).map((t) => t.id)).toEqual([stored.id]);
    expect(bodiesIn(viewer)).toEqual([['Guardado antes']]);
  });

  it("refuses an editor's forged write to the mirror: nothing changes anywhere", async () => {
    const mapId = await newMap();
    const thread = await users.O.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'Auténtico' },
      201,
    );
    const watcher = await connect(mapId, users.V);
    const forger = await connect(mapId, users.E);
    await expect.poll(() => bodiesIn(forger)).toEqual([['Auténtico']]);
    const name = commentsDocName(mapId);

    const forged: CommentThreadJson = {
      ...thread,
      messages: thread.messages.map((m) => ({ ...m, body: 'Falsificado' })),
    };
    forger.doc.getMap('threads').set(thread.id, forged);
    forger.doc.getMap('threads').set('forged', { ...forged, id: 'forged' });
    // Messages of one connection are handled in order: once the server holds this awareness
    // marker, it has handled (and refused) the writes before it.
    forger.provider.setAwarenessField('probe', 'after-forgery');
    await expect
      .poll(
        () =>
          s.hocuspocus.documents.get(name)?.awareness.getStates().get(forger.doc.clientID)?.probe,
        { timeout: 10_000 },
      )
      .toBe('after-forgery');

    const serverDoc = s.hocuspocus.documents.get(name);
    expect(serverDoc && readCommentThreads(serverDoc)).toEqual([thread]);
    expect(readCommentThreads(watcher.doc)).toEqual([thread]);
    const { threads } = await users.O.json<{ threads: CommentThreadJson[] }>(
      'GET',
      `/api/maps/${mapId}/threads`,
    );
    expect(threads).toEqual([thread]);
    // A real reply still reaches the watcher, and the forgery never does.
    await users.O.json('POST', `/api/threads/${thread.id}/messages`, { body: 'Real' }, 201);
    await expect.poll(() => bodiesIn(watcher), { timeout: 1_000 }).toEqual([['Auténtico', 'Real']]);
    expect(watcher.doc.getMap('threads').has('forged')).toBe(false);
  });
});
