import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  commentsDocName,
  customerDocName,
  mapDocName,
  validationDocName,
  type MapId,
} from '../../shared/index.ts';
import { connectClient, type ConnectOptions, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import {
  anonymousCall,
  asUser,
  createMapAs,
  sessionTokenFrom,
  signUpUser,
  type TestUser,
} from '../test/testUser.ts';

// Every role x every collaboration document of a map. W = connects read-write, R = connects
// read-only (its updates are neither applied, stored nor broadcast), '-' = refused.
// Callers: O owner, E editor, C commenter, V viewer, U customer, X non-member, A no session.
const EXPECTED: Record<
  'map' | 'comments' | 'customer' | 'validation',
  Record<Caller, 'W' | 'R' | '-'>
> = {
  map: { O: 'W', E: 'W', C: 'R', V: 'R', U: '-', X: '-', A: '-' },
  comments: { O: 'R', E: 'R', C: 'R', V: 'R', U: '-', X: '-', A: '-' },
  customer: { O: 'R', E: 'R', C: 'R', V: 'R', U: 'R', X: '-', A: '-' },
  validation: { O: 'R', E: 'R', C: 'R', V: 'R', U: '-', X: '-', A: '-' },
};
const CALLERS = ['O', 'E', 'C', 'V', 'U', 'X', 'A'] as const;
type Caller = (typeof CALLERS)[number];
const ROLE_OF = { E: 'editor', C: 'commenter', V: 'viewer', U: 'customer' } as const;

let s: TestServer;
let mapId: MapId;
const users = {} as Record<Exclude<Caller, 'A'>, TestUser>;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['O', 'E', 'C', 'V', 'U', 'X'] as const) users[key] = await signUpUser(s.url);
  mapId = (await createMapAs(users.O, { title: 'Colab', template: 'travel-alert-demo' })) as MapId;
  for (const key of ['E', 'C', 'V', 'U'] as const) {
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: users[key].email, role: ROLE_OF[key] },
      201,
    );
  }
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await s.dispose();
});

function connect(name: string, options: ConnectOptions): TestClient {
  const client = connectClient(s.url, name, options);
  open.push(client);
  return client;
}

type Outcome = { scope: string } | { refused: string };

/** Resolves with the scope the server granted, or the reason it refused the document. */
function outcome(client: TestClient): Promise<Outcome> {
  return new Promise((resolve) => {
    client.provider.on('authenticated', ({ scope }: { scope: string }) => resolve({ scope }));
    client.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
      resolve({ refused: reason }),
    );
  });
}

function logRows(name: string): Promise<number> {
  return s.storage.documents.tailLength(name);
}

async function storedHasKey(name: string, key: string): Promise<boolean> {
  const { snapshot, tail } = await s.storage.documents.load(name);
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...tail] : tail) Y.applyUpdate(doc, update);
  return doc.getMap('probe').has(key);
}

/**
 * Writes a probe key from `writer`, then announces an awareness marker after it. Messages of one
 * connection are handled in order, so once the server holds the marker it has handled the write.
 */
async function writeProbe(writer: TestClient, name: string, key: string): Promise<void> {
  writer.doc.getMap('probe').set(key, true);
  writer.provider.setAwarenessField('probe', key);
  await expect
    .poll(
      () => s.hocuspocus.documents.get(name)?.awareness.getStates().get(writer.doc.clientID)?.probe,
      {
        timeout: 10_000,
      },
    )
    .toBe(key);
}

describe('collaboration access matrix (every role x every document of a map)', () => {
  for (const kind of ['map', 'comments', 'customer', 'validation'] as const) {
    it(`${kind} document: ${Object.entries(EXPECTED[kind])
      .map(([who, what]) => `${who}=${what}`)
      .join(' ')}`, async () => {
      const name = {
        map: mapDocName,
        comments: commentsDocName,
        customer: customerDocName,
        validation: validationDocName,
      }[kind](mapId);
      const watcher = connect(name, { token: users.O.token });
      await watcher.synced;
      const seen: Record<string, string> = {};
      for (const who of CALLERS) {
        const client = connect(name, who === 'A' ? {} : { token: users[who].token });
        const result = await outcome(client);
        if ('refused' in result) {
          expect(result.refused).toBe(who === 'A' ? 'unauthenticated' : 'permission-denied');
          seen[who] = '-';
          continue;
        }
        seen[who] = result.scope === 'read-write' ? 'W' : 'R';
        await client.synced;
        const key = `${kind}-${who}`;
        const rowsBefore = await logRows(name);
        await writeProbe(client, name, key);
        const serverDoc = s.hocuspocus.documents.get(name);
        if (seen[who] === 'W') {
          await expect.poll(() => watcher.doc.getMap('probe').has(key)).toBe(true);
          expect(await logRows(name)).toBeGreaterThan(rowsBefore);
        } else {
          // Not applied, not stored, not broadcast.
          expect(serverDoc?.getMap('probe').has(key)).toBe(false);
          expect(await logRows(name)).toBe(rowsBefore);
          expect(await storedHasKey(name, key)).toBe(false);
          expect(watcher.doc.getMap('probe').has(key)).toBe(false);
        }
      }
      expect(seen).toEqual(EXPECTED[kind]);
    });
  }
});

describe('collaboration authentication', () => {
  it('accepts the session cookie on a same-origin upgrade and refuses it from another origin', async () => {
    const name = mapDocName(mapId);
    const cookie = `recorrido_session=${users.E.token}`;
    expect(await outcome(connect(name, { headers: { Cookie: cookie, Origin: s.url } }))).toEqual({
      scope: 'read-write',
    });
    expect(
      await outcome(connect(name, { headers: { Cookie: cookie, Origin: 'https://evil.example' } })),
    ).toEqual({ refused: 'unauthenticated' });
    expect(await outcome(connect(name, { headers: { Cookie: cookie } }))).toEqual({
      refused: 'unauthenticated',
    });
    expect(await outcome(connect(name, { token: 'forged.token' }))).toEqual({
      refused: 'unauthenticated',
    });
  });

  it('applies a role change to an open connection at once: closed with 4403, back read-only', async () => {
    const bob = await signUpUser(s.url);
    const other = (await createMapAs(users.O, { title: 'Otro' })) as MapId;
    for (const id of [mapId, other]) {
      await users.O.json(
        'POST',
        `/api/maps/${id}/members`,
        { email: bob.email, role: 'editor' },
        201,
      );
    }
    const name = mapDocName(mapId);
    const owner = connect(name, { token: users.O.token });
    const editor = connect(name, { token: bob.token });
    const elsewhere = connect(mapDocName(other), { token: bob.token });
    await Promise.all([owner.synced, editor.synced, elsewhere.synced]);
    expect(editor.provider.authorizedScope).toBe('read-write');
    const closes: number[] = [];
    editor.provider.on('close', ({ event }: { event: { code: number } }) =>
      closes.push(event.code),
    );
    const elsewhereCloses: number[] = [];
    elsewhere.provider.on('close', ({ event }: { event: { code: number } }) =>
      elsewhereCloses.push(event.code),
    );

    await users.O.json('PATCH', `/api/maps/${mapId}/members/${bob.id}`, { role: 'viewer' });
    await expect.poll(() => closes, { timeout: 10_000 }).toContain(4403);
    await expect.poll(() => editor.provider.authorizedScope, { timeout: 10_000 }).toBe('readonly');
    await expect.poll(() => editor.provider.isSynced, { timeout: 10_000 }).toBe(true);
    // The connection on the other map, where Bob is still editor, was left alone.
    expect(elsewhereCloses).toEqual([]);

    const rows = await logRows(name);
    await writeProbe(editor, name, 'after-demotion');
    expect(s.hocuspocus.documents.get(name)?.getMap('probe').has('after-demotion')).toBe(false);
    expect(owner.doc.getMap('probe').has('after-demotion')).toBe(false);
    expect(await logRows(name)).toBe(rows);

    const refused = new Promise<string>((resolve) =>
      editor.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        resolve(reason),
      ),
    );
    await users.O.call('DELETE', `/api/maps/${mapId}/members/${bob.id}`);
    expect(await refused).toBe('permission-denied');
  });

  it('closes the connections of a session when it logs out, and of every session on a password change', async () => {
    const carol = await signUpUser(s.url);
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: carol.email, role: 'viewer' },
      201,
    );
    const client = connect(mapDocName(mapId), { token: carol.token });
    await client.synced;
    const closes: number[] = [];
    client.provider.on('close', ({ event }: { event: { code: number } }) =>
      closes.push(event.code),
    );
    const refused = new Promise<string>((resolve) =>
      client.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        resolve(reason),
      ),
    );
    expect((await carol.call('POST', '/api/auth/logout')).status).toBe(204);
    expect(await refused).toBe('unauthenticated');
    expect(closes).toContain(4410);

    // Password change from another session (a second login) ends this one too.
    const login = await anonymousCall(s.url, 'POST', '/api/auth/login', {
      email: carol.email,
      password: 'correct horse battery',
    });
    const again = connect(mapDocName(mapId), { token: sessionTokenFrom(login) ?? '' });
    await again.synced;
    const secondRefusal = new Promise<string>((resolve) =>
      again.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        resolve(reason),
      ),
    );
    const other = await anonymousCall(s.url, 'POST', '/api/auth/login', {
      email: carol.email,
      password: 'correct horse battery',
    });
    const changed = await asUser(s.url, carol, sessionTokenFrom(other) ?? '').call(
      'PATCH',
      '/api/me/password',
      { currentPassword: 'correct horse battery', newPassword: 'another long secret' },
    );
    expect(changed.status).toBe(204);
    expect(await secondRefusal).toBe('unauthenticated');
  });
});
