import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addCard, mapDocName, readMap, validationDocName, type MapId } from '../../shared/index.ts';
import { readValidation, type ValidationJson, type Verdict } from '../../shared/validation.ts';
import { connectClient, type TestClient } from '../test/collabClient.ts';
import { writeJourney, type Journey } from '../test/journeyFixture.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import {
  anonymousCall,
  asUser,
  createMapAs,
  sessionTokenFrom,
  signUpUser,
  type TestUser,
} from '../test/testUser.ts';

// The team's side of customer feedback: GET /api/maps/:id/validation and its thresholds, the
// live read-only document map:<id>/validation, invite labels and response counts, customer links
// managed by editors, and validationState in the map list. Runs on SQLite, and on PostgreSQL
// with TEST_STORAGE=postgres.
let s: TestServer;
const users = {} as Record<'O' | 'E' | 'C' | 'V', TestUser>;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  for (const key of ['O', 'E', 'C', 'V'] as const) {
    users[key] = await signUpUser(s.url, { name: `Persona ${key}` });
  }
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await s.dispose();
});

interface InviteJson {
  id: string;
  role: string;
  token: string;
  label?: string;
  responses: number;
  status: string;
}

/** A map with a journey, its team (owner, editor, commenter, viewer) and a customer link. */
async function teamMap(): Promise<{ mapId: string; journey: Journey; link: InviteJson }> {
  const mapId = await createMapAs(users.O, { title: 'Validación' });
  for (const [key, role] of [
    ['E', 'editor'],
    ['C', 'commenter'],
    ['V', 'viewer'],
  ] as const) {
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: users[key].email, role },
      201,
    );
  }
  const journey = await writeJourney(s, mapId);
  const link = await users.E.json<InviteJson>(
    'POST',
    `/api/maps/${mapId}/invites`,
    { role: 'customer', label: 'Cliente 3, entrevista telefónica' },
    201,
  );
  return { mapId, journey, link };
}

async function customer(token: string, name = 'Cliente'): Promise<TestUser> {
  const accepted = await anonymousCall(s.url, 'POST', `/api/invites/${token}/accept`, { name });
  expect(accepted.status).toBe(200);
  return asUser(s.url, { id: '', email: '', name }, sessionTokenFrom(accepted) ?? '');
}

async function answer(
  who: TestUser,
  mapId: string,
  cardId: string,
  verdict: Verdict,
): Promise<void> {
  const body = verdict === 'different' ? { verdict, note: 'Fue distinto' } : { verdict };
  await who.json('PUT', `/api/maps/${mapId}/feedback/cards/${cardId}`, body);
}

function validation(mapId: string, as: TestUser = users.V): Promise<ValidationJson> {
  return as.json<ValidationJson>('GET', `/api/maps/${mapId}/validation`);
}

function stateOf(v: ValidationJson, cardId: string): string | undefined {
  return v.cards.find((card) => card.cardId === cardId)?.state;
}

describe('the validation of a map', () => {
  it('moves a card from assumed to validated or disputed with the default threshold', async () => {
    const { mapId, journey, link } = await teamMap();
    const [c1, c2] = journey.cards;
    const a = await customer(link.token, 'Ana');
    const b = await customer(link.token, 'Bruno');
    const c = await customer(link.token, 'Carla');

    const empty = await validation(mapId);
    expect(empty).toMatchObject({
      settings: { minAnswers: 3, majority: 2 / 3 },
      responses: { total: 0, submitted: 0 },
      state: 'assumed',
    });
    // Only the cards customers see, internal ids, map order.
    expect(empty.cards.map((card) => card.cardId)).toEqual(journey.cards);

    for (const who of [a, b]) {
      await answer(who, mapId, journey.opaque(c1), 'yes');
      await answer(who, mapId, journey.opaque(c2), 'yes');
    }
    // Two answers are below the default minimum of three.
    const two = await validation(mapId);
    expect(stateOf(two, c1)).toBe('assumed');
    expect(two.cards[0]).toMatchObject({ yes: 2, different: 0, notMe: 0 });
    expect(two.state).toBe('assumed');

    // The third: 3/3 yes on c1 (validated); 2 yes, 1 different on c2 (exactly 2/3: validated).
    await answer(c, mapId, journey.opaque(c1), 'yes');
    await answer(c, mapId, journey.opaque(c2), 'different');
    await c.json('PUT', `/api/maps/${mapId}/feedback/about`, { firstName: 'Carla' });
    const three = await validation(mapId);
    expect(stateOf(three, c1)).toBe('validated');
    expect(stateOf(three, c2)).toBe('validated');
    expect(three.cards[1]?.notes).toEqual([
      { verdict: 'different', note: 'Fue distinto', firstName: 'Carla', at: expect.any(String) },
    ]);
    expect(three.state).toBe('partly-validated');
    expect(three.responses).toEqual({ total: 3, submitted: 0 });

    // Ana changes her mind on c2: 1 yes, 2 different -> disputed.
    await answer(a, mapId, journey.opaque(c2), 'different');
    expect(stateOf(await validation(mapId), c2)).toBe('disputed');
    // Un-answering drops her back below the minimum.
    await a.json('DELETE', `/api/maps/${mapId}/feedback/cards/${journey.opaque(c2)}`);
    expect(stateOf(await validation(mapId), c2)).toBe('assumed');
  });

  it('follows a changed threshold, and only owners and editors change it', async () => {
    const { mapId, journey, link } = await teamMap();
    const [c1, c2, c3] = journey.cards;
    const a = await customer(link.token);
    const b = await customer(link.token);
    await answer(a, mapId, journey.opaque(c1), 'yes');
    await answer(b, mapId, journey.opaque(c1), 'yes');
    await answer(a, mapId, journey.opaque(c2), 'yes');
    await answer(b, mapId, journey.opaque(c2), 'different');
    expect(stateOf(await validation(mapId), c1)).toBe('assumed');

    const path = `/api/maps/${mapId}/validation/settings`;
    expect((await users.C.call('PATCH', path, { minAnswers: 2 })).status).toBe(403);
    expect((await users.V.call('PATCH', path, { minAnswers: 2 })).status).toBe(403);
    expect((await a.call('PATCH', path, { minAnswers: 2 })).status).toBe(403);
    for (const bad of [{ minAnswers: 0 }, { minAnswers: 51 }, { majority: 0.3 }, { x: 1 }]) {
      expect((await users.E.call('PATCH', path, bad)).status).toBe(400);
    }
    expect(await users.E.json('PATCH', path, { minAnswers: 2 })).toEqual({
      minAnswers: 2,
      majority: 2 / 3,
    });
    const two = await validation(mapId);
    expect(two.settings).toEqual({ minAnswers: 2, majority: 2 / 3 });
    expect(stateOf(two, c1)).toBe('validated');
    expect(stateOf(two, c2)).toBe('disputed'); // 1/2 < 2/3
    expect(two.state).toBe('partly-validated');
    expect(await users.O.json('PATCH', path, { majority: 0.5 })).toEqual({
      minAnswers: 2,
      majority: 0.5,
    });
    expect(stateOf(await validation(mapId), c2)).toBe('validated'); // 1/2 >= 1/2
    // The last card validated too: the whole map is validated.
    await answer(a, mapId, journey.opaque(c3), 'yes');
    await answer(b, mapId, journey.opaque(c3), 'yes');
    expect((await validation(mapId)).state).toBe('validated');
  });

  it('is refused to customers (403) and non-members (404)', async () => {
    const { mapId, link } = await teamMap();
    const a = await customer(link.token);
    expect((await a.call('GET', `/api/maps/${mapId}/validation`)).status).toBe(403);
    const outsider = await signUpUser(s.url);
    expect((await outsider.call('GET', `/api/maps/${mapId}/validation`)).status).toBe(404);
    for (const key of ['O', 'E', 'C', 'V'] as const) {
      expect((await users[key].call('GET', `/api/maps/${mapId}/validation`)).status).toBe(200);
    }
  });

  it('reaches an editor’s open validation document within a second, and a customer cannot open it', async () => {
    const { mapId, journey, link } = await teamMap();
    const name = validationDocName(mapId as MapId);
    const editor = connectClient(s.url, name, { token: users.E.token });
    open.push(editor);
    await editor.synced;
    expect(readValidation(editor.doc)).toMatchObject({
      state: 'assumed',
      cards: expect.any(Array),
    });

    const a = await customer(link.token, 'Ana');
    const started = Date.now();
    await answer(a, mapId, journey.opaque(journey.cards[0]), 'different');
    await pollUntil(() => readValidation(editor.doc)?.cards[0]?.different, 1);
    expect(Date.now() - started).toBeLessThan(1_000);
    await users.E.json('PATCH', `/api/maps/${mapId}/validation/settings`, { minAnswers: 1 });
    await pollUntil(() => readValidation(editor.doc)?.cards[0]?.state, 'disputed');
    await a.json('POST', `/api/maps/${mapId}/feedback/submit`);
    await pollUntil(() => readValidation(editor.doc)?.responses.submitted, 1);
    // The editor's copy is the API's answer.
    expect(readValidation(editor.doc)).toEqual(await validation(mapId, users.E));
    // Never stored: it is rebuilt from the responses.
    expect(await s.storage.documents.load(name)).toEqual({ snapshot: null, tail: [] });

    // A customer is refused the document outright.
    const refused = connectClient(s.url, name, { token: a.token });
    open.push(refused);
    const reason = await new Promise<string>((resolve) =>
      refused.provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        resolve(reason),
      ),
    );
    expect(reason).toBe('permission-denied');
    expect(readValidation(refused.doc)).toBeNull();
  });
});

describe('the live validation document and the map', () => {
  it('follows the cards customers see as the map changes', async () => {
    const { mapId, journey } = await teamMap();
    const name = validationDocName(mapId as MapId);
    const viewer = connectClient(s.url, name, { token: users.V.token });
    open.push(viewer);
    await viewer.synced;
    expect(readValidation(viewer.doc)?.cards.map((c) => c.cardId)).toEqual(journey.cards);
    const connection = await s.hocuspocus.openDirectConnection(mapDocName(mapId as MapId), {});
    let added = '';
    try {
      await connection.transact((doc) => {
        const lane = readMap(doc).lanes.find((l) => l.customerVisible)?.id;
        if (!lane) throw new Error('no visible lane');
        added = addCard(doc, { stageId: journey.stages[1], laneId: lane, text: 'Paga' });
      });
    } finally {
      await connection.disconnect();
    }
    const cardIds = () =>
      readValidation(viewer.doc)
        ?.cards.map((c) => c.cardId)
        .sort();
    // Map changes are gathered over 300 ms first; leave room for a loaded machine.
    await expect.poll(cardIds, { timeout: 2_000 }).toEqual([...journey.cards, added].sort());
  });
});

/** Polls until `read()` equals `expected` (within the poll's default timeout). */
async function pollUntil<T>(read: () => T, expected: T): Promise<void> {
  await expect.poll(read, { timeout: 2_000, interval: 10 }).toBe(expected);
}

describe('customer links and the map list', () => {
  it('carry a label and count the responses that came through each link', async () => {
    const { mapId, journey, link } = await teamMap();
    expect(link).toMatchObject({
      role: 'customer',
      label: 'Cliente 3, entrevista telefónica',
      responses: 0,
    });
    const other = await users.O.json<InviteJson>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'customer' },
      201,
    );
    expect(other.label).toBeUndefined();
    const a = await customer(link.token);
    const b = await customer(link.token);
    await customer(other.token); // joined, answered nothing: not a response
    await answer(a, mapId, journey.opaque(journey.cards[0]), 'yes');
    await b.json('PUT', `/api/maps/${mapId}/feedback/about`, { firstName: 'Bea' });
    const { invites } = await users.O.json<{ invites: InviteJson[] }>(
      'GET',
      `/api/maps/${mapId}/invites`,
    );
    expect(invites.find((i) => i.id === link.id)?.responses).toBe(2);
    expect(invites.find((i) => i.id === other.id)?.responses).toBe(0);
    const tooLong = await users.O.call('POST', `/api/maps/${mapId}/invites`, {
      role: 'customer',
      label: 'x'.repeat(81),
    });
    expect(tooLong.status).toBe(400);
  });

  it('let an editor create, list and revoke customer links, but never an internal one', async () => {
    const { mapId, link } = await teamMap();
    const editorLink = await users.O.json<InviteJson>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'editor' },
      201,
    );
    const refused = await users.E.call('POST', `/api/maps/${mapId}/invites`, { role: 'editor' });
    expect(refused.status).toBe(403);
    expect(
      (await users.E.call('POST', `/api/maps/${mapId}/invites`, { role: 'viewer' })).status,
    ).toBe(403);
    const listed = await users.E.json<{ invites: InviteJson[] }>(
      'GET',
      `/api/maps/${mapId}/invites`,
    );
    expect(listed.invites.map((i) => i.id)).toEqual([link.id]);
    expect(
      (await users.E.call('DELETE', `/api/maps/${mapId}/invites/${editorLink.id}`)).status,
    ).toBe(404);
    expect((await users.E.call('DELETE', `/api/maps/${mapId}/invites/${link.id}`)).status).toBe(
      204,
    );
    const after = await users.O.json<{ invites: InviteJson[] }>(
      'GET',
      `/api/maps/${mapId}/invites`,
    );
    expect(after.invites.find((i) => i.id === link.id)?.status).toBe('revoked');
    expect(after.invites.find((i) => i.id === editorLink.id)?.status).toBe('active');
    expect(
      (await users.C.call('POST', `/api/maps/${mapId}/invites`, { role: 'customer' })).status,
    ).toBe(403);
  });

  it('shows each map’s validation state to the team, and none to customers', async () => {
    const { mapId, journey, link } = await teamMap();
    await users.O.json('PATCH', `/api/maps/${mapId}/validation/settings`, { minAnswers: 1 });
    const a = await customer(link.token);
    const stateIn = async (who: TestUser) => {
      const { maps } = await who.json<{ maps: { id: string; validationState?: string }[] }>(
        'GET',
        '/api/maps',
      );
      return maps.find((m) => m.id === mapId)?.validationState;
    };
    expect(await stateIn(users.V)).toBe('assumed');
    await answer(a, mapId, journey.opaque(journey.cards[0]), 'yes');
    expect(await stateIn(users.V)).toBe('partly-validated');
    for (const card of journey.cards.slice(1)) await answer(a, mapId, journey.opaque(card), 'yes');
    expect(await stateIn(users.O)).toBe('validated');
    expect(await stateIn(users.C)).toBe('validated');
    expect(await stateIn(a)).toBeUndefined();
  });
});
