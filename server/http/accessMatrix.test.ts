import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMap, type MapId } from '../../shared/index.ts';
import { addCard } from '../../shared/operations/cards.ts';
import { addLane } from '../../shared/operations/lanes.ts';
import { customerIdOf } from '../customer/customerIds.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// Every role x every /api/maps route. Letters: O owner, E editor, C commenter, V viewer,
// U customer, X signed-in non-member, A anonymous. The expectations are written out by hand:
// allowed roles get the success status, other members 403 (404 where a route hides what exists
// from them: customers never learn a comment thread's id), non-members 404, anonymous 401.
const CALLERS = ['O', 'E', 'C', 'V', 'U', 'X', 'A'] as const;
type Caller = (typeof CALLERS)[number];

interface Fixture {
  mapId: string;
  /** An editor link, and a customer link. */
  inviteId: string;
  customerInviteId: string;
  /** The opaque id customers see for the map's first stage. */
  stageId: string;
  /** A thread the owner opened on the whole map, and its first message. */
  threadId: string;
  messageId: string;
  /** A named version the owner saved. */
  versionId: string;
  /** An action owned by the owner, and one owned by the commenter (issue 14). */
  actionId: string;
  commenterActionId: string;
}

interface RouteCase {
  name: string;
  allowed: string;
  success: number;
  /** Members who get 404 instead of 403 (they may not even learn the resource exists). */
  hiddenFrom?: string;
  call: (
    as: (method: string, path: string, body?: unknown) => Promise<Response>,
    f: Fixture,
  ) => Promise<Response>;
}

let s: TestServer;
const users = {} as Record<Exclude<Caller, 'A'> | 'T' | 'S', TestUser>;

const ROUTES: RouteCase[] = [
  {
    name: 'GET /api/maps/:id',
    allowed: 'OECVU',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}`),
  },
  {
    name: 'PATCH /api/maps/:id',
    allowed: 'OE',
    success: 200,
    call: (as, f) => as('PATCH', `/api/maps/${f.mapId}`, { title: 'Nuevo título' }),
  },
  {
    name: 'DELETE /api/maps/:id',
    allowed: 'O',
    success: 204,
    call: (as, f) => as('DELETE', `/api/maps/${f.mapId}`),
  },
  {
    name: 'GET /api/maps/:id/members',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/members`),
  },
  {
    name: 'POST /api/maps/:id/members',
    allowed: 'O',
    success: 201,
    call: (as, f) =>
      as('POST', `/api/maps/${f.mapId}/members`, { email: users.S.email, role: 'viewer' }),
  },
  {
    name: 'PATCH /api/maps/:id/members/:userId',
    allowed: 'O',
    success: 200,
    call: (as, f) =>
      as('PATCH', `/api/maps/${f.mapId}/members/${users.T.id}`, { role: 'commenter' }),
  },
  {
    name: 'DELETE /api/maps/:id/members/:userId (someone else)',
    allowed: 'O',
    success: 204,
    call: (as, f) => as('DELETE', `/api/maps/${f.mapId}/members/${users.T.id}`),
  },
  {
    name: 'POST /api/maps/:id/members/role-changes/seen',
    allowed: 'O',
    success: 204,
    call: (as, f) => as('POST', `/api/maps/${f.mapId}/members/role-changes/seen`),
  },
  {
    name: 'GET /api/maps/:id/invites',
    allowed: 'OE',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/invites`),
  },
  {
    name: 'POST /api/maps/:id/invites (an internal role)',
    allowed: 'O',
    success: 201,
    call: (as, f) => as('POST', `/api/maps/${f.mapId}/invites`, { role: 'viewer' }),
  },
  {
    name: 'POST /api/maps/:id/invites (a customer link)',
    allowed: 'OE',
    success: 201,
    call: (as, f) =>
      as('POST', `/api/maps/${f.mapId}/invites`, { role: 'customer', label: 'Entrevista' }),
  },
  {
    name: 'DELETE /api/maps/:id/invites/:inviteId (an editor link)',
    allowed: 'O',
    success: 204,
    // Editors manage customer links only: an internal link is not even there for them.
    hiddenFrom: 'E',
    call: (as, f) => as('DELETE', `/api/maps/${f.mapId}/invites/${f.inviteId}`),
  },
  {
    name: 'DELETE /api/maps/:id/invites/:inviteId (a customer link)',
    allowed: 'OE',
    success: 204,
    call: (as, f) => as('DELETE', `/api/maps/${f.mapId}/invites/${f.customerInviteId}`),
  },
  {
    name: 'GET /api/maps/:id/feedback/mine',
    allowed: 'U',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/feedback/mine`),
  },
  {
    name: 'PUT /api/maps/:id/feedback/stages/:stageId',
    allowed: 'U',
    success: 200,
    call: (as, f) => as('PUT', `/api/maps/${f.mapId}/feedback/stages/${f.stageId}`, { emotion: 1 }),
  },
  {
    name: 'POST /api/maps/:id/feedback/missing',
    allowed: 'U',
    success: 201,
    call: (as, f) =>
      as('POST', `/api/maps/${f.mapId}/feedback/missing`, { stageId: f.stageId, note: 'Llamé' }),
  },
  {
    name: 'PUT /api/maps/:id/feedback/about',
    allowed: 'U',
    success: 200,
    call: (as, f) => as('PUT', `/api/maps/${f.mapId}/feedback/about`, { firstName: 'Ana' }),
  },
  {
    name: 'POST /api/maps/:id/feedback/submit',
    allowed: 'U',
    success: 200,
    call: (as, f) => as('POST', `/api/maps/${f.mapId}/feedback/submit`),
  },
  {
    name: 'GET /api/maps/:id/validation',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/validation`),
  },
  {
    name: 'PATCH /api/maps/:id/validation/settings',
    allowed: 'OE',
    success: 200,
    call: (as, f) =>
      as('PATCH', `/api/maps/${f.mapId}/validation/settings`, { minAnswers: 2, majority: 0.5 }),
  },
  {
    name: 'GET /api/maps/:id/threads',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/threads`),
  },
  {
    name: 'POST /api/maps/:id/threads',
    allowed: 'OEC',
    success: 201,
    call: (as, f) =>
      as('POST', `/api/maps/${f.mapId}/threads`, { anchor: { kind: 'map' }, body: 'Hola' }),
  },
  {
    name: 'POST /api/threads/:id/messages',
    allowed: 'OEC',
    success: 201,
    hiddenFrom: 'U',
    call: (as, f) => as('POST', `/api/threads/${f.threadId}/messages`, { body: 'Respuesta' }),
  },
  {
    name: "PATCH /api/threads/:id (someone else's thread)",
    allowed: 'OE',
    success: 200,
    hiddenFrom: 'U',
    call: (as, f) => as('PATCH', `/api/threads/${f.threadId}`, { resolved: true }),
  },
  {
    name: 'GET /api/maps/:id/comment-reads',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/comment-reads`),
  },
  {
    name: 'POST /api/threads/:id/read',
    allowed: 'OECV',
    success: 204,
    hiddenFrom: 'U',
    call: (as, f) => as('POST', `/api/threads/${f.threadId}/read`, {}),
  },
  {
    name: "PATCH /api/messages/:id (the owner's message)",
    allowed: 'O',
    success: 200,
    hiddenFrom: 'U',
    call: (as, f) => as('PATCH', `/api/messages/${f.messageId}`, { body: 'Editado' }),
  },
  {
    name: "DELETE /api/messages/:id (the owner's message)",
    allowed: 'O',
    success: 204,
    hiddenFrom: 'U',
    call: (as, f) => as('DELETE', `/api/messages/${f.messageId}`),
  },
  {
    name: 'GET /api/maps/:id/versions',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/versions`),
  },
  {
    name: 'POST /api/maps/:id/versions',
    allowed: 'OE',
    success: 201,
    call: (as, f) => as('POST', `/api/maps/${f.mapId}/versions`, { name: 'Antes del taller' }),
  },
  {
    name: 'GET /api/maps/:id/versions/:vid',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/versions/${f.versionId}`),
  },
  {
    name: 'POST /api/maps/:id/versions/:vid/restore',
    allowed: 'OE',
    success: 200,
    call: (as, f) => as('POST', `/api/maps/${f.mapId}/versions/${f.versionId}/restore`, {}),
  },
  {
    name: 'POST /api/maps/:id/copy',
    allowed: 'OE',
    success: 201,
    call: (as, f) => as('POST', `/api/maps/${f.mapId}/copy`, { title: 'Matriz (TO-BE)' }),
  },
  {
    name: 'GET /api/maps/:id/export?format=json',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/export?format=json`),
  },
  {
    name: 'GET /api/maps/:id/export?format=csv',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/export?format=csv`),
  },
  {
    name: 'GET /api/maps/:id/actions',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/actions`),
  },
  {
    name: 'POST /api/maps/:id/actions',
    allowed: 'OE',
    success: 201,
    call: (as, f) =>
      as('POST', `/api/maps/${f.mapId}/actions`, { title: 'Nueva', ownerId: users.V.id }),
  },
  {
    name: "PATCH /api/actions/:id (any field of the owner's action)",
    allowed: 'OE',
    success: 200,
    hiddenFrom: 'U',
    call: (as, f) => as('PATCH', `/api/actions/${f.actionId}`, { title: 'Cambiada' }),
  },
  {
    name: "PATCH /api/actions/:id (the status of the commenter's action)",
    allowed: 'OEC',
    success: 200,
    hiddenFrom: 'U',
    call: (as, f) => as('PATCH', `/api/actions/${f.commenterActionId}`, { status: 'done' }),
  },
  {
    name: 'DELETE /api/actions/:id',
    allowed: 'OE',
    success: 204,
    hiddenFrom: 'U',
    call: (as, f) => as('DELETE', `/api/actions/${f.actionId}`),
  },
  {
    name: 'GET /api/maps/:id/actions/export?format=csv',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/actions/export?format=csv`),
  },
  {
    name: 'GET /api/maps/:id/actions/export?format=xlsx',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/actions/export?format=xlsx`),
  },
];

// Dot voting (issue 14): every internal role votes and reads rounds, owners and editors run them;
// customers never learn a round's id. Each call starts from an open round the owner started on
// one pain-point card added to the fixture's map.
async function openVoteRound(f: Fixture): Promise<{ roundId: string; cardId: string }> {
  const cardId = await withMapDocument(s.hocuspocus, f.mapId as MapId, (doc) => {
    const view = readMap(doc);
    const stage = view.stages[0];
    if (!stage) throw new Error('the map has no stage');
    const laneId =
      view.lanes.find((lane) => lane.kind === 'pain-points')?.id ??
      addLane(doc, { kind: 'pain-points', title: 'Puntos de dolor' });
    return addCard(doc, { stageId: stage.id, laneId, text: 'Espera larga' });
  });
  const { id } = await users.O.json<{ id: string }>(
    'POST',
    `/api/maps/${f.mapId}/vote-rounds`,
    { votesPerPerson: 2, cardIds: [cardId] },
    201,
  );
  return { roundId: id, cardId };
}

ROUTES.push(
  {
    name: 'POST /api/maps/:id/vote-rounds',
    allowed: 'OE',
    success: 201,
    call: async (as, f) => {
      const { roundId } = await openVoteRound(f);
      await users.O.json('POST', `/api/vote-rounds/${roundId}/close`, {}, 200);
      return as('POST', `/api/maps/${f.mapId}/vote-rounds`, { votesPerPerson: 3 });
    },
  },
  {
    name: 'GET /api/maps/:id/vote-rounds',
    allowed: 'OECV',
    success: 200,
    call: (as, f) => as('GET', `/api/maps/${f.mapId}/vote-rounds`),
  },
  {
    name: 'GET /api/vote-rounds/:id',
    allowed: 'OECV',
    success: 200,
    hiddenFrom: 'U',
    call: async (as, f) => as('GET', `/api/vote-rounds/${(await openVoteRound(f)).roundId}`),
  },
  {
    name: 'POST /api/vote-rounds/:id/votes',
    allowed: 'OECV',
    success: 201,
    hiddenFrom: 'U',
    call: async (as, f) => {
      const { roundId, cardId } = await openVoteRound(f);
      return as('POST', `/api/vote-rounds/${roundId}/votes`, { cardId });
    },
  },
  {
    name: 'DELETE /api/vote-rounds/:id/votes/:cardId',
    allowed: 'OECV',
    success: 200,
    hiddenFrom: 'U',
    call: async (as, f) => {
      const { roundId, cardId } = await openVoteRound(f);
      return as('DELETE', `/api/vote-rounds/${roundId}/votes/${cardId}`);
    },
  },
  {
    name: 'POST /api/vote-rounds/:id/close',
    allowed: 'OE',
    success: 200,
    hiddenFrom: 'U',
    call: async (as, f) =>
      as('POST', `/api/vote-rounds/${(await openVoteRound(f)).roundId}/close`, {}),
  },
);

const ROLE_OF: Record<'E' | 'C' | 'V' | 'U' | 'T', string> = {
  E: 'editor',
  C: 'commenter',
  V: 'viewer',
  U: 'customer',
  T: 'viewer',
};

/** A fresh map with one member of every role, a target member T and an invite. */
async function fixture(): Promise<Fixture> {
  const owner = users.O;
  const mapId = await createMapAs(owner, { title: 'Matriz' });
  for (const key of ['E', 'C', 'V', 'U', 'T'] as const) {
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: users[key].email, role: ROLE_OF[key] },
      201,
    );
  }
  const invite = await owner.json<{ id: string }>(
    'POST',
    `/api/maps/${mapId}/invites`,
    { role: 'editor' },
    201,
  );
  const customerInvite = await owner.json<{ id: string }>(
    'POST',
    `/api/maps/${mapId}/invites`,
    { role: 'customer' },
    201,
  );
  const secret = await s.storage.maps.customerSecret(mapId as MapId);
  const firstStage = await withMapDocument(
    s.hocuspocus,
    mapId as MapId,
    (doc) => readMap(doc).stages[0]?.id ?? '',
  );
  const thread = await owner.json<{ id: string; messages: { id: string }[] }>(
    'POST',
    `/api/maps/${mapId}/threads`,
    { anchor: { kind: 'map' }, body: 'Primer comentario' },
    201,
  );
  const { version } = await owner.json<{ version: { id: string } }>(
    'POST',
    `/api/maps/${mapId}/versions`,
    { name: 'Punto de partida' },
    201,
  );
  const action = await owner.json<{ action: { id: string } }>(
    'POST',
    `/api/maps/${mapId}/actions`,
    { title: 'Acción del dueño', ownerId: owner.id },
    201,
  );
  const commenterAction = await owner.json<{ action: { id: string } }>(
    'POST',
    `/api/maps/${mapId}/actions`,
    { title: 'Acción de C', ownerId: users.C.id },
    201,
  );
  return {
    actionId: action.action.id,
    commenterActionId: commenterAction.action.id,
    mapId,
    versionId: version.id,
    inviteId: invite.id,
    customerInviteId: customerInvite.id,
    stageId: customerIdOf(secret, firstStage),
    threadId: thread.id,
    messageId: thread.messages[0]?.id ?? '',
  };
}

function caller(who: Caller) {
  return (method: string, path: string, body?: unknown) =>
    who === 'A' ? anonymousCall(s.url, method, path, body) : users[who].call(method, path, body);
}

function expectedStatus(route: RouteCase, who: Caller): number {
  if (who === 'A') return 401;
  if (who === 'X' || route.hiddenFrom?.includes(who)) return 404;
  return route.allowed.includes(who) ? route.success : 403;
}

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['O', 'E', 'C', 'V', 'U', 'X', 'T', 'S'] as const) {
    users[key] = await signUpUser(s.url, { name: `User ${key}` });
  }
});

afterAll(async () => {
  await s.dispose();
});

describe('access matrix of the HTTP API (every role x every /api/maps route)', () => {
  for (const route of ROUTES) {
    it(`${route.name}: allowed for ${route.allowed}, 403 for other members${route.hiddenFrom ? ` (404 for ${route.hiddenFrom})` : ''}, 404 for non-members, 401 anonymous`, async () => {
      const seen: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const who of CALLERS) {
        const f = await fixture();
        const response = await route.call(caller(who), f);
        seen[who] = response.status;
        expected[who] = expectedStatus(route, who);
        // A refused call changed nothing: the owner still sees the map, its title and member T.
        if (response.status >= 400) {
          const map = await users.O.json<{ title: string }>('GET', `/api/maps/${f.mapId}`);
          expect(map.title).toBe('Matriz');
          const members = await users.O.json<{ members: { userId: string; role: string }[] }>(
            'GET',
            `/api/maps/${f.mapId}/members`,
          );
          expect(members.members.find((m) => m.userId === users.T.id)?.role).toBe('viewer');
          expect(members.members.some((m) => m.userId === users.S.id)).toBe(false);
          const { threads } = await users.O.json<{
            threads: { resolved: boolean; messages: { body: string }[] }[];
          }>('GET', `/api/maps/${f.mapId}/threads`);
          expect(threads).toEqual([
            expect.objectContaining({
              resolved: false,
              messages: [expect.objectContaining({ body: 'Primer comentario' })],
            }),
          ]);
          const { actions } = await users.O.json<{
            actions: { title: string; status: string }[];
          }>('GET', `/api/maps/${f.mapId}/actions`);
          expect(actions.map((a) => [a.title, a.status])).toEqual([
            ['Acción del dueño', 'todo'],
            ['Acción de C', 'todo'],
          ]);
        }
      }
      expect(seen).toEqual(expected);
    });
  }

  it('GET /api/maps lists a map, with my role, exactly to its members', async () => {
    const f = await fixture();
    for (const who of CALLERS) {
      const response = await caller(who)('GET', '/api/maps');
      if (who === 'A') {
        expect(response.status).toBe(401);
        continue;
      }
      const { maps } = (await response.json()) as { maps: { id: string; role: string }[] };
      const mine = maps.find((m) => m.id === f.mapId);
      const role = {
        O: 'owner',
        E: 'editor',
        C: 'commenter',
        V: 'viewer',
        U: 'customer',
        X: undefined,
      }[who];
      expect(mine?.role, who).toBe(role);
    }
  });

  it('GET /api/me/actions shows an action exactly to its owner, while an internal member', async () => {
    const f = await fixture();
    for (const who of CALLERS) {
      const response = await caller(who)('GET', '/api/me/actions');
      if (who === 'A') {
        expect(response.status).toBe(401);
        continue;
      }
      expect(response.status).toBe(200);
      const { actions } = (await response.json()) as { actions: { id: string }[] };
      const ids = actions.map((a) => a.id);
      expect(ids.includes(f.actionId), who).toBe(who === 'O');
      expect(ids.includes(f.commenterActionId), who).toBe(who === 'C');
    }
  });

  it('answers 404, not 403, for a map id that does not exist or is malformed', async () => {
    expect((await users.O.call('GET', '/api/maps/does-not-exist-000')).status).toBe(404);
    expect((await users.O.call('GET', '/api/maps/bad:id')).status).toBe(404);
  });
});
