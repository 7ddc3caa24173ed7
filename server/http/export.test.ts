import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCardText } from '../../shared/operations/cards.ts';
import type { CardId, MapId } from '../../shared/ids.ts';
import type { MapJson } from '../../shared/interchange.ts';
import { CARD_COLUMNS } from '../export/cardRows.ts';
import { FIXTURE_STAGES, fixtureMapJson } from '../export/exportFixture.ts';
import { singlePageWidth } from '../export/printDocument.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { SESSION_COOKIE } from '../auth/sessionCookie.ts';
import { MAX_JSON_BODY_BYTES } from './app.ts';
import pino from 'pino';
import { PageRenderer } from '../export/pageRenderer.ts';
import { startServer } from '../server.ts';
import {
  makeDataDir,
  startTestServer,
  testStorageFactory,
  type TestServer,
} from '../test/testServer.ts';
import {
  anonymousCall,
  asUser,
  sessionTokenFrom,
  signUpUser,
  type TestUser,
} from '../test/testUser.ts';

/** Where the test leaves a PNG and a PDF to look at. */
const SHOTS = '/tmp/shots-export-server';

let s: TestServer;
let owner: TestUser;
beforeAll(async () => {
  s = await startTestServer();
  owner = await signUpUser(s.url, { name: 'Olga' });
});
afterAll(async () => {
  await s.dispose();
});

async function importMap(user: TestUser, json: unknown): Promise<string> {
  const response = await user.call('POST', '/api/maps/import', json);
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return (JSON.parse(text) as { id: string }).id;
}

async function exported(user: TestUser, mapId: string, query: string): Promise<Response> {
  const response = await user.call('GET', `/api/maps/${mapId}/export?${query}`);
  if (response.status !== 200)
    throw new Error(`${query} -> ${response.status}: ${await response.text()}`);
  return response;
}

async function exportedJson(mapId: string): Promise<MapJson> {
  return (await (await exported(owner, mapId, 'format=json')).json()) as MapJson;
}

async function mapIds(user: TestUser): Promise<string[]> {
  const { maps } = await user.json<{ maps: { id: string }[] }>('GET', '/api/maps');
  return maps.map((m) => m.id).sort();
}

describe('JSON export and import', () => {
  it('round-trips a map exactly, every field and unknown extra fields included', async () => {
    const fixture = fixtureMapJson();
    const first = await importMap(owner, fixture);
    const response = await exported(owner, first, 'format=json');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="alta-de-cliente-banca-movil.json"',
    );
    expect(response.headers.get('cache-control')).toContain('no-store');
    const once = (await response.json()) as MapJson;
    expect(once).toEqual(fixture);
    expect(once.meta.extra).toEqual({ 'x-workshop': { date: '2026-11-28', facilitator: 'Ana' } });
    expect(once.cards.some((c) => c.body !== undefined)).toBe(true);

    // The export imports again as a new map the importer owns, equal in every field.
    const second = await importMap(owner, once);
    expect(second).not.toBe(first);
    expect(await exportedJson(second)).toEqual(fixture);
    const { role, title } = await owner.json<{ role: string; title: string }>(
      'GET',
      `/api/maps/${second}`,
    );
    expect({ role, title }).toEqual({ role: 'owner', title: fixture.meta.title });
  });

  it('exports the live state that open editors see', async () => {
    const mapId = await importMap(owner, fixtureMapJson());
    const before = await exportedJson(mapId);
    const cardId = before.cards[0]?.id as CardId;
    await withMapDocument(s.hocuspocus, mapId as MapId, (doc) =>
      setCardText(doc, cardId, 'Cambiado ahora mismo'),
    );
    const after = await exportedJson(mapId);
    expect(after.cards.find((c) => c.id === cardId)?.paragraphs).toEqual(['Cambiado ahora mismo']);
  });
});

describe('CSV and XLSX export', () => {
  let mapId: string;
  const fixture = fixtureMapJson();
  beforeAll(async () => {
    mapId = await importMap(owner, fixture);
  });

  /** The expected rows: stage by stage, lane by lane, unplaced last (as strings, CSV-style). */
  const firstRows = [
    [
      'Descubrir',
      'Qué hace',
      'actions',
      'Busca «tarjeta sin comisiones»\nen Google',
      '',
      'web',
      '',
      '',
      '',
      '',
      '',
      '',
      'false',
    ],
    [
      'Descubrir',
      'Qué hace',
      'actions',
      `'=HYPERLINK("http://x.test","clic")`,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'false',
    ],
    [
      'Descubrir',
      'Cómo se siente',
      'emotions',
      'Emoción 1',
      '-2',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'false',
    ],
    [
      'Comparar',
      'Qué hace',
      'actions',
      '<script>alert(1)</script> & más',
      '',
      '',
      'marketing',
      '',
      '',
      '',
      '',
      '',
      'false',
    ],
    [
      'Comparar',
      'Cómo se siente',
      'emotions',
      'Emoción 2',
      '-1',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'false',
    ],
    [
      'Comparar',
      'Trastienda',
      'backstage',
      'Riesgo\nmuy alto',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'false',
    ],
    [
      'Contratar',
      'Cómo se siente',
      'emotions',
      'Emoción 3',
      '0',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'false',
    ],
    [
      'Contratar',
      'Dolores',
      'pain-points',
      'Le piden tres veces el DNI',
      '-2',
      'branch',
      'operations',
      '2',
      '1',
      '5',
      '4',
      '20.25',
      'true',
    ],
  ];

  it('CSV: UTF-8 with BOM, a header row, one row per card in board order', async () => {
    const response = await exported(owner, mapId, 'format=csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(Buffer.from(bytes), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...CARD_COLUMNS]);
    expect(rows.length - 1).toBe(fixture.cards.length);
    expect(rows.slice(1, 1 + firstRows.length)).toEqual(firstRows);
    // The unplaced card comes last, without its (deleted) stage.
    expect(rows.at(-1)?.slice(0, 4)).toEqual(['', 'Qué hace', 'actions', 'Sin ubicar']);
  });

  it('XLSX: sheet "Cards", bold header, the same rows with numbers as numbers', async () => {
    const response = await exported(owner, mapId, 'format=xlsx');
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Cards');
    expect(sheet).toBeDefined();
    if (!sheet) return;
    const values = (row: number) =>
      CARD_COLUMNS.map((_, i) => sheet.getRow(row).getCell(i + 1).value ?? null);
    expect(values(1)).toEqual([...CARD_COLUMNS]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(40);
    expect(sheet.rowCount - 1).toBe(fixture.cards.length);
    // No apostrophe in XLSX: a cell is a plain string there, never a formula.
    expect(values(3)[3]).toBe('=HYPERLINK("http://x.test","clic")');
    expect(values(9)).toEqual([
      'Contratar',
      'Dolores',
      'pain-points',
      'Le piden tres veces el DNI',
      -2,
      'branch',
      'operations',
      2,
      1,
      5,
      4,
      20.25,
      true,
    ]);
    expect(values(5)[0]).toBe('Comparar');
  });
});

describe('print, PDF and PNG export', () => {
  let mapId: string;
  beforeAll(async () => {
    mapId = await importMap(owner, fixtureMapJson());
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  it('html: a self-contained printable page with a strict policy and escaped text', async () => {
    const response = await exported(owner, mapId, 'format=html&layout=pages');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^inline;/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    // Only the app's own pages may frame it (the map page prints it from a hidden frame).
    expect(csp).toContain("frame-ancestors 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; más');
    expect(html).toContain('Alta de cliente «Banca» &lt;móvil&gt;');
    expect(html).toContain('TO-BE (experiencia futura)');
    expect(html).toContain('Curva emocional');
    expect(html).toContain('<svg class="curve"');
    expect(html).toContain('Etapas 1–6 de 8');
    for (const name of ['Qué hace', 'Cómo se siente', 'Dolores', 'Trastienda']) {
      // Each sheet repeats the lane titles.
      expect(html.split(`class="lane-title">${name}<`).length - 1).toBe(2);
    }
    // The map's language decides the labels.
    const en = await importMap(owner, fixtureMapJson('en'));
    const english = await (await exported(owner, en, 'format=html')).text();
    expect(english).toContain('TO-BE (designed future)');
    expect(english).toContain('Stages 7–8 of 8');
  });

  it('pdf: A3 landscape sheets that show every stage', async () => {
    const response = await exported(owner, mapId, 'format=pdf');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    fs.writeFileSync(path.join(SHOTS, 'fixture.pdf'), bytes);
    const pdf = await getDocumentProxy(bytes);
    expect(pdf.numPages).toBeGreaterThanOrEqual(2);
    const page = await pdf.getPage(1);
    const [, , width, height] = page.view as [number, number, number, number];
    // A3 landscape is 420 x 297 mm = 1190.55 x 841.89 pt.
    expect(Math.round(width)).toBe(1191);
    expect(Math.round(height)).toBe(842);
    const { text } = await extractText(pdf, { mergePages: true });
    for (const name of FIXTURE_STAGES) expect(text).toContain(name);
    expect(text).toContain('Curva emocional');
    expect(text).toContain('Le piden tres veces el DNI');
  });

  it('pdf with layout=single: one page holding the whole board', async () => {
    const bytes = new Uint8Array(
      await (await exported(owner, mapId, 'format=pdf&layout=single')).arrayBuffer(),
    );
    const pdf = await getDocumentProxy(bytes);
    expect(pdf.numPages).toBe(1);
    const { text } = await extractText(pdf, { mergePages: true });
    for (const name of FIXTURE_STAGES) expect(text).toContain(name);
  });

  it('png: a valid PNG of the whole board on one page', async () => {
    const response = await exported(owner, mapId, 'format=png');
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    fs.writeFileSync(path.join(SHOTS, 'fixture.png'), bytes);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBe(singlePageWidth(FIXTURE_STAGES.length));
    expect(height).toBeGreaterThan(400);
    expect(height).toBeLessThan(4000);
  });
});

describe('without Chromium on the server', () => {
  it('answers 503 export-unavailable for PDF and PNG, and still exports the rest', async () => {
    const dataDir = makeDataDir();
    const logger = pino({ level: 'silent' });
    const bare = await startServer(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir,
        publicUrl: undefined,
        logLevel: 'silent',
        clientDir: path.join(dataDir, 'no-client'),
        seedDemo: false,
      },
      logger,
      {
        storage: await testStorageFactory()(dataDir),
        exportRenderer: new PageRenderer({ logger, executablePath: null }),
      },
    );
    try {
      const user = await signUpUser(bare.url);
      const mapId = await importMap(user, fixtureMapJson());
      for (const format of ['pdf', 'png']) {
        const response = await user.call('GET', `/api/maps/${mapId}/export?format=${format}`);
        expect(response.status).toBe(503);
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe('export-unavailable');
        expect(error.message).toContain('Chromium');
      }
      for (const format of ['json', 'csv', 'xlsx', 'html']) {
        expect((await user.call('GET', `/api/maps/${mapId}/export?format=${format}`)).status).toBe(
          200,
        );
      }
    } finally {
      await bare.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('who may export', () => {
  it('every internal role may; customers may not; non-members do not see the map', async () => {
    const mapId = await importMap(owner, fixtureMapJson());
    const roles = ['editor', 'commenter', 'viewer', 'customer'] as const;
    const users: Record<string, TestUser> = {};
    for (const role of roles) {
      users[role] = await signUpUser(s.url);
      await owner.json(
        'POST',
        `/api/maps/${mapId}/members`,
        { email: users[role]?.email, role },
        201,
      );
    }
    const stranger = await signUpUser(s.url);
    for (const format of ['json', 'csv', 'xlsx', 'html']) {
      for (const role of ['editor', 'commenter', 'viewer']) {
        const response = await users[role]?.call(
          'GET',
          `/api/maps/${mapId}/export?format=${format}`,
        );
        expect(response?.status, `${role} ${format}`).toBe(200);
      }
      const customer = await users.customer?.call(
        'GET',
        `/api/maps/${mapId}/export?format=${format}`,
      );
      expect(customer?.status).toBe(403);
      expect(JSON.stringify(await customer?.json())).not.toContain('Trastienda');
      expect(
        (await stranger.call('GET', `/api/maps/${mapId}/export?format=${format}`)).status,
      ).toBe(404);
      expect(
        (await anonymousCall(s.url, 'GET', `/api/maps/${mapId}/export?format=${format}`)).status,
      ).toBe(401);
    }
    expect((await owner.call('GET', `/api/maps/${mapId}/export?format=docx`)).status).toBe(400);
    expect((await owner.call('GET', `/api/maps/${mapId}/export`)).status).toBe(400);
  });
});

describe('bad imports', () => {
  async function refused(body: string, contentType = 'application/json') {
    const before = await mapIds(owner);
    const response = await fetch(`${s.url}/api/maps/import`, {
      method: 'POST',
      headers: {
        Cookie: `${SESSION_COOKIE}=${owner.token}`,
        Origin: s.url,
        'Content-Type': contentType,
      },
      body,
    });
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(await mapIds(owner)).toEqual(before);
    return { status: response.status, ...answer.error };
  }

  it('refuses what is not a map file with 400 and the problems, and creates nothing', async () => {
    await importMap(owner, fixtureMapJson());
    const good = fixtureMapJson();

    const notJson = await refused('{"format": "recorrido.map", ');
    expect(notJson).toMatchObject({ status: 400, code: 'invalid-map-file' });
    expect(notJson.message).toMatch(/not JSON/);

    const wrongFormat = await refused(JSON.stringify({ ...good, format: 'trello.board' }));
    expect(wrongFormat).toMatchObject({ status: 400, code: 'invalid-map-file' });
    expect(wrongFormat.message).toContain('format');

    const wrongVersion = await refused(JSON.stringify({ ...good, version: 99 }));
    expect(wrongVersion.message).toContain('version');

    const badFields = await refused(
      JSON.stringify({
        ...good,
        lanes: good.lanes.map((l, i) => (i === 0 ? { ...l, kind: 'karaoke' } : l)),
        cards: good.cards.map((c, i) => (i === 0 ? { ...c, emotion: 7 } : c)),
      }),
    );
    expect(badFields).toMatchObject({ status: 400, code: 'invalid-map-file' });
    expect(badFields.message).toContain('lanes[0].kind');
    expect(badFields.message).toContain('cards[0].emotion');

    const duplicate = await refused(
      JSON.stringify({ ...good, stages: [...good.stages, good.stages[0]] }),
    );
    expect(duplicate).toMatchObject({ status: 400, code: 'invalid-map-file' });
    expect(duplicate.message).toContain(`duplicate stages id ${good.stages[0]?.id}`);

    const notAnObject = await refused('[1, 2, 3]');
    expect(notAnObject).toMatchObject({ status: 400, code: 'invalid-map-file' });
  });

  it('a guest (a customer without an account) cannot import', async () => {
    const mapId = await importMap(owner, fixtureMapJson());
    const invite = await owner.json<{ token: string }>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'customer' },
      201,
    );
    const accept = await anonymousCall(s.url, 'POST', `/api/invites/${invite.token}/accept`, {
      name: 'Carla',
    });
    expect(accept.status).toBe(200);
    const guest = asUser(
      s.url,
      { id: '', email: '', name: 'Carla' },
      sessionTokenFrom(accept) ?? '',
    );
    const refusedImport = await guest.call('POST', '/api/maps/import', fixtureMapJson());
    expect(refusedImport.status).toBe(403);
    expect((await guest.json<{ maps: unknown[] }>('GET', '/api/maps')).maps).toHaveLength(1);
    expect((await guest.call('GET', `/api/maps/${mapId}/export?format=json`)).status).toBe(403);
  });

  it('a signed-out caller cannot import', async () => {
    const response = await anonymousCall(s.url, 'POST', '/api/maps/import', fixtureMapJson());
    expect(response.status).toBe(401);
  });

  // Last in the file: the server answers 413 before reading the body and closes that connection.
  it('refuses a file larger than the API body limit before reading it', async () => {
    const good = fixtureMapJson();
    const padding = 'x'.repeat(MAX_JSON_BODY_BYTES);
    const tooLarge = await refused(
      JSON.stringify({ ...good, meta: { ...good.meta, extra: { padding } } }),
    );
    expect(tooLarge).toMatchObject({ status: 413, code: 'body_too_large' });
  });
});
