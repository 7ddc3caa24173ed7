import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceWithParagraphs } from '../../shared/card-body.ts';
import { readCommentThreads, type CommentThreadJson } from '../../shared/comments.ts';
import { commentsDocName, mapDocName, type MapId } from '../../shared/index.ts';
import { SESSION_COOKIE } from '../auth/sessionCookie.ts';
import type { InboxItemJson } from '../comments/inboxJson.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// Read state of comment threads, unread counts on the map list, the inbox, anchor labels and
// authors' departments (issue 10) on a real server. Runs on SQLite, and on PostgreSQL with
// TEST_STORAGE=postgres.
const CALLERS = ['O', 'E', 'C', 'V', 'U', 'X', 'A'] as const;
type Caller = (typeof CALLERS)[number];
const ROLE_OF = { E: 'editor', C: 'commenter', V: 'viewer', U: 'customer' } as const;
const DEPARTMENT_OF = { O: 'marketing', E: 'sales', C: 'digital', V: 'it', U: 'digital', X: 'it' };

let s: TestServer;
const users = {} as Record<Exclude<Caller, 'A'>, TestUser>;

interface Inbox {
  unread: number;
  items: InboxItemJson[];
}

interface Anchored {
  id: string;
  name: string;
}

/** The first stage, lane, card and persona of a map, with their names, from its live document. */
interface Ids {
  stage: Anchored;
  lane: Anchored;
  card: Anchored;
  persona: Anchored;
}

/** Runs fn on the live map document (a direct connection, as another client's edit would). */
async function onMapDoc<T>(mapId: string, fn: (doc: Y.Doc) => T): Promise<T> {
  const connection = await s.hocuspocus.openDirectConnection(mapDocName(mapId as MapId), {});
  try {
    let result: T | undefined;
    await connection.transact((doc) => {
      result = fn(doc);
    });
    return result as T;
  } finally {
    await connection.disconnect();
  }
}

async function idsOf(mapId: string): Promise<Ids> {
  return onMapDoc(mapId, (doc) => {
    const first = (root: string, key?: string) => {
      const [entry] = doc.getMap<Y.Map<unknown>>(root).entries();
      if (!entry) throw new Error(`the template has no ${root}`);
      return { id: entry[0], name: key ? String(entry[1].get(key)) : '' };
    };
    return {
      stage: first('stages', 'name'),
      lane: first('lanes', 'title'),
      card: first('cards'),
      persona: first('personas', 'name'),
    };
  });
}

/** A map from the demo template with one member of every role. */
async function newMap(title = 'Viaje de Bob'): Promise<{ mapId: string; ids: Ids }> {
  const mapId = await createMapAs(users.O, { title, template: 'travel-alert-demo' });
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

async function openThread(
  user: TestUser,
  mapId: string,
  body: string,
  extra: { anchor?: unknown; mentions?: string[] } = {},
): Promise<CommentThreadJson> {
  return user.json<CommentThreadJson>(
    'POST',
    `/api/maps/${mapId}/threads`,
    { anchor: extra.anchor ?? { kind: 'map' }, body, mentions: extra.mentions ?? [] },
    201,
  );
}

async function reply(user: TestUser, threadId: string, body: string, mentions: string[] = []) {
  return user.json<{ id: string; createdAt: string }>(
    'POST',
    `/api/threads/${threadId}/messages`,
    { body, mentions },
    201,
  );
}

/** A user's unread count of a map, as their map list shows it (undefined: not in the list). */
async function unreadOf(user: TestUser, mapId: string): Promise<number | undefined> {
  const { maps } = await user.json<{ maps: { id: string; unreadComments: number }[] }>(
    'GET',
    '/api/maps',
  );
  return maps.find((m) => m.id === mapId)?.unreadComments;
}

async function readsOf(user: TestUser, mapId: string): Promise<Record<string, string>> {
  return (
    await user.json<{ reads: Record<string, string> }>('GET', `/api/maps/${mapId}/comment-reads`)
  ).reads;
}

async function markRead(user: TestUser, threadId: string, body?: unknown): Promise<void> {
  const response = await user.call('POST', `/api/threads/${threadId}/read`, body);
  expect(response.status, await response.clone().text()).toBe(204);
}

async function inboxOf(user: TestUser, query = ''): Promise<Inbox> {
  return user.json<Inbox>('GET', `/api/me/inbox${query}`);
}

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['O', 'E', 'C', 'V', 'U', 'X'] as const) {
    users[key] = await signUpUser(s.url, {
      name: `Persona ${key}`,
      department: DEPARTMENT_OF[key],
    });
  }
});

afterAll(async () => {
  await s.dispose();
});

describe('comment read state: who may read and mark', () => {
  it('answers every internal role, 403 to customers, 404 to outsiders, 401 anonymous', async () => {
    const { mapId } = await newMap();
    const thread = await openThread(users.O, mapId, 'Hola');
    const reads: Record<string, number> = {};
    const marks: Record<string, number> = {};
    for (const who of CALLERS) {
      reads[who] = (await as(who)('GET', `/api/maps/${mapId}/comment-reads`)).status;
      marks[who] = (await as(who)('POST', `/api/threads/${thread.id}/read`)).status;
    }
    expect(reads).toEqual({ O: 200, E: 200, C: 200, V: 200, U: 403, X: 404, A: 401 });
    // Customers cannot even learn that a thread exists, like on every /api/threads route.
    expect(marks).toEqual({ O: 204, E: 204, C: 204, V: 204, U: 404, X: 404, A: 401 });
    expect((await users.O.call('POST', '/api/threads/no-such-thread/read')).status).toBe(404);
    expect(Object.keys(await readsOf(users.V, mapId))).toEqual([thread.id]);
  });

  it('refuses an `until` that is not an ISO date and time, and a body that is not JSON', async () => {
    const { mapId } = await newMap();
    const thread = await openThread(users.O, mapId, 'Hola');
    const path = `/api/threads/${thread.id}/read`;
    const bad = await users.E.call('POST', path, { until: 'ayer' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'until: until must be an ISO 8601 date and time',
    );
    // No body at all is fine (up to the newest message); a broken one is not.
    const empty = await users.E.call('POST', path, undefined, {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(empty.status).toBe(204);
    const broken = await fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: {
        Cookie: `${SESSION_COOKIE}=${users.E.token}`,
        Origin: s.url,
        'Content-Type': 'application/json',
      },
      body: '{',
    });
    expect(broken.status).toBe(400);
  });
});

describe('comment read state: unread counts', () => {
  it('counts what others write, never my own messages, and goes down as I read', async () => {
    const { mapId } = await newMap();
    const thread = await openThread(users.O, mapId, 'Primera pregunta');
    expect(await unreadOf(users.O, mapId)).toBe(0);
    expect(await unreadOf(users.E, mapId)).toBe(1);
    expect(await unreadOf(users.V, mapId)).toBe(1);
    await reply(users.C, thread.id, 'Respuesta de C');
    expect(await unreadOf(users.O, mapId)).toBe(1);
    expect(await unreadOf(users.C, mapId)).toBe(1);
    expect(await unreadOf(users.E, mapId)).toBe(2);

    await markRead(users.E, thread.id);
    expect(await unreadOf(users.E, mapId)).toBe(0);
    const reads = await readsOf(users.E, mapId);
    const listed = await users.E.json<{ threads: CommentThreadJson[] }>(
      'GET',
      `/api/maps/${mapId}/threads`,
    );
    expect(reads).toEqual({ [thread.id]: listed.threads[0]?.messages.at(-1)?.createdAt });

    // A new reply by someone else is unread again; mine never is.
    await reply(users.O, thread.id, 'Gracias');
    await reply(users.E, thread.id, 'De nada');
    expect(await unreadOf(users.E, mapId)).toBe(1);
    expect(await unreadOf(users.O, mapId)).toBe(2);
    // Resolved threads count the same.
    await users.O.json('PATCH', `/api/threads/${thread.id}`, { resolved: true });
    expect(await unreadOf(users.E, mapId)).toBe(1);
    // Customers have no comments to read.
    expect(await unreadOf(users.U, mapId)).toBe(0);
  });

  it('marks read up to `until`, never backwards, and never past the newest message', async () => {
    const { mapId } = await newMap();
    const thread = await openThread(users.O, mapId, 'Uno');
    const first = thread.messages[0]?.createdAt ?? '';
    await expect.poll(() => Date.now()).toBeGreaterThan(Date.parse(first));
    const second = await reply(users.O, thread.id, 'Dos');
    await markRead(users.E, thread.id, { until: first });
    expect(await unreadOf(users.E, mapId)).toBe(1);
    expect(await readsOf(users.E, mapId)).toEqual({ [thread.id]: first });
    await markRead(users.E, thread.id, { until: second.createdAt });
    await markRead(users.E, thread.id, { until: first });
    expect(await unreadOf(users.E, mapId)).toBe(0);
    expect(await readsOf(users.E, mapId)).toEqual({ [thread.id]: second.createdAt });

    // A mark in the future stops at the newest message: a later reply is still unread.
    await markRead(users.V, thread.id, { until: '2999-01-01T00:00:00.000Z' });
    expect(await readsOf(users.V, mapId)).toEqual({ [thread.id]: second.createdAt });
    await expect.poll(() => Date.now()).toBeGreaterThan(Date.parse(second.createdAt));
    await reply(users.O, thread.id, 'Tres');
    expect(await unreadOf(users.V, mapId)).toBe(1);
  });

  it('does not count deleted messages', async () => {
    const { mapId } = await newMap();
    const thread = await openThread(users.O, mapId, 'Uno');
    const mistake = await reply(users.C, thread.id, 'Me equivoqué');
    expect(await unreadOf(users.E, mapId)).toBe(2);
    expect((await users.C.call('DELETE', `/api/messages/${mistake.id}`)).status).toBe(204);
    expect(await unreadOf(users.E, mapId)).toBe(1);
    expect(await unreadOf(users.O, mapId)).toBe(0);
  });

  it('counts each map of the list on its own', async () => {
    const one = await newMap('Uno');
    const two = await newMap('Dos');
    await openThread(users.O, one.mapId, 'a');
    const t = await openThread(users.O, two.mapId, 'b');
    await reply(users.C, t.id, 'c');
    expect(await unreadOf(users.E, one.mapId)).toBe(1);
    expect(await unreadOf(users.E, two.mapId)).toBe(2);
  });
});

describe('the inbox', () => {
  it('lists mentions of me and replies in my threads, newest first, and counts the unread', async () => {
    const { mapId, ids } = await newMap('Mapa del buzón');
    // C's inbox here is this map's alone: C opened no thread and was never mentioned before.
    const mine = await openThread(users.C, mapId, 'Mi pregunta', {
      anchor: { kind: 'stage', id: ids.stage.id },
    });
    const answer = await reply(users.E, mine.id, 'Respuesta larga '.repeat(30));
    const other = await openThread(users.O, mapId, 'Mira esto', { mentions: [users.C.id] });
    await reply(users.E, other.id, 'Nada para C');
    await reply(users.C, mine.id, 'Mío, no cuenta');

    const inbox = await inboxOf(users.C);
    expect(inbox.unread).toBe(2);
    expect(inbox.items.map((item) => [item.reason, item.threadId])).toEqual([
      ['mention', other.id],
      ['reply', mine.id],
    ]);
    expect(inbox.items[1]).toEqual({
      id: answer.id,
      reason: 'reply',
      mapId,
      mapTitle: 'Mapa del buzón',
      threadId: mine.id,
      anchor: { kind: 'stage', id: ids.stage.id },
      anchorLabel: ids.stage.name,
      authorId: users.E.id,
      authorName: 'Persona E',
      authorDepartment: 'sales',
      body: 'Respuesta larga '.repeat(30).slice(0, 280),
      createdAt: answer.createdAt,
      read: false,
    });
    expect(inbox.items[0]).toMatchObject({ authorDepartment: 'marketing', read: false });
    expect(inbox.items[0]?.anchorLabel).toBeUndefined();
    expect((await inboxOf(users.C, '?limit=1')).items.map((item) => item.threadId)).toEqual([
      other.id,
    ]);

    await markRead(users.C, mine.id);
    const after = await inboxOf(users.C);
    expect(after.unread).toBe(1);
    expect(after.items.map((item) => item.read)).toEqual([false, true]);
    // The others' inboxes: O opened a thread E replied in; a viewer is never addressed.
    expect(
      (await inboxOf(users.O)).items
        .filter((item) => item.mapId === mapId)
        .map((item) => [item.reason, item.threadId]),
    ).toEqual([['reply', other.id]]);
    expect(await inboxOf(users.V)).toEqual({ unread: 0, items: [] });
  });

  it('prefers `mention` for a reply that also mentions me, and leaves out deleted messages', async () => {
    const { mapId } = await newMap();
    const mine = await openThread(users.C, mapId, 'Hilo de C');
    const both = await reply(users.E, mine.id, 'Te nombro en tu hilo', [users.C.id]);
    const gone = await reply(users.E, mine.id, 'Borrada');
    expect((await users.E.call('DELETE', `/api/messages/${gone.id}`)).status).toBe(204);
    const items = (await inboxOf(users.C)).items.filter((item) => item.mapId === mapId);
    expect(items.map((item) => [item.id, item.reason])).toEqual([[both.id, 'mention']]);
  });

  it('drops the maps of someone removed from them, and has nothing for customers', async () => {
    const lonely = await signUpUser(s.url, { name: 'Se va' });
    const { mapId } = await newMap();
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: lonely.email, role: 'editor' },
      201,
    );
    const thread = await openThread(lonely, mapId, 'Me voy pronto');
    await openThread(users.O, mapId, 'Te nombro', { mentions: [lonely.id] });
    await reply(users.O, thread.id, 'Respuesta');
    expect((await inboxOf(lonely)).unread).toBe(2);
    expect(await unreadOf(lonely, mapId)).toBe(2);

    expect((await users.O.call('DELETE', `/api/maps/${mapId}/members/${lonely.id}`)).status).toBe(
      204,
    );
    expect(await inboxOf(lonely)).toEqual({ unread: 0, items: [] });
    expect(await unreadOf(lonely, mapId)).toBeUndefined();
    expect((await lonely.call('GET', `/api/maps/${mapId}/comment-reads`)).status).toBe(404);
    expect((await lonely.call('POST', `/api/threads/${thread.id}/read`)).status).toBe(404);

    expect(await inboxOf(users.U)).toEqual({ unread: 0, items: [] });
    expect((await anonymousCall(s.url, 'GET', '/api/me/inbox')).status).toBe(401);
  });

  it('refuses a limit that is not a whole number from 1 to 200', async () => {
    for (const limit of ['0', '201', 'abc', '1.5']) {
      expect((await users.C.call('GET', `/api/me/inbox?limit=${limit}`)).status, limit).toBe(400);
    }
    expect((await users.C.call('GET', '/api/me/inbox?limit=200')).status).toBe(200);
  });
});

describe('anchor labels and departments', () => {
  it('labels a thread with its card, stage, lane or persona, and keeps the label when the card goes', async () => {
    const { mapId, ids } = await newMap();
    // A card text with line breaks, runs of spaces and more than 80 characters.
    const long = `Recibe la alerta de viaje ${'y'.repeat(100)}`;
    await onMapDoc(mapId, (doc) => {
      const card = doc.getMap<Y.Map<unknown>>('cards').get(ids.card.id);
      const body = card?.get('body');
      if (!(body instanceof Y.XmlFragment)) throw new Error('the card has no body');
      replaceWithParagraphs(body, ['  Recibe la', 'alerta   de viaje ' + 'y'.repeat(100)]);
    });
    const expected = {
      card: `${long.slice(0, 79)}…`,
      stage: ids.stage.name,
      lane: ids.lane.name,
      persona: ids.persona.name,
    };
    const created: Record<string, CommentThreadJson> = {};
    for (const kind of ['card', 'stage', 'lane', 'persona'] as const) {
      created[kind] = await openThread(users.E, mapId, `Sobre ${kind}`, {
        anchor: { kind, id: ids[kind].id },
      });
      expect(created[kind]?.anchorLabel, kind).toBe(expected[kind]);
    }
    expect(expected.card).toHaveLength(80);
    expect((await openThread(users.E, mapId, 'Todo el mapa')).anchorLabel).toBeUndefined();

    await onMapDoc(mapId, (doc) => doc.getMap('cards').delete(ids.card.id));
    const { threads } = await users.O.json<{ threads: CommentThreadJson[] }>(
      'GET',
      `/api/maps/${mapId}/threads`,
    );
    expect(threads.find((t) => t.id === created.card?.id)).toMatchObject({
      anchor: { kind: 'card', id: ids.card.id },
      anchorLabel: expected.card,
    });
  });

  it("shows each author's department in the API and in the live mirror", async () => {
    const { mapId, ids } = await newMap();
    const thread = await openThread(users.C, mapId, 'Desde Digital', {
      anchor: { kind: 'map' },
    });
    await reply(users.E, thread.id, 'Desde Ventas');
    const { threads } = await users.V.json<{ threads: CommentThreadJson[] }>(
      'GET',
      `/api/maps/${mapId}/threads`,
    );
    expect(threads[0]?.messages.map((m) => m.authorDepartment)).toEqual(['digital', 'sales']);

    // The mirror holds the same values (its reader keeps the new fields).
    await openThread(users.C, mapId, 'Sobre la etapa', {
      anchor: { kind: 'stage', id: ids.stage.id },
    });
    const connection = await s.hocuspocus.openDirectConnection(commentsDocName(mapId as MapId), {});
    try {
      await expect
        .poll(() => {
          const doc = connection.document;
          return doc ? readCommentThreads(doc) : [];
        })
        .toEqual(
          (
            await users.V.json<{ threads: CommentThreadJson[] }>(
              'GET',
              `/api/maps/${mapId}/threads`,
            )
          ).threads,
        );
      const mirrored = connection.document ? readCommentThreads(connection.document) : [];
      expect(mirrored.map((t) => t.anchorLabel)).toEqual([undefined, ids.stage.name]);
      expect(mirrored[0]?.messages.map((m) => m.authorDepartment)).toEqual(['digital', 'sales']);
    } finally {
      await connection.disconnect();
    }
  });
});
