import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addCard,
  deleteLane,
  readMap,
  renameStage,
  setCardText,
  type CardId,
} from '../../shared/index.ts';
import type { SinceLastVisitJson } from '../../shared/since-last-visit.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { asUser, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// "Since your last visit" (issue 10) on a real server with real editing clients: who changed what
// is taken from the connection that sent each update, visits survive short gaps, dismissing
// empties the list. Runs on SQLite, and on PostgreSQL in the server-postgres project.

/** Short enough for a test to wait out, long enough for a reconnect to fall inside it. */
const VISIT_GAP_MS = 3_000;

let s: TestServer;
let ana: TestUser;
let bruno: TestUser;
let carla: TestUser;
let outsider: TestUser;
let mapId: string;

beforeAll(async () => {
  s = await startTestServer({ activity: { visitGapMs: VISIT_GAP_MS, flushIntervalMs: 50 } });
  ana = await signUpUser(s.url, { name: 'Ana Pérez', department: 'sales' });
  bruno = await signUpUser(s.url, { name: 'Bruno Díaz', department: 'it' });
  carla = await signUpUser(s.url, { name: 'Carla Ruiz', department: 'finance' });
  outsider = await signUpUser(s.url, { name: 'Nadie' });
  mapId = await createMapAs(ana, { title: 'Viaje', template: 'travel-alert-demo' });
  await ana.json('POST', `/api/maps/${mapId}/members`, { email: bruno.email, role: 'editor' }, 201);
  await ana.json(
    'POST',
    `/api/maps/${mapId}/members`,
    { email: carla.email, role: 'customer' },
    201,
  );
});

afterAll(async () => {
  await s.dispose();
});

const since = (user: TestUser) =>
  user.json<SinceLastVisitJson>('GET', `/api/maps/${mapId}/since-last-visit`);

/** Connects as a person and waits for the first sync. */
async function open(user: TestUser): Promise<TestClient> {
  const client = connectMap(s.url, mapId, { token: user.token });
  await client.synced;
  return client;
}

/** Waits until the server acknowledged every local change of a client, then closes it. */
async function leave(client: TestClient): Promise<void> {
  await vi.waitFor(() => expect(client.provider.unsyncedChanges).toBe(0), { timeout: 10_000 });
  client.destroy();
}

/** Waits until the person's last visit is over (the API then starts "since" at its end). */
async function visitOver(user: TestUser): Promise<SinceLastVisitJson> {
  return vi.waitFor(
    async () => {
      const answer = await since(user);
      if (answer.since === null) throw new Error('the visit is still going on');
      return answer;
    },
    { timeout: VISIT_GAP_MS * 4, interval: 100 },
  );
}

describe('since your last visit', () => {
  it('refuses customers and hides the map from non-members', async () => {
    expect((await carla.call('GET', `/api/maps/${mapId}/since-last-visit`)).status).toBe(403);
    expect((await carla.call('POST', `/api/maps/${mapId}/since-last-visit/dismiss`)).status).toBe(
      403,
    );
    expect((await outsider.call('GET', `/api/maps/${mapId}/since-last-visit`)).status).toBe(404);
  });

  it('lists exactly what others did while I was away, with who and from which department', async () => {
    // A first visit ever: nothing to catch up on.
    expect(await since(bruno)).toEqual({
      since: null,
      items: [],
      threads: { created: [], replies: [], resolved: [] },
    });

    // Ana has a look first; then Bruno visits and renames a stage himself, then leaves.
    await leave(await open(ana));
    const b = await open(bruno);
    const { stages, lanes, cards } = readMap(b.doc);
    const [firstStage, secondStage] = stages;
    const firstCard = cards[0];
    if (!firstStage || !secondStage || !firstCard) throw new Error('the template is too small');
    renameStage(b.doc, firstStage.id, 'Renombrada por Bruno');
    await leave(b);
    const away = await visitOver(bruno);
    expect(away.items).toEqual([]);
    const leftAt = Date.parse(away.since ?? '');

    // Ana, meanwhile: a new card, a changed card, a deleted lane (with its cards), a thread.
    const a = await open(ana);
    const lane = lanes.find((l) => cards.every((c) => c.laneId !== l.id || c.id !== firstCard.id));
    if (!lane) throw new Error('no lane to delete');
    const added = addCard(a.doc, {
      stageId: secondStage.id,
      laneId: firstCard.laneId,
      text: 'Tarjeta nueva de Ana',
    });
    setCardText(a.doc, firstCard.id, 'Texto cambiado por Ana');
    setCardText(a.doc, firstCard.id, 'Texto cambiado por Ana, otra vez');
    const deletedCards: CardId[] = deleteLane(a.doc, lane.id);
    await leave(a);
    const { id: threadId } = await ana.json<{ id: string }>(
      'POST',
      `/api/maps/${mapId}/threads`,
      { anchor: { kind: 'card', id: added }, body: '¿Qué opináis?' },
      201,
    );

    const expected = [
      { kind: 'card', id: added, change: 'created', label: 'Tarjeta nueva de Ana' },
      {
        kind: 'card',
        id: firstCard.id,
        change: 'changed',
        label: 'Texto cambiado por Ana, otra vez',
      },
      { kind: 'lane', id: lane.id, change: 'deleted', label: lane.title },
      ...deletedCards.map((id) => ({
        kind: 'card',
        id,
        change: 'deleted',
        label: cards
          .find((c) => c.id === id)
          ?.text.replace(/\s+/g, ' ')
          .trim()
          .slice(0, 80),
      })),
    ];
    const sortById = <T extends { id: string }>(list: T[]) =>
      [...list].sort((x, y) => x.id.localeCompare(y.id));
    await vi.waitFor(
      async () => {
        const answer = await since(bruno);
        expect(answer.since).toBe(away.since);
        expect(
          sortById(
            answer.items.map(({ kind, id, change, label }) => ({ kind, id, change, label })),
          ),
        ).toEqual(sortById(expected));
      },
      { timeout: 10_000, interval: 100 },
    );
    const answer = await since(bruno);
    for (const item of answer.items) {
      expect(item).toMatchObject({ byId: ana.id, byName: 'Ana Pérez', byDepartment: 'sales' });
      expect(Date.parse(item.at)).toBeGreaterThan(leftAt);
    }
    // Bruno's own rename is not news to him.
    expect(answer.items.some((item) => item.id === firstStage.id)).toBe(false);
    expect(answer.threads.created).toEqual([
      expect.objectContaining({
        threadId,
        anchor: { kind: 'card', id: added },
        byName: 'Ana Pérez',
      }),
    ]);
    // …but it is to Ana, whose previous visit was before it; her own changes are not listed to her.
    const forAna = await since(ana);
    expect(forAna.items.map((item) => [item.id, item.byName, item.byDepartment])).toEqual([
      [firstStage.id, 'Bruno Díaz', 'it'],
    ]);

    // Bruno comes back and reloads (a reconnect inside the gap): the same visit, the same list.
    const back = await open(bruno);
    back.destroy();
    const again = await open(bruno);
    const during = await since(bruno);
    expect(during.since).toBe(away.since);
    expect(during.items).toHaveLength(expected.length);

    // He replies to Ana's thread: his reply is not listed to him, Ana sees it.
    await bruno.json('POST', `/api/threads/${threadId}/messages`, { body: 'Bien' }, 201);
    expect((await since(bruno)).threads.replies).toEqual([]);
    expect((await since(ana)).threads.replies).toEqual([
      expect.objectContaining({ threadId, byName: 'Bruno Díaz' }),
    ]);

    // "Marcar como visto": nothing left, and nothing comes back.
    expect((await bruno.call('POST', `/api/maps/${mapId}/since-last-visit/dismiss`)).status).toBe(
      204,
    );
    const dismissed = await since(bruno);
    expect(dismissed.items).toEqual([]);
    expect(dismissed.threads).toEqual({ created: [], replies: [], resolved: [] });
    expect(Date.parse(dismissed.since ?? '')).toBeGreaterThan(leftAt);

    // Leaving for longer than the gap ends the visit: the next list starts at its end.
    const dismissedAt = Date.parse(dismissed.since ?? '');
    again.destroy();
    const closedAt = Date.now();
    const later = await vi.waitFor(
      async () => {
        const answer = await since(bruno);
        expect(Date.parse(answer.since ?? '')).toBeGreaterThan(dismissedAt);
        return answer;
      },
      { timeout: VISIT_GAP_MS * 4, interval: 100 },
    );
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(VISIT_GAP_MS);
    expect(later.items).toEqual([]);
  });
});

describe('since your last visit when the server stops', () => {
  it('writes the changes still pending in memory on shutdown', async () => {
    // Batches every minute: only the shutdown (or the document unload) can write them in time.
    const config = { activity: { visitGapMs: 200, flushIntervalMs: 60_000 } };
    const first = await startTestServer(config);
    let second: TestServer | undefined;
    try {
      const owner = await signUpUser(first.url, { name: 'Olga', department: 'operations' });
      const editor = await signUpUser(first.url, { name: 'Elena', department: 'digital' });
      const id = await createMapAs(owner, { title: 'Apagado', template: 'travel-alert-demo' });
      await owner.json(
        'POST',
        `/api/maps/${id}/members`,
        { email: editor.email, role: 'editor' },
        201,
      );
      const olgaSince = () =>
        owner.json<SinceLastVisitJson>('GET', `/api/maps/${id}/since-last-visit`);
      const visit = connectMap(first.url, id, { token: owner.token });
      await visit.synced;
      visit.destroy();
      await vi.waitFor(
        async () => {
          if ((await olgaSince()).since === null) throw new Error('still visiting');
        },
        { timeout: 10_000, interval: 50 },
      );

      const elena = connectMap(first.url, id, { token: editor.token });
      await elena.synced;
      const [stage] = readMap(elena.doc).stages;
      if (!stage) throw new Error('no stage');
      renameStage(elena.doc, stage.id, 'Renombrada antes de apagar');
      await vi.waitFor(() => expect(elena.provider.unsyncedChanges).toBe(0));
      await first.close();
      elena.destroy();

      second = await startTestServer({ ...config, dataDir: first.dataDir });
      const olga = asUser(second.url, owner, owner.token);
      const answer = await olga.json<SinceLastVisitJson>('GET', `/api/maps/${id}/since-last-visit`);
      expect(
        answer.items.map(({ id: itemId, kind, change, label, byName }) => ({
          itemId,
          kind,
          change,
          label,
          byName,
        })),
      ).toEqual([
        {
          itemId: stage.id,
          kind: 'stage',
          change: 'changed',
          label: 'Renombrada antes de apagar',
          byName: 'Elena',
        },
      ]);
    } finally {
      await (second ?? first).dispose();
    }
  });
});
