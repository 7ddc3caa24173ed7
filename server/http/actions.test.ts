import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readActions, type ActionJson } from '../../shared/actions.ts';
import { actionsDocName, readMap, type CardId, type MapId } from '../../shared/index.ts';
import { deleteCard } from '../../shared/operations/cards.ts';
import { setPriorityWeights } from '../../shared/operations/meta.ts';
import type { MapView } from '../../shared/read-map.ts';
import { ACTION_COLUMNS, PAIN_POINT_COLUMNS } from '../actions/actionsExport.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { connectClient, connectMap, type TestClient } from '../test/collabClient.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

// Owned actions (issue 14) end to end on a real server: the HTTP commands, who may do what, the
// live document map:<id>/actions and the CSV/XLSX export. Runs on SQLite, and on PostgreSQL with
// TEST_STORAGE=postgres (the server-postgres project).
let s: TestServer;
const users = {} as Record<'O' | 'E' | 'C' | 'V' | 'U' | 'X', TestUser>;
const ROLE_OF = { E: 'editor', C: 'commenter', V: 'viewer', U: 'customer' } as const;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  const names = { O: 'Olga', E: 'Elena', C: 'Carla', V: 'Víctor', U: 'Ursula', X: 'Xavi' };
  for (const key of ['O', 'E', 'C', 'V', 'U', 'X'] as const) {
    users[key] = await signUpUser(s.url, { name: names[key] });
  }
});

afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});

afterAll(async () => {
  await s.dispose();
});

/** The demo map (three scored pain points, two KPI cards) with a member of every role. */
async function newMap(title = 'Alerta de viaje'): Promise<{ mapId: MapId; view: MapView }> {
  const mapId = (await createMapAs(users.O, { title, template: 'travel-alert-demo' })) as MapId;
  for (const key of ['E', 'C', 'V', 'U'] as const) {
    await users.O.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: users[key].email, role: ROLE_OF[key] },
      201,
    );
  }
  const view = await withMapDocument(s.hocuspocus, mapId, (doc) => readMap(doc));
  return { mapId, view };
}

/** The cards of the map's lanes of one kind, in board order. */
function cardsOf(view: MapView, kind: string) {
  const lanes = new Set(view.lanes.filter((lane) => lane.kind === kind).map((lane) => lane.id));
  const stageIndex = new Map(view.stages.map((stage, i) => [stage.id, i]));
  return view.cards
    .filter((card) => lanes.has(card.laneId))
    .sort((a, b) => (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0));
}

function painPoints(view: MapView) {
  const [web, call, email] = cardsOf(view, 'pain-points');
  const [kpi] = cardsOf(view, 'kpis');
  if (!web || !call || !email || !kpi) throw new Error('the demo map has changed');
  return { web, call, email, kpi };
}

async function create(
  user: TestUser,
  mapId: string,
  body: Record<string, unknown>,
): Promise<ActionJson> {
  return (await user.json<{ action: ActionJson }>('POST', `/api/maps/${mapId}/actions`, body, 201))
    .action;
}

async function list(user: TestUser, mapId: string): Promise<ActionJson[]> {
  return (await user.json<{ actions: ActionJson[] }>('GET', `/api/maps/${mapId}/actions`)).actions;
}

async function patch(
  user: TestUser,
  id: string,
  body: Record<string, unknown>,
  status = 200,
): Promise<Response> {
  const response = await user.call('PATCH', `/api/actions/${id}`, body);
  expect(response.status, await response.clone().text()).toBe(status);
  return response;
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function connectActions(mapId: MapId, user: TestUser): Promise<TestClient> {
  const client = connectClient(s.url, actionsDocName(mapId), { token: user.token });
  open.push(client);
  await client.synced;
  return client;
}

describe('actions over HTTP', () => {
  it('an editor creates actions that every internal member lists by due date; patch and delete', async () => {
    const { mapId, view } = await newMap();
    const { web, email, kpi } = painPoints(view);
    const first = await create(users.E, mapId, {
      title: '  Botón de alerta de viaje en la web ',
      ownerId: users.C.id,
      department: 'digital',
      due: '2026-12-15',
      cardIds: [web.id, email.id],
      kpi: { name: 'Llamadas evitadas', target: '-30 %', cardId: kpi.id },
    });
    expect(first).toEqual({
      id: expect.any(String) as string,
      mapId,
      title: 'Botón de alerta de viaje en la web',
      ownerId: users.C.id,
      ownerName: 'Carla',
      department: 'digital',
      due: '2026-12-15',
      status: 'todo',
      cardIds: [web.id, email.id],
      kpi: { name: 'Llamadas evitadas', target: '-30 %', cardId: kpi.id },
      createdAt: first.createdAt,
      updatedAt: first.createdAt,
      doneAt: null,
    });
    expect(Date.parse(first.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const undated = await create(users.O, mapId, {
      title: 'Chat fuera de horario',
      ownerId: users.V.id,
    });
    expect(undated).toMatchObject({
      department: null,
      due: null,
      status: 'todo',
      cardIds: [],
      kpi: null,
    });
    const soon = await create(users.O, mapId, {
      title: 'Responder correos en 4 h',
      ownerId: users.O.id,
      due: '2026-12-01',
      status: 'doing',
    });

    for (const reader of [users.O, users.E, users.C, users.V]) {
      expect((await list(reader, mapId)).map((a) => a.id)).toEqual([soon.id, first.id, undated.id]);
    }

    const changed = (await (
      await patch(users.E, first.id, {
        title: 'Botón de alerta',
        due: null,
        department: null,
        kpi: null,
      })
    ).json()) as { action: ActionJson };
    expect(changed.action).toMatchObject({
      id: first.id,
      title: 'Botón de alerta',
      due: null,
      department: null,
      kpi: null,
      cardIds: [web.id, email.id],
      ownerId: users.C.id,
    });
    expect(Date.parse(changed.action.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(first.createdAt),
    );
    // Now undated, it sorts after the dated one, then by creation.
    expect((await list(users.V, mapId)).map((a) => a.id)).toEqual([soon.id, first.id, undated.id]);

    const removed = await users.E.call('DELETE', `/api/actions/${undated.id}`);
    expect(removed.status).toBe(204);
    expect((await list(users.O, mapId)).map((a) => a.id)).toEqual([soon.id, first.id]);
    expect((await users.E.call('DELETE', `/api/actions/${undated.id}`)).status).toBe(404);
    expect((await users.E.call('PATCH', `/api/actions/${undated.id}`, { title: 'x' })).status).toBe(
      404,
    );
  });

  it('only owners and editors manage; the owner of an action who is a commenter may change only its status', async () => {
    const { mapId } = await newMap();
    const base = `/api/maps/${mapId}/actions`;
    for (const who of [users.C, users.V]) {
      const refused = await who.call('POST', base, { title: 'Mía', ownerId: who.id });
      expect(refused.status).toBe(403);
      expect(await errorCode(refused)).toBe('forbidden');
    }
    const forCarla = await create(users.O, mapId, { title: 'Para Carla', ownerId: users.C.id });
    const forVictor = await create(users.O, mapId, { title: 'Para Víctor', ownerId: users.V.id });

    // The commenter owns forCarla: the status, and nothing else, not even with it.
    await patch(users.C, forCarla.id, { status: 'doing' });
    const titled = await patch(users.C, forCarla.id, { title: 'Cambiado' }, 403);
    expect(await errorCode(titled)).toBe('forbidden');
    await patch(users.C, forCarla.id, { status: 'done', due: '2027-01-01' }, 403);
    await patch(users.C, forCarla.id, { ownerId: users.V.id }, 403);
    expect((await users.C.call('DELETE', `/api/actions/${forCarla.id}`)).status).toBe(403);
    // Not hers: not even the status. The viewer owns forVictor and may move it too.
    await patch(users.C, forVictor.id, { status: 'done' }, 403);
    await patch(users.V, forVictor.id, { status: 'done' });
    await patch(users.V, forCarla.id, { status: 'todo' }, 403);

    const [carla, victor] = await Promise.all([
      s.storage.actions.get(forCarla.id),
      s.storage.actions.get(forVictor.id),
    ]);
    expect(carla).toMatchObject({
      title: 'Para Carla',
      status: 'doing',
      due: null,
      ownerId: users.C.id,
    });
    expect(victor).toMatchObject({ status: 'done' });

    // Customers and non-members get nothing: 403 on the map's routes (the map says so), 404 on
    // an action's (they cannot learn it exists); anonymous callers 401.
    const mapCalls: [string, string, unknown?][] = [
      ['GET', base],
      ['POST', base, { title: 'Mía', ownerId: users.U.id }],
      ['GET', `${base}/export?format=csv`],
      ['GET', `${base}/export?format=xlsx`],
    ];
    for (const [method, path, body] of mapCalls) {
      const asCustomer = await users.U.call(method, path, body);
      expect(asCustomer.status).toBe(403);
      expect(await asCustomer.text()).not.toContain('Para Carla');
      expect((await users.X.call(method, path, body)).status).toBe(404);
      expect((await anonymousCall(s.url, method, path, body)).status).toBe(401);
    }
    for (const who of [users.U, users.X]) {
      expect(
        (await who.call('PATCH', `/api/actions/${forCarla.id}`, { status: 'done' })).status,
      ).toBe(404);
      expect((await who.call('DELETE', `/api/actions/${forCarla.id}`)).status).toBe(404);
      expect((await who.json<{ actions: ActionJson[] }>('GET', '/api/me/actions')).actions).toEqual(
        [],
      );
    }
    expect((await anonymousCall(s.url, 'GET', '/api/me/actions')).status).toBe(401);
    expect((await anonymousCall(s.url, 'PATCH', `/api/actions/${forCarla.id}`, {})).status).toBe(
      401,
    );
    expect((await s.storage.actions.get(forCarla.id))?.status).toBe('doing');
  });

  it('refuses an owner who is not an internal member (400 invalid-owner) and bad bodies', async () => {
    const { mapId } = await newMap();
    const base = `/api/maps/${mapId}/actions`;
    for (const ownerId of [users.U.id, users.X.id, 'no-such-person']) {
      const response = await users.O.call('POST', base, { title: 'Acción', ownerId });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('invalid-owner');
    }
    const action = await create(users.O, mapId, { title: 'Acción', ownerId: users.E.id });
    const reassigned = await users.O.call('PATCH', `/api/actions/${action.id}`, {
      ownerId: users.U.id,
    });
    expect(reassigned.status).toBe(400);
    expect(await errorCode(reassigned)).toBe('invalid-owner');
    await patch(users.O, action.id, { ownerId: users.V.id });

    const bad: unknown[] = [
      {},
      { title: '', ownerId: users.E.id },
      { title: 'x'.repeat(201), ownerId: users.E.id },
      { title: 'Acción' },
      { title: 'Acción', ownerId: users.E.id, extra: true },
      { title: 'Acción', ownerId: users.E.id, status: 'blocked' },
      { title: 'Acción', ownerId: users.E.id, due: '15/12/2026' },
      { title: 'Acción', ownerId: users.E.id, due: '2026-02-30' },
      { title: 'Acción', ownerId: users.E.id, kpi: { name: 'NPS' } },
      {
        title: 'Acción',
        ownerId: users.E.id,
        cardIds: Array.from({ length: 51 }, (_, i) => `c${i}`),
      },
      { title: 'Acción', ownerId: users.E.id, cardIds: ['same', 'same'] },
    ];
    for (const body of bad) {
      const response = await users.O.call('POST', base, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    await patch(users.O, action.id, {}, 400);
    await patch(users.O, action.id, { createdAt: '2020-01-01T00:00:00Z' }, 400);
    await patch(users.O, action.id, { title: null }, 400);
    expect((await list(users.O, mapId)).map((a) => a.title)).toEqual(['Acción']);
  });

  it('links only cards of the live map (400 unknown-card); a linked card deleted since may stay', async () => {
    const { mapId, view } = await newMap();
    const { web, call, kpi } = painPoints(view);
    const base = `/api/maps/${mapId}/actions`;
    // A card of another map (templates give the same ids to every copy: another template).
    const other = (await createMapAs(users.O, {
      title: 'Compra',
      template: 'ecommerce-purchase',
    })) as MapId;
    const elsewhere = await withMapDocument(s.hocuspocus, other, (doc) => readMap(doc).cards[0]);
    if (!elsewhere) throw new Error('the other map has no card');
    for (const body of [
      { cardIds: [web.id, 'no-such-card'] },
      { cardIds: [elsewhere.id] },
      { kpi: { name: 'NPS', target: '+5', cardId: 'no-such-card' } },
    ]) {
      const response = await users.O.call('POST', base, {
        title: 'Acción',
        ownerId: users.E.id,
        ...body,
      });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('unknown-card');
    }
    expect(await list(users.O, mapId)).toEqual([]);

    const action = await create(users.O, mapId, {
      title: 'Acción',
      ownerId: users.E.id,
      cardIds: [web.id],
      kpi: { name: 'NPS', target: '+5', cardId: kpi.id },
    });
    // Someone deletes the linked card on the board: editing the action still works.
    const editor = connectMap(s.url, mapId, { token: users.E.token });
    open.push(editor);
    await editor.synced;
    deleteCard(editor.doc, web.id as CardId);
    await expect
      .poll(() =>
        withMapDocument(s.hocuspocus, mapId, (doc) =>
          readMap(doc).cards.some((card) => card.id === web.id),
        ),
      )
      .toBe(false);
    await patch(users.O, action.id, { title: 'Sigue', cardIds: [web.id, call.id] });
    const response = await users.O.call('PATCH', `/api/actions/${action.id}`, {
      cardIds: [web.id, call.id, 'no-such-card'],
    });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('unknown-card');
    expect((await s.storage.actions.get(action.id))?.cardIds).toEqual([web.id, call.id]);
  });

  it('sets doneAt when an action becomes done, keeps it while done, clears it when it leaves done', async () => {
    const { mapId } = await newMap();
    const action = await create(users.O, mapId, { title: 'Acción', ownerId: users.C.id });
    expect(action.doneAt).toBeNull();
    const before = Date.now();
    const done = (
      (await (await patch(users.C, action.id, { status: 'done' })).json()) as {
        action: ActionJson;
      }
    ).action;
    expect(done.status).toBe('done');
    expect(done.doneAt).not.toBeNull();
    expect(Date.parse(done.doneAt ?? '')).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(done.doneAt ?? '')).toBeLessThanOrEqual(Date.now());
    const renamed = (
      (await (await patch(users.O, action.id, { title: 'Hecha' })).json()) as {
        action: ActionJson;
      }
    ).action;
    expect(renamed.doneAt).toBe(done.doneAt);
    const again = (
      (await (await patch(users.C, action.id, { status: 'done' })).json()) as {
        action: ActionJson;
      }
    ).action;
    expect(again.doneAt).toBe(done.doneAt);
    const reopened = (
      (await (await patch(users.C, action.id, { status: 'doing' })).json()) as {
        action: ActionJson;
      }
    ).action;
    expect(reopened.doneAt).toBeNull();
    const created = await create(users.O, mapId, {
      title: 'Ya hecha',
      ownerId: users.C.id,
      status: 'done',
    });
    expect(created.doneAt).toBe(created.createdAt);
  });

  it('GET /api/me/actions lists my actions across maps, and not once I am removed from a map', async () => {
    const first = await newMap('Primero');
    const second = await newMap('Segundo');
    const a = await create(users.O, first.mapId, {
      title: 'En el primero',
      ownerId: users.C.id,
      due: '2027-02-01',
    });
    const b = await create(users.E, second.mapId, {
      title: 'En el segundo',
      ownerId: users.C.id,
      due: '2027-01-01',
    });
    await create(users.O, second.mapId, { title: 'De otra persona', ownerId: users.V.id });
    const mine = async () =>
      (
        await users.C.json<{ actions: (ActionJson & { mapTitle: string })[] }>(
          'GET',
          '/api/me/actions',
        )
      ).actions;
    const before = await mine();
    const here = before.filter((x) => x.mapId === first.mapId || x.mapId === second.mapId);
    expect(here.map((x) => [x.title, x.mapTitle])).toEqual([
      ['En el segundo', 'Segundo'],
      ['En el primero', 'Primero'],
    ]);
    expect(here[0]).toEqual({ ...b, mapTitle: 'Segundo' });
    expect(before.every((x) => x.ownerId === users.C.id)).toBe(true);

    await users.O.json('DELETE', `/api/maps/${second.mapId}/members/${users.C.id}`, undefined, 204);
    const after = await mine();
    expect(after.some((x) => x.mapId === second.mapId)).toBe(false);
    expect(after.map((x) => x.id)).toContain(a.id);
    // Nor may she change it any more.
    expect((await users.C.call('PATCH', `/api/actions/${b.id}`, { status: 'done' })).status).toBe(
      404,
    );
  });
});

describe('the live document map:<id>/actions', () => {
  it('reaches a connected viewer after every accepted command, and is rebuilt from storage when it loads', async () => {
    const { mapId, view } = await newMap();
    const { web } = painPoints(view);
    const viewer = await connectActions(mapId, users.V);
    expect(readActions(viewer.doc)).toEqual([]);

    const action = await create(users.E, mapId, {
      title: 'Botón de alerta',
      ownerId: users.C.id,
      cardIds: [web.id],
    });
    await expect.poll(() => readActions(viewer.doc)).toEqual([action]);

    const { action: moved } = (await (
      await patch(users.C, action.id, { status: 'doing' })
    ).json()) as {
      action: ActionJson;
    };
    await expect.poll(() => readActions(viewer.doc)).toEqual([moved]);

    // A refused command changes nothing anywhere.
    await patch(users.V, action.id, { status: 'done' }, 403);
    const second = await create(users.O, mapId, { title: 'Chat', ownerId: users.V.id });
    await expect
      .poll(() => readActions(viewer.doc).map((a) => a.id))
      .toEqual([action.id, second.id]);
    expect(readActions(viewer.doc)[0]).toEqual(moved);

    expect((await users.O.call('DELETE', `/api/actions/${second.id}`)).status).toBe(204);
    await expect.poll(() => readActions(viewer.doc)).toEqual([moved]);

    // The document is server-owned: even an editor's own write is refused, reaching nobody.
    const forger = await connectActions(mapId, users.E);
    await expect.poll(() => readActions(forger.doc)).toEqual([moved]);
    forger.doc.getMap('actions').set(action.id, { ...moved, status: 'done' });
    forger.doc.getMap('actions').set('forged', { ...moved, id: 'forged' });
    // Messages of one connection are handled in order: once the server holds this awareness
    // marker, it has handled (and refused) the writes before it.
    forger.provider.setAwarenessField('probe', 'after-forgery');
    const name = actionsDocName(mapId);
    await expect
      .poll(
        () =>
          s.hocuspocus.documents.get(name)?.awareness.getStates().get(forger.doc.clientID)?.probe,
        { timeout: 10_000 },
      )
      .toBe('after-forgery');
    const serverDoc = s.hocuspocus.documents.get(name);
    expect(serverDoc && readActions(serverDoc)).toEqual([moved]);
    expect(readActions(viewer.doc)).toEqual([moved]);

    // Once nobody has it open it unloads; the next reader gets it rebuilt from storage.
    for (const client of open.splice(0)) client.destroy();
    await expect.poll(() => s.hocuspocus.documents.has(actionsDocName(mapId))).toBe(false);
    const later = await connectActions(mapId, users.C);
    expect(readActions(later.doc)).toEqual([moved]);
    expect(await s.storage.documents.load(actionsDocName(mapId))).toEqual({
      snapshot: null,
      tail: [],
    });
  });

  it('is refused to customers and non-members', async () => {
    const { mapId } = await newMap();
    await create(users.O, mapId, { title: 'Secreta', ownerId: users.E.id });
    for (const who of [users.U, users.X]) {
      const client = connectClient(s.url, actionsDocName(mapId), { token: who.token });
      open.push(client);
      const failed = new Promise<void>((resolve) => {
        client.provider.on('authenticationFailed', () => resolve());
      });
      await failed;
      expect(client.provider.isSynced).toBe(false);
      expect(readActions(client.doc)).toEqual([]);
    }
  });
});

describe('export of actions and pain points', () => {
  async function exportOf(user: TestUser, mapId: string, query: string): Promise<Response> {
    const response = await user.call('GET', `/api/maps/${mapId}/actions/export?${query}`);
    expect(response.status, query).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    return response;
  }

  it('CSV and XLSX read back with the expected rows, scores weighted by the map', async () => {
    const { mapId, view } = await newMap('Alerta de viaje');
    const { web, call, email, kpi } = painPoints(view);
    const stageName = (id: string) => view.stages.find((stage) => stage.id === id)?.name;
    const first = await create(users.O, mapId, {
      title: '=Botón de alerta',
      ownerId: users.C.id,
      department: 'digital',
      due: '2026-12-15',
      cardIds: [web.id, email.id],
      kpi: { name: 'Llamadas evitadas', target: '-30 %', cardId: kpi.id },
    });
    const done = await create(users.O, mapId, {
      title: 'Respuesta en 4 h',
      ownerId: users.E.id,
      status: 'done',
      cardIds: [email.id],
    });

    // Actions as CSV (the default), for a viewer.
    const csv = await exportOf(users.V, mapId, 'format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="alerta-de-viaje-actions.csv"',
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const actionRecords = parseCsv(Buffer.from(bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(actionRecords[0] ?? {})).toEqual([...ACTION_COLUMNS]);
    expect(actionRecords).toEqual([
      {
        title: "'=Botón de alerta",
        owner: 'Carla',
        department: 'digital',
        due: '2026-12-15',
        status: 'todo',
        cards: `${web.text}; ${email.text}`,
        kpi: 'Llamadas evitadas',
        kpi_target: "'-30 %",
        created_at: first.createdAt,
        done_at: '',
      },
      {
        title: 'Respuesta en 4 h',
        owner: 'Elena',
        department: '',
        due: '',
        status: 'done',
        cards: email.text,
        kpi: '',
        kpi_target: '',
        created_at: done.createdAt,
        done_at: done.doneAt,
      },
    ]);

    // Pain points as CSV: highest score first (default weights: 18, 15, 7).
    const painCsv = await exportOf(users.C, mapId, 'format=csv&what=pain-points');
    expect(painCsv.headers.get('content-disposition')).toBe(
      'attachment; filename="alerta-de-viaje-pain-points.csv"',
    );
    const painRecords = parseCsv(Buffer.from(await painCsv.arrayBuffer()), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(painRecords[0] ?? {})).toEqual([...PAIN_POINT_COLUMNS]);
    expect(painRecords.map((r) => [r.text, r.score, r.actions])).toEqual([
      [web.text, '18', "'=Botón de alerta"],
      [email.text, '15', "'=Botón de alerta; Respuesta en 4 h"],
      [call.text, '7', ''],
    ]);
    expect(painRecords[0]).toEqual({
      stage: stageName(web.stageId),
      lane_kind: 'pain-points',
      text: web.text,
      department: web.department ?? '',
      time: '2',
      cost: '2',
      customer_impact: '5',
      business_impact: '4',
      score: '18',
      moment_of_truth: 'false',
      actions: "'=Botón de alerta",
    });

    // The map's weights change the ranking: impact only (time and cost weigh nothing).
    const editor = connectMap(s.url, mapId, { token: users.E.token });
    open.push(editor);
    await editor.synced;
    setPriorityWeights(editor.doc, { timeToFix: 0, costToFix: 0 });
    await expect
      .poll(() =>
        withMapDocument(s.hocuspocus, mapId, (doc) => readMap(doc).meta.priorityWeights.timeToFix),
      )
      .toBe(0);

    // XLSX: both sheets.
    const xlsx = await exportOf(users.O, mapId, 'format=xlsx');
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers.get('content-disposition')).toBe(
      'attachment; filename="alerta-de-viaje-actions.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Actions', 'Pain points']);
    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      const values: unknown[][] = [];
      sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      return values;
    };
    const actionSheet = rowsOf('Actions');
    expect(actionSheet[0]).toEqual([...ACTION_COLUMNS]);
    expect(actionSheet.slice(1)).toEqual([
      [
        '=Botón de alerta',
        'Carla',
        'digital',
        '2026-12-15',
        'todo',
        `${web.text}; ${email.text}`,
        'Llamadas evitadas',
        '-30 %',
        first.createdAt,
      ],
      [
        'Respuesta en 4 h',
        'Elena',
        undefined,
        undefined,
        'done',
        email.text,
        undefined,
        undefined,
        done.createdAt,
        done.doneAt,
      ],
    ]);
    const painSheet = rowsOf('Pain points');
    expect(painSheet[0]).toEqual([...PAIN_POINT_COLUMNS]);
    // Impact squared: 4.5² = 20.25, 3.5² = 12.25, 3² = 9.
    expect(painSheet.slice(1).map((row) => [row[2], row[8], row[10]])).toEqual([
      [web.text, 20.25, '=Botón de alerta'],
      [call.text, 12.25, ''],
      [email.text, 9, '=Botón de alerta; Respuesta en 4 h'],
    ]);
    expect(painSheet[1]?.[1]).toBe('pain-points');
  });

  it('refuses an unknown format', async () => {
    const { mapId } = await newMap();
    for (const query of ['', 'format=pdf', 'format=csv&what=everything']) {
      const response = await users.O.call('GET', `/api/maps/${mapId}/actions/export?${query}`);
      expect(response.status, query).toBe(400);
    }
  });
});
