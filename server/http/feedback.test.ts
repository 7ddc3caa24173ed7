import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapId } from '../../shared/ids.ts';
import { MAX_MISSING_STEPS } from '../../shared/validation.ts';
import { SESSION_COOKIE } from '../auth/sessionCookie.ts';
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

// A customer's own answers on the customer view (PUT/DELETE/POST /api/maps/:id/feedback/...):
// saved as they go, changed, taken back, sent once; per person; customers only; opaque ids only.
// Runs on SQLite, and on PostgreSQL with TEST_STORAGE=postgres.
let s: TestServer;
let owner: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  owner = await signUpUser(s.url, { name: 'Olga' });
});

afterAll(async () => {
  await s.dispose();
});

interface Mine {
  firstName: string | null;
  comment: string | null;
  submittedAt: string | null;
  cards: Record<string, { verdict: string; note?: string }>;
  stages: Record<string, { emotion: number; note?: string }>;
  missing: { id: string; stageId: string; note: string }[];
}

/** A map with a journey, an editor, a commenter, a viewer and a customer link. */
async function journeyMap(): Promise<{ mapId: string; journey: Journey; link: string }> {
  const mapId = await createMapAs(owner, { title: 'Viaje del cliente' });
  const journey = await writeJourney(s, mapId);
  const { token } = await owner.json<{ token: string }>(
    'POST',
    `/api/maps/${mapId}/invites`,
    { role: 'customer', label: 'Entrevistas' },
    201,
  );
  return { mapId, journey, link: token };
}

/** A customer joining through the link, as the invite page does (a guest session). */
async function customer(link: string, name = 'Cliente'): Promise<TestUser> {
  const accepted = await anonymousCall(s.url, 'POST', `/api/invites/${link}/accept`, { name });
  expect(accepted.status).toBe(200);
  return asUser(s.url, { id: '', email: '', name }, sessionTokenFrom(accepted) ?? '');
}

async function errorOf(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error: { code: string } };
  return { status: response.status, code: body.error.code };
}

describe('customer feedback', () => {
  it('saves, changes and takes back answers, then sends them and refuses every write after', async () => {
    const { mapId, journey, link } = await journeyMap();
    const lucia = await customer(link, 'Lucía');
    const [c1, c2] = journey.cards.map((id) => journey.opaque(id));
    const s1 = journey.opaque(journey.stages[0]);
    const base = `/api/maps/${mapId}/feedback`;

    expect(await lucia.json<Mine>('GET', `${base}/mine`)).toEqual({
      firstName: null,
      comment: null,
      submittedAt: null,
      cards: {},
      stages: {},
      missing: [],
    });
    expect(await lucia.json('PUT', `${base}/cards/${c1}`, { verdict: 'yes' })).toEqual({
      cardId: c1,
      verdict: 'yes',
    });
    await lucia.json('PUT', `${base}/cards/${c2}`, { verdict: 'not-me' });
    // Changing an answer replaces it.
    await lucia.json('PUT', `${base}/cards/${c1}`, {
      verdict: 'different',
      note: '  Fue por teléfono ',
    });
    await lucia.json('PUT', `${base}/stages/${s1}`, { emotion: -1, note: 'Lento' });
    const { id: missingId } = await lucia.json<{ id: string }>(
      'POST',
      `${base}/missing`,
      { stageId: s1, note: 'Llamé a la sucursal' },
      201,
    );
    await lucia.json('POST', `${base}/missing`, { stageId: s1, note: 'Pedí cita' }, 201);
    expect(
      await lucia.json('PUT', `${base}/about`, { firstName: ' Lucía ', comment: 'Gracias' }),
    ).toEqual({ firstName: 'Lucía', comment: 'Gracias' });
    // Un-answer a card and withdraw a missing step.
    expect((await lucia.call('DELETE', `${base}/cards/${c2}`)).status).toBe(204);
    expect((await lucia.call('DELETE', `${base}/missing/${missingId}`)).status).toBe(204);
    expect((await lucia.call('DELETE', `${base}/missing/${missingId}`)).status).toBe(404);

    const mine = await lucia.json<Mine>('GET', `${base}/mine`);
    expect(mine).toEqual({
      firstName: 'Lucía',
      comment: 'Gracias',
      submittedAt: null,
      cards: { [c1 ?? '']: { verdict: 'different', note: 'Fue por teléfono' } },
      stages: { [s1]: { emotion: -1, note: 'Lento' } },
      missing: [{ id: expect.any(String), stageId: s1, note: 'Pedí cita' }],
    });
    // Stored under the map's own ids, never the opaque ones.
    const stored = await s.storage.feedback.responses(mapId as MapId);
    expect(stored[0]?.cards.map((a) => a.cardId)).toEqual([journey.cards[0]]);
    expect(stored[0]?.stages.map((a) => a.stageId)).toEqual([journey.stages[0]]);

    const sent = await lucia.json<{ submittedAt: string }>('POST', `${base}/submit`);
    expect(Date.parse(sent.submittedAt)).toBeGreaterThan(Date.now() - 60_000);
    const refused = [
      lucia.call('PUT', `${base}/cards/${c1}`, { verdict: 'yes' }),
      lucia.call('DELETE', `${base}/cards/${c1}`),
      lucia.call('PUT', `${base}/stages/${s1}`, { emotion: 2 }),
      lucia.call('POST', `${base}/missing`, { stageId: s1, note: 'Tarde' }),
      lucia.call('DELETE', `${base}/missing/${mine.missing[0]?.id ?? ''}`),
      lucia.call('PUT', `${base}/about`, { comment: 'Otra cosa' }),
      lucia.call('POST', `${base}/submit`),
    ];
    for (const response of await Promise.all(refused)) {
      expect(await errorOf(response)).toEqual({ status: 409, code: 'submitted' });
    }
    expect(await lucia.json<Mine>('GET', `${base}/mine`)).toEqual({
      ...mine,
      submittedAt: sent.submittedAt,
    });
  });

  it('keeps each customer’s answers to themselves', async () => {
    const { mapId, journey, link } = await journeyMap();
    const lucia = await customer(link, 'Lucía');
    const pedro = await customer(link, 'Pedro');
    const c1 = journey.opaque(journey.cards[0]);
    const s1 = journey.opaque(journey.stages[0]);
    const base = `/api/maps/${mapId}/feedback`;
    await lucia.json('PUT', `${base}/cards/${c1}`, { verdict: 'yes' });
    const { id } = await lucia.json<{ id: string }>(
      'POST',
      `${base}/missing`,
      { stageId: s1, note: 'Secreto de Lucía' },
      201,
    );
    await lucia.json('PUT', `${base}/about`, { firstName: 'Lucía' });

    const pedros = await pedro.json<Mine>('GET', `${base}/mine`);
    expect(pedros).toMatchObject({ firstName: null, cards: {}, missing: [] });
    expect(JSON.stringify(pedros)).not.toContain('Secreto');
    // Pedro can neither withdraw Lucía's step nor change her answer: his writes are his own.
    expect((await pedro.call('DELETE', `${base}/missing/${id}`)).status).toBe(404);
    await pedro.json('PUT', `${base}/cards/${c1}`, { verdict: 'different', note: 'No así' });
    await pedro.json('POST', `${base}/submit`);
    const lucias = await lucia.json<Mine>('GET', `${base}/mine`);
    expect(lucias.cards).toEqual({ [c1]: { verdict: 'yes' } });
    expect(lucias.missing).toHaveLength(1);
    expect(lucias.submittedAt).toBeNull();
    // Pedro's "send" did not send Lucía's response.
    await lucia.json('PUT', `${base}/cards/${c1}`, { verdict: 'not-me' });
  });

  it('refuses every internal role (403), and non-members (404)', async () => {
    const { mapId, journey } = await journeyMap();
    const c1 = journey.opaque(journey.cards[0]);
    const s1 = journey.opaque(journey.stages[0]);
    const outsider = await signUpUser(s.url);
    const members: TestUser[] = [owner];
    for (const role of ['editor', 'commenter', 'viewer'] as const) {
      const user = await signUpUser(s.url);
      await owner.json('POST', `/api/maps/${mapId}/members`, { email: user.email, role }, 201);
      members.push(user);
    }
    const base = `/api/maps/${mapId}/feedback`;
    const calls = (user: TestUser) => [
      user.call('GET', `${base}/mine`),
      user.call('PUT', `${base}/cards/${c1}`, { verdict: 'yes' }),
      user.call('DELETE', `${base}/cards/${c1}`),
      user.call('PUT', `${base}/stages/${s1}`, { emotion: 0 }),
      user.call('POST', `${base}/missing`, { stageId: s1, note: 'x' }),
      user.call('PUT', `${base}/about`, { firstName: 'Yo' }),
      user.call('POST', `${base}/submit`),
    ];
    for (const user of members) {
      for (const response of await Promise.all(calls(user))) expect(response.status).toBe(403);
    }
    for (const response of await Promise.all(calls(outsider))) expect(response.status).toBe(404);
    expect(await s.storage.feedback.responses(mapId as MapId)).toEqual([]);
  });

  it('answers 404 for ids customers cannot see, and 400 for malformed answers', async () => {
    const { mapId, journey, link } = await journeyMap();
    const lucia = await customer(link);
    const base = `/api/maps/${mapId}/feedback`;
    const put = (path: string, body: unknown) => lucia.call('PUT', `${base}/${path}`, body);
    const unknownCard = { status: 404, code: 'unknown_card' };
    const unknownStage = { status: 404, code: 'unknown_stage' };
    // An internal id, a card of an internal lane, and made-up ids.
    expect(await errorOf(await put(`cards/${journey.cards[0]}`, { verdict: 'yes' }))).toEqual(
      unknownCard,
    );
    const hidden = journey.opaque(journey.hiddenCard);
    expect(await errorOf(await put(`cards/${hidden}`, { verdict: 'yes' }))).toEqual(unknownCard);
    expect(await errorOf(await put('cards/AAAAAAAAAAAAAAAAAAAAAA', { verdict: 'yes' }))).toEqual(
      unknownCard,
    );
    expect(await errorOf(await lucia.call('DELETE', `${base}/cards/${hidden}`))).toEqual(
      unknownCard,
    );
    expect(await errorOf(await put(`stages/${journey.stages[0]}`, { emotion: 1 }))).toEqual(
      unknownStage,
    );
    expect(
      await errorOf(
        await lucia.call('POST', `${base}/missing`, { stageId: 'nope', note: 'Algo pasó' }),
      ),
    ).toEqual(unknownStage);

    const c1 = journey.opaque(journey.cards[0]);
    const s1 = journey.opaque(journey.stages[0]);
    const bad = [
      put(`cards/${c1}`, { verdict: 'different' }),
      put(`cards/${c1}`, { verdict: 'different', note: '   ' }),
      put(`cards/${c1}`, { verdict: 'maybe' }),
      put(`cards/${c1}`, { verdict: 'yes', note: 'x'.repeat(2_001) }),
      put(`cards/${c1}`, { verdict: 'yes', secret: true }),
      put(`stages/${s1}`, { emotion: 3 }),
      put(`stages/${s1}`, { emotion: 'feliz' }),
      lucia.call('POST', `${base}/missing`, { stageId: s1, note: '' }),
      put('about', { firstName: 'x'.repeat(81) }),
      put('about', { comment: 7 }),
    ];
    for (const response of await Promise.all(bad)) {
      expect((await errorOf(response)).status).toBe(400);
    }
    const notJson = await fetch(`${s.url}${base}/cards/${c1}`, {
      method: 'PUT',
      headers: {
        Cookie: `${SESSION_COOKIE}=${lucia.token}`,
        Origin: s.url,
        'Content-Type': 'application/json',
      },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const reason = await put(`cards/${c1}`, { verdict: 'different' });
    expect(await reason.json()).toMatchObject({
      error: { code: 'invalid_body', message: expect.stringMatching(/note/) },
    });
    expect(await lucia.json<Mine>('GET', `${base}/mine`)).toMatchObject({ cards: {}, stages: {} });
  });

  it('bounds the missing steps one customer may report', async () => {
    const { mapId, journey, link } = await journeyMap();
    const lucia = await customer(link);
    const stageId = journey.opaque(journey.stages[1]);
    const base = `/api/maps/${mapId}/feedback`;
    for (let i = 0; i < MAX_MISSING_STEPS; i += 1) {
      await lucia.json('POST', `${base}/missing`, { stageId, note: `Paso ${i}` }, 201);
    }
    const refused = await lucia.call('POST', `${base}/missing`, { stageId, note: 'Uno más' });
    expect(await errorOf(refused)).toEqual({ status: 400, code: 'too_many_missing' });
    expect((await lucia.json<Mine>('GET', `${base}/mine`)).missing).toHaveLength(MAX_MISSING_STEPS);
  });
});
