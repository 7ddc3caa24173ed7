import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readMap, votesDocName, type MapId } from '../../shared/index.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { connectClient, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';
import type { MyRoundJson, RoundJson } from '../votes/roundJson.ts';
import { VOTES_ROOT } from '../votes/votesMirror.ts';

// Dot voting (issue 14) over HTTP and in the live `map:<id>/votes` document. Runs on SQLite, and
// on PostgreSQL with the server-postgres project (TEST_STORAGE=postgres).
let s: TestServer;
type Who = 'O' | 'E' | 'C' | 'V' | 'U' | 'X';
const users = {} as Record<Who, TestUser>;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['O', 'E', 'C', 'V', 'U', 'X'] as const) {
    users[key] = await signUpUser(s.url, { name: `Persona ${key}` });
  }
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await s.dispose();
});

interface Board {
  mapId: MapId;
  /** Pain-point cards, then opportunity cards, each in board order. */
  pains: string[];
  opportunities: string[];
  /** A card of another lane kind (not votable). */
  other: string;
}

/** A map from a template with pain points and opportunities, and one member of every role. */
async function newBoard(): Promise<Board> {
  const mapId = (await createMapAs(users.O, {
    title: 'Votación',
    template: 'ecommerce-purchase',
  })) as MapId;
  for (const [key, role] of [
    ['E', 'editor'],
    ['C', 'commenter'],
    ['V', 'viewer'],
    ['U', 'customer'],
  ] as const) {
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: users[key].email, role },
      201,
    );
  }
  return withMapDocument(s.hocuspocus, mapId, (doc) => {
    const view = readMap(doc);
    const ofKind = (kind: string) => {
      const lanes = new Set(view.lanes.filter((l) => l.kind === kind).map((l) => l.id));
      return view.cards.filter((c) => lanes.has(c.laneId)).map((c) => c.id);
    };
    const other = ofKind('touchpoints')[0] ?? ofKind('actions')[0];
    if (!other) throw new Error('the template has no touchpoint or action card');
    return { mapId, pains: ofKind('pain-points'), opportunities: ofKind('opportunities'), other };
  });
}

async function start(board: Board, votesPerPerson: number, cardIds?: string[]) {
  return users.O.json<{ id: string; round: MyRoundJson }>(
    'POST',
    `/api/maps/${board.mapId}/vote-rounds`,
    cardIds ? { votesPerPerson, cardIds } : { votesPerPerson },
    201,
  );
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

function vote(who: Who, roundId: string, cardId: string): Promise<Response> {
  return users[who].call('POST', `/api/vote-rounds/${roundId}/votes`, { cardId });
}

async function connectVotes(mapId: MapId, user: TestUser): Promise<TestClient> {
  const client = connectClient(s.url, votesDocName(mapId), { token: user.token });
  open.push(client);
  await client.synced;
  return client;
}

function liveRound(client: TestClient, id: string): Record<string, unknown> | undefined {
  return client.doc.getMap<Record<string, unknown>>(VOTES_ROOT).get(id);
}

describe('dot voting: /api/maps/:id/vote-rounds and /api/vote-rounds/:id', () => {
  it('starts a round on every pain point and opportunity by default, in board order', async () => {
    const board = await newBoard();
    expect(board.pains.length).toBeGreaterThan(1);
    expect(board.opportunities.length).toBeGreaterThan(0);
    const { id, round } = await start(board, 3);
    expect(round).toMatchObject({
      id,
      mapId: board.mapId,
      status: 'open',
      votesPerPerson: 3,
      closedAt: null,
      createdBy: users.O.id,
      createdByName: 'Persona O',
      voters: 0,
      myVotes: [],
      results: null,
    });
    expect([...round.cardIds].sort()).toEqual([...board.pains, ...board.opportunities].sort());
    const { rounds } = await users.V.json<{ rounds: MyRoundJson[] }>(
      'GET',
      `/api/maps/${board.mapId}/vote-rounds`,
    );
    expect(rounds.map((r) => r.id)).toEqual([id]);
  });

  it('starts a round on chosen cards only, refusing cards that are not pain points or opportunities', async () => {
    const board = await newBoard();
    const [first] = board.opportunities;
    if (!first) throw new Error('no opportunity');
    const { round } = await start(board, 1, [first]);
    expect(round.cardIds).toEqual([first]);
    await users.O.json('POST', `/api/vote-rounds/${round.id}/close`, {}, 200);

    for (const cardIds of [[board.other], ['no-such-card']]) {
      const refused = await users.O.call('POST', `/api/maps/${board.mapId}/vote-rounds`, {
        votesPerPerson: 2,
        cardIds,
      });
      expect(refused.status).toBe(400);
      expect(await errorCode(refused)).toBe('unknown-card');
    }
    for (const body of [{ votesPerPerson: 0 }, { votesPerPerson: 21 }, { votesPerPerson: 2.5 }]) {
      const refused = await users.O.call('POST', `/api/maps/${board.mapId}/vote-rounds`, body);
      expect(refused.status).toBe(400);
    }
  });

  it('keeps one open round per map (409 round-open), also when two start together', async () => {
    const board = await newBoard();
    const both = await Promise.all([
      users.O.call('POST', `/api/maps/${board.mapId}/vote-rounds`, { votesPerPerson: 2 }),
      users.E.call('POST', `/api/maps/${board.mapId}/vote-rounds`, { votesPerPerson: 2 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = both.find((r) => r.status === 409);
    expect(loser && (await errorCode(loser))).toBe('round-open');
    const { rounds } = await users.O.json<{ rounds: MyRoundJson[] }>(
      'GET',
      `/api/maps/${board.mapId}/vote-rounds`,
    );
    expect(rounds.filter((r) => r.status === 'open')).toHaveLength(1);
  });

  it('checks every vote: the limit, one per card, cards of the round, and taking a vote back', async () => {
    const board = await newBoard();
    const [a, b, c] = board.pains.concat(board.opportunities);
    if (!a || !b || !c) throw new Error('not enough cards');
    const { id } = await start(board, 2);

    const first = await vote('C', id, a);
    expect(first.status).toBe(201);
    expect(((await first.json()) as { round: MyRoundJson }).round.myVotes).toEqual([a]);
    const again = await vote('C', id, a);
    expect([again.status, await errorCode(again)]).toEqual([409, 'already-voted']);
    expect((await vote('C', id, b)).status).toBe(201);
    const over = await vote('C', id, c);
    expect([over.status, await errorCode(over)]).toEqual([409, 'no-votes-left']);
    const outside = await vote('C', id, board.other);
    expect([outside.status, await errorCode(outside)]).toEqual([400, 'card-not-in-round']);

    const back = await users.C.json<{ round: MyRoundJson }>(
      'DELETE',
      `/api/vote-rounds/${id}/votes/${b}`,
    );
    expect(back.round.myVotes).toEqual([a]);
    expect((await vote('C', id, c)).status).toBe(201);
    const mine = await users.C.json<{ round: MyRoundJson }>('GET', `/api/vote-rounds/${id}`);
    expect([...mine.round.myVotes].sort()).toEqual([a, c].sort());
  });

  it('never lets concurrent votes of one person exceed the limit', async () => {
    const board = await newBoard();
    const cards = board.pains.concat(board.opportunities);
    expect(cards.length).toBeGreaterThanOrEqual(4);
    const { id } = await start(board, 2);
    const responses = await Promise.all(cards.map((card) => vote('E', id, card)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((st) => st === 201)).toHaveLength(2);
    expect(statuses.filter((st) => st === 409)).toHaveLength(cards.length - 2);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(await errorCode(response)).toBe('no-votes-left');
    }
    const { round } = await users.E.json<{ round: MyRoundJson }>('GET', `/api/vote-rounds/${id}`);
    expect(round.myVotes).toHaveLength(2);
    await users.O.json('POST', `/api/vote-rounds/${id}/close`, {}, 200);
    const { round: closed } = await users.O.json<{ round: MyRoundJson }>(
      'GET',
      `/api/vote-rounds/${id}`,
    );
    expect(closed.results?.reduce((sum, r) => sum + r.votes, 0)).toBe(2);
  });

  it('hides per-card counts and who voted while open, over HTTP and in the live document', async () => {
    const board = await newBoard();
    const [a, b] = board.pains;
    if (!a || !b) throw new Error('not enough cards');
    const { id } = await start(board, 3);
    const live = await connectVotes(board.mapId, users.V);
    await vi.waitFor(() => expect(liveRound(live, id)).toMatchObject({ status: 'open' }));

    expect((await vote('O', id, a)).status).toBe(201);
    expect((await vote('E', id, a)).status).toBe(201);
    expect((await vote('E', id, b)).status).toBe(201);

    const seenByViewer = await users.V.json<{ round: MyRoundJson }>(
      'GET',
      `/api/vote-rounds/${id}`,
    );
    expect(seenByViewer.round).toMatchObject({ voters: 2, myVotes: [], results: null });
    const text = JSON.stringify(seenByViewer.round);
    expect(text).not.toContain(users.E.id);
    expect(text).not.toContain('"votes"');

    await vi.waitFor(() => expect(liveRound(live, id)).toMatchObject({ voters: 2, results: null }));
    const document = JSON.stringify(live.doc.getMap(VOTES_ROOT).toJSON());
    expect(document).not.toContain(users.E.id);
    expect(liveRound(live, id)).not.toHaveProperty('myVotes');
    expect(Object.keys(liveRound(live, id) ?? {}).sort()).toEqual(
      [
        'cardIds',
        'closedAt',
        'createdAt',
        'createdBy',
        'createdByName',
        'id',
        'mapId',
        'results',
        'status',
        'voters',
        'votesPerPerson',
      ].sort(),
    );
  });

  it('closes a round: ranked results for everyone, then no more votes', async () => {
    const board = await newBoard();
    const [a, b, c] = board.pains.concat(board.opportunities);
    if (!a || !b || !c) throw new Error('not enough cards');
    const { id, round } = await start(board, 3, [c, a, b]);
    const live = await connectVotes(board.mapId, users.C);
    for (const [who, card] of [
      ['O', c],
      ['E', c],
      ['C', c],
      ['E', b],
    ] as const) {
      expect((await vote(who, id, card)).status).toBe(201);
    }
    const refused = await users.C.call('POST', `/api/vote-rounds/${id}/close`, {});
    expect(refused.status).toBe(403);

    const { round: closed } = await users.E.json<{ round: MyRoundJson }>(
      'POST',
      `/api/vote-rounds/${id}/close`,
      {},
    );
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.voters).toBe(3);
    // votes desc, then board order (a before b before c): the tie at 0 keeps a first.
    expect(closed.results).toEqual([
      { cardId: c, votes: 3 },
      { cardId: b, votes: 1 },
      { cardId: a, votes: 0 },
    ]);
    expect(round.cardIds).toEqual([a, b, c]);
    await vi.waitFor(() => {
      const shown = liveRound(live, id) as RoundJson | undefined;
      expect(shown?.status).toBe('closed');
      expect(shown?.results).toEqual(closed.results);
    });

    const late = await vote('V', id, a);
    expect([late.status, await errorCode(late)]).toEqual([409, 'round-closed']);
    const takeBack = await users.E.call('DELETE', `/api/vote-rounds/${id}/votes/${b}`);
    expect([takeBack.status, await errorCode(takeBack)]).toEqual([409, 'round-closed']);
    const twice = await users.O.call('POST', `/api/vote-rounds/${id}/close`, {});
    expect([twice.status, await errorCode(twice)]).toEqual([409, 'round-closed']);
    // A new round may start once the previous one is closed.
    await start(board, 1);
  });

  it('refuses a forged vote: the voter is always the session, a body naming anyone is a 400', async () => {
    const board = await newBoard();
    const [a] = board.pains;
    if (!a) throw new Error('no card');
    const { id } = await start(board, 2);
    for (const body of [
      { cardId: a, userId: users.E.id },
      { cardId: a, voterId: users.E.id },
      { cardId: a, user: { id: users.E.id } },
      { cardId: [a] },
      {},
    ]) {
      const forged = await users.V.call('POST', `/api/vote-rounds/${id}/votes`, body);
      expect(forged.status, JSON.stringify(body)).toBe(400);
    }
    const startForged = await users.O.call('POST', `/api/maps/${board.mapId}/vote-rounds`, {
      votesPerPerson: 2,
      createdBy: users.E.id,
    });
    expect(startForged.status).toBe(400);
    for (const who of ['E', 'V'] as const) {
      const { round } = await users[who].json<{ round: MyRoundJson }>(
        'GET',
        `/api/vote-rounds/${id}`,
      );
      expect(round.myVotes).toEqual([]);
      expect(round.voters).toBe(0);
    }
  });

  it('lets every internal role vote, only owners and editors run rounds; customers and strangers learn nothing', async () => {
    const board = await newBoard();
    const cards = board.pains.concat(board.opportunities);
    for (const who of ['C', 'V'] as const) {
      const refused = await users[who].call('POST', `/api/maps/${board.mapId}/vote-rounds`, {
        votesPerPerson: 1,
      });
      expect(refused.status, who).toBe(403);
    }
    const { id } = await start(board, 5);
    for (const [i, who] of (['O', 'E', 'C', 'V'] as const).entries()) {
      expect((await vote(who, id, cards[i] ?? '')).status, who).toBe(201);
    }
    for (const who of ['U', 'X'] as const) {
      expect((await vote(who, id, cards[0] ?? '')).status, who).toBe(404);
      expect((await users[who].call('GET', `/api/vote-rounds/${id}`)).status, who).toBe(404);
      expect(
        (await users[who].call('DELETE', `/api/vote-rounds/${id}/votes/${cards[0] ?? ''}`)).status,
        who,
      ).toBe(404);
      expect((await users[who].call('POST', `/api/vote-rounds/${id}/close`, {})).status, who).toBe(
        404,
      );
    }
    expect((await users.U.call('GET', `/api/maps/${board.mapId}/vote-rounds`)).status).toBe(403);
    expect((await users.X.call('GET', `/api/maps/${board.mapId}/vote-rounds`)).status).toBe(404);
    const { round } = await users.O.json<{ round: MyRoundJson }>('GET', `/api/vote-rounds/${id}`);
    expect(round.voters).toBe(4);
    expect((await users.O.call('GET', '/api/vote-rounds/no-such-round')).status).toBe(404);
  });

  it('rebuilds the live document from storage when it loads', async () => {
    const board = await newBoard();
    const [a] = board.pains;
    if (!a) throw new Error('no card');
    const { id } = await start(board, 1);
    expect((await vote('E', id, a)).status).toBe(201);
    // A client connecting later sees what is stored (filled on load, or kept up to date since).
    const live = await connectVotes(board.mapId, users.E);
    expect(liveRound(live, id)).toMatchObject({ id, status: 'open', voters: 1, results: null });
  });
});
