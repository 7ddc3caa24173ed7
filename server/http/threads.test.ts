import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentMessageJson, CommentThreadJson } from '../../shared/comments.ts';
import { mapDocName, type MapId } from '../../shared/index.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// The comment threads API (issue 10) on a real server: who may read, post, reply, edit, delete
// and resolve; every validation error; threads that outlive their card. Runs on SQLite, and on
// PostgreSQL with TEST_STORAGE=postgres.
const CALLERS = ['O', 'E', 'C', 'V', 'U', 'X', 'A'] as const;
type Caller = (typeof CALLERS)[number];
const ROLE_OF = { E: 'editor', C: 'commenter', V: 'viewer', U: 'customer' } as const;

let s: TestServer;
const users = {} as Record<Exclude<Caller, 'A'>, TestUser>;

/** The ids of the first stage, lane, card and persona of a map, read from its live document. */
interface Ids {
  stage: string;
  lane: string;
  card: string;
  persona: string;
}

async function idsOf(mapId: string): Promise<Ids> {
  const connection = await s.hocuspocus.openDirectConnection(mapDocName(mapId as MapId), {});
  try {
    const doc = connection.document;
    if (!doc) throw new Error('no document');
    const first = (root: string) => {
      const [id] = doc.getMap<unknown>(root).keys();
      if (!id) throw new Error(`the template has no ${root}`);
      return id;
    };
    return {
      stage: first('stages'),
      lane: first('lanes'),
      card: first('cards'),
      persona: first('personas'),
    };
  } finally {
    await connection.disconnect();
  }
}

/** A map from the demo template with one member of every role. */
async function newMap(): Promise<{ mapId: string; ids: Ids }> {
  const mapId = await createMapAs(users.O, { title: 'Hilos', template: 'travel-alert-demo' });
  for (const key of ['E', 'C', 'V', 'U'] as const) {
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: users[key].email, role: ROLE_OF[key] },
      201,
    );
  }
  return { mapId, ids: await idsOf(mapId) };
}

function as(who: Caller) {
  return (method: string, path: string, body?: unknown) =>
    who === 'A' ? anonymousCall(s.url, method, path, body) : users[who].call(method, path, body);
}

async function threads(mapId: string): Promise<CommentThreadJson[]> {
  return (await users.O.json<{ threads: CommentThreadJson[] }>('GET', `/api/maps/${mapId}/threads`))
    .threads;
}

async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

let shared: { mapId: string; ids: Ids };

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['O', 'E', 'C', 'V', 'U', 'X'] as const) {
    users[key] = await signUpUser(s.url, { name: `Persona ${key}` });
  }
  shared = await newMap();
});

afterAll(async () => {
  await s.dispose();
});

describe('comment threads: who may do what', () => {
  it('lists threads to every internal role, 403 to customers, 404 to non-members, 401 anonymous', async () => {
    const seen: Record<string, number> = {};
    for (const who of CALLERS) {
      seen[who] = (await as(who)('GET', `/api/maps/${shared.mapId}/threads`)).status;
    }
    expect(seen).toEqual({ O: 200, E: 200, C: 200, V: 200, U: 403, X: 404, A: 401 });
  });

  it('lets owners, editors and commenters open a thread (201), not viewers, customers or outsiders', async () => {
    const { mapId, ids } = await newMap();
    const seen: Record<string, number> = {};
    for (const who of CALLERS) {
      const response = await as(who)('POST', `/api/maps/${mapId}/threads`, {
        anchor: { kind: 'card', id: ids.card },
        body: `Pregunta de ${who}`,
      });
      seen[who] = response.status;
    }
    expect(seen).toEqual({ O: 201, E: 201, C: 201, V: 403, U: 403, X: 404, A: 401 });
    // Two threads opened in the same millisecond are listed by id: compare as a set.
    expect((await threads(mapId)).map((t) => t.messages[0]?.body).sort()).toEqual([
      'Pregunta de C',
      'Pregunta de E',
      'Pregunta de O',
    ]);
  });

  it('answers a new thread in the contract shape and lists it with its messages', async () => {
    const { mapId, ids } = await newMap();
    const created = await users.C.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      {
        anchor: { kind: 'stage', id: ids.stage },
        body: '¿Quién atiende esto?',
        mentions: [users.E.id],
      },
      201,
    );
    expect(created).toMatchObject({
      anchor: { kind: 'stage', id: ids.stage },
      resolved: false,
      createdBy: users.C.id,
      messages: [
        {
          authorId: users.C.id,
          authorName: 'Persona C',
          body: '¿Quién atiende esto?',
          mentions: [users.E.id],
        },
      ],
    });
    expect(created.messages[0]?.editedAt).toBeUndefined();
    expect(Date.parse(created.messages[0]?.createdAt ?? '')).not.toBeNaN();
    const reply = await users.E.json<CommentMessageJson>(
      'POST',
      `/api/threads/${created.id}/messages`,
      { body: 'Yo, desde Digital.' },
      201,
    );
    expect(reply).toMatchObject({ authorId: users.E.id, body: 'Yo, desde Digital.', mentions: [] });
    const listed = await threads(mapId);
    expect(listed).toEqual([{ ...created, messages: [...created.messages, reply] }]);
  });

  it('lets owners, editors and commenters reply; viewers 403, customers and outsiders 404', async () => {
    const { mapId } = await newMap();
    const thread = await users.O.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'General' },
      201,
    );
    const seen: Record<string, number> = {};
    for (const who of CALLERS) {
      seen[who] = (
        await as(who)('POST', `/api/threads/${thread.id}/messages`, { body: `Respuesta ${who}` })
      ).status;
    }
    expect(seen).toEqual({ O: 201, E: 201, C: 201, V: 403, U: 404, X: 404, A: 401 });
    expect(
      (await users.O.call('POST', '/api/threads/no-such-thread/messages', { body: 'x' })).status,
    ).toBe(404);
  });

  it('lets only its author edit or delete a message; everyone else gets 403 (or 404 outside)', async () => {
    const { mapId } = await newMap();
    const thread = await users.C.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'Original' },
      201,
    );
    const messageId = thread.messages[0]?.id ?? '';
    const seen: Record<string, number> = {};
    for (const who of ['O', 'E', 'V', 'U', 'X', 'A'] as const) {
      const patch = await as(who)('PATCH', `/api/messages/${messageId}`, { body: 'Cambiado' });
      const del = await as(who)('DELETE', `/api/messages/${messageId}`);
      expect(del.status, who).toBe(patch.status);
      seen[who] = patch.status;
    }
    expect(seen).toEqual({ O: 403, E: 403, V: 403, U: 404, X: 404, A: 401 });
    expect((await threads(mapId))[0]?.messages[0]?.body).toBe('Original');

    const edited = await users.C.json<CommentMessageJson>('PATCH', `/api/messages/${messageId}`, {
      body: 'Corregido',
      mentions: [users.O.id],
    });
    expect(edited).toMatchObject({ body: 'Corregido', mentions: [users.O.id] });
    expect(Date.parse(edited.editedAt ?? '')).not.toBeNaN();
    // Without mentions, an edit keeps them.
    const again = await users.C.json<CommentMessageJson>('PATCH', `/api/messages/${messageId}`, {
      body: 'Corregido otra vez',
    });
    expect(again.mentions).toEqual([users.O.id]);
  });

  it('keeps a deleted message as a placeholder while replies follow it, and drops an emptied thread', async () => {
    const { mapId } = await newMap();
    const thread = await users.C.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'Primero' },
      201,
    );
    const first = thread.messages[0]?.id ?? '';
    const reply = await users.E.json<CommentMessageJson>(
      'POST',
      `/api/threads/${thread.id}/messages`,
      { body: 'Respuesta' },
      201,
    );
    expect((await users.C.call('DELETE', `/api/messages/${first}`)).status).toBe(204);
    const [kept] = await threads(mapId);
    expect(kept?.messages).toEqual([
      expect.objectContaining({ id: first, body: '', mentions: [], deleted: true }),
      reply,
    ]);
    expect(
      (await users.C.call('PATCH', `/api/messages/${first}`, { body: 'revivir' })).status,
    ).toBe(409);
    expect((await users.E.call('DELETE', `/api/messages/${reply.id}`)).status).toBe(204);
    expect(await threads(mapId)).toEqual([]);
    expect((await users.E.call('DELETE', `/api/messages/${reply.id}`)).status).toBe(404);
  });

  it("lets owners, editors and the thread's author resolve and reopen it; not other commenters or viewers", async () => {
    const { mapId } = await newMap();
    const other = await signUpUser(s.url, { name: 'Otra' });
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: other.email, role: 'commenter' },
      201,
    );
    const thread = await users.C.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'Resolver' },
      201,
    );
    const path = `/api/threads/${thread.id}`;
    expect((await other.call('PATCH', path, { resolved: true })).status).toBe(403);
    expect((await users.V.call('PATCH', path, { resolved: true })).status).toBe(403);
    expect((await users.U.call('PATCH', path, { resolved: true })).status).toBe(404);
    expect((await users.X.call('PATCH', path, { resolved: true })).status).toBe(404);
    expect((await threads(mapId))[0]?.resolved).toBe(false);

    for (const who of ['O', 'E', 'C'] as const) {
      const resolved = await users[who].json<CommentThreadJson>('PATCH', path, { resolved: true });
      expect(resolved).toMatchObject({ resolved: true, resolvedBy: users[who].id });
      expect(Date.parse(resolved.resolvedAt ?? '')).not.toBeNaN();
      const reopened = await users[who].json<CommentThreadJson>('PATCH', path, { resolved: false });
      expect(reopened.resolved).toBe(false);
      expect(reopened.resolvedBy).toBeUndefined();
    }
  });
});

describe('comment threads: validation', () => {
  async function post(body: unknown) {
    return errorOf(await users.O.call('POST', `/api/maps/${shared.mapId}/threads`, body));
  }

  it('refuses an empty, blank or oversized body, and control characters, with a clear 400', async () => {
    const anchor = { kind: 'map' };
    expect(await post({ anchor, body: '' })).toMatchObject({
      status: 400,
      message: 'body: body must not be empty',
    });
    expect(await post({ anchor, body: '  \n ' })).toMatchObject({
      status: 400,
      message: 'body: body must not be empty',
    });
    expect(await post({ anchor })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^body: /),
    });
    expect(await post({ anchor, body: 'x'.repeat(10_001) })).toMatchObject({
      status: 400,
      message: 'body: body must be at most 10000 characters',
    });
    expect(await post({ anchor, body: 'a\u0000b' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('control characters'),
    });
    expect(await post({ anchor, body: 'a\u202Eb' })).toMatchObject({ status: 400 });
    // 10,000 characters with line breaks and tabs is fine.
    const ok = await users.O.call('POST', `/api/maps/${shared.mapId}/threads`, {
      anchor,
      body: `línea\n\tsangrada${'x'.repeat(9_980)}`,
    });
    expect(ok.status).toBe(201);
  });

  it('refuses an unknown anchor kind, a missing or superfluous id, and an id not in the map', async () => {
    const { ids } = shared;
    expect(await post({ anchor: { kind: 'sticker', id: ids.card }, body: 'x' })).toMatchObject({
      status: 400,
      message: 'anchor.kind: anchor.kind must be one of map, stage, lane, card, persona',
    });
    expect(await post({ anchor: { kind: 'card' }, body: 'x' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('anchor.id is required'),
    });
    expect(await post({ anchor: { kind: 'map', id: ids.card }, body: 'x' })).toMatchObject({
      status: 400,
    });
    expect(await post({ anchor: { kind: 'card', id: 'no-such-card' }, body: 'x' })).toMatchObject({
      status: 400,
      code: 'unknown_anchor',
      message: 'anchor: there is no card "no-such-card" in this map',
    });
    // A stage id is not a card.
    expect(await post({ anchor: { kind: 'card', id: ids.stage }, body: 'x' })).toMatchObject({
      status: 400,
      code: 'unknown_anchor',
    });
    for (const kind of ['stage', 'lane', 'card', 'persona'] as const) {
      const response = await users.O.call('POST', `/api/maps/${shared.mapId}/threads`, {
        anchor: { kind, id: ids[kind] },
        body: `Sobre ${kind}`,
      });
      expect(response.status, kind).toBe(201);
    }
  });

  it('refuses mentions of non-members and customers, naming them', async () => {
    const stranger = users.X.id;
    const customer = users.U.id;
    expect(
      await post({
        anchor: { kind: 'map' },
        body: 'hola',
        mentions: [users.E.id, stranger, customer],
      }),
    ).toMatchObject({
      status: 400,
      code: 'mentions_not_members',
      message: `mentions: not members of this map: ${stranger}, ${customer}`,
    });
    const thread = await users.O.json<CommentThreadJson>(
      'POST',
      `/api/maps/${shared.mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'hola', mentions: [users.V.id] },
      201,
    );
    expect(
      await errorOf(
        await users.O.call('POST', `/api/threads/${thread.id}/messages`, {
          body: 'x',
          mentions: [stranger],
        }),
      ),
    ).toMatchObject({ status: 400, code: 'mentions_not_members' });
    expect(
      await errorOf(
        await users.O.call('PATCH', `/api/messages/${thread.messages[0]?.id ?? ''}`, {
          body: 'x',
          mentions: [stranger],
        }),
      ),
    ).toMatchObject({ status: 400, code: 'mentions_not_members' });
  });

  it('refuses a reply or edit with an invalid body, and a resolve without a boolean', async () => {
    const thread = await users.O.json<CommentThreadJson>(
      'POST',
      `/api/maps/${shared.mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'hola' },
      201,
    );
    expect(
      await errorOf(await users.O.call('POST', `/api/threads/${thread.id}/messages`, { body: '' })),
    ).toMatchObject({ status: 400, message: 'body: body must not be empty' });
    expect(
      await errorOf(
        await users.O.call('PATCH', `/api/messages/${thread.messages[0]?.id ?? ''}`, {
          body: 'y'.repeat(10_001),
        }),
      ),
    ).toMatchObject({ status: 400, message: 'body: body must be at most 10000 characters' });
    expect(
      await errorOf(await users.O.call('PATCH', `/api/threads/${thread.id}`, { resolved: 'yes' })),
    ).toMatchObject({ status: 400, message: 'resolved: resolved must be true or false' });
  });
});

describe('comment threads: anchors that go away', () => {
  it('keeps a thread on a deleted card, still reporting the card id', async () => {
    const { mapId, ids } = await newMap();
    const thread = await users.E.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'card', id: ids.card }, body: 'Esta tarjeta sobra' },
      201,
    );
    const connection = await s.hocuspocus.openDirectConnection(mapDocName(mapId as MapId), {});
    try {
      await connection.transact((doc) => doc.getMap('cards').delete(ids.card));
    } finally {
      await connection.disconnect();
    }
    const [kept] = await threads(mapId);
    expect(kept).toMatchObject({ id: thread.id, anchor: { kind: 'card', id: ids.card } });
    // Replies still work; a new thread on the deleted card does not.
    expect(
      (await users.C.call('POST', `/api/threads/${thread.id}/messages`, { body: 'Sigue aquí' }))
        .status,
    ).toBe(201);
    expect(
      (
        await users.C.call('POST', `/api/maps/${mapId}/threads`, {
          anchor: { kind: 'card', id: ids.card },
          body: 'x',
        })
      ).status,
    ).toBe(400);
  });

  it('deletes every thread with its map', async () => {
    const { mapId } = await newMap();
    const thread = await users.O.json<CommentThreadJson>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'map' }, body: 'x' },
      201,
    );
    expect((await users.O.call('DELETE', `/api/maps/${mapId}`)).status).toBe(204);
    expect(await s.storage.threads.get(thread.id)).toBeNull();
    expect(
      (await users.O.call('PATCH', `/api/threads/${thread.id}`, { resolved: true })).status,
    ).toBe(404);
  });
});
