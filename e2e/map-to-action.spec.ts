import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';
import { expectAccessible } from './support/axe.ts';

// Issue 14's whole way from map to action, in one live session of three departments on the
// Spanish demo map: Olga (Digital, owner) facilitates, Beto (Centro de contacto, editor) and Sara
// (Red de sucursales, commenter) take part, each in their own browser. The silo lens shows the
// three of them present and a pain point nobody owns; they vote on the pain points (a forged vote
// is refused); the top-voted one becomes an action owned by Beto, from another department, who
// finds it in "My actions"; the exports read back with that action and the ranked pain points.
const server = serverForThisFile();
test.describe.configure({ timeout: 240_000 });

const CALL = 'No hay chat y el centro de contacto';
const EMAIL = 'El correo promete respuesta en 48 horas';
const WEB = 'La web no ofrece ninguna forma visible';
const ACTION = 'Chat y devolución de llamada fuera de horario';

let mapId = '';
let olga: BrowserContext;
let beto: BrowserContext;
let sara: BrowserContext;
let olgaId = '';

test.beforeAll(async ({ browser }) => {
  const options = { locale: 'es-ES', viewport: { width: 1366, height: 900 } };
  olga = await browser.newContext({ ...options, acceptDownloads: true });
  beto = await browser.newContext(options);
  sara = await browser.newContext(options);
  // Olga is the first account: she owns the seeded demo maps.
  await signUpVia(olga, server.url, person('Olga', 'digital'));
  const betoPerson = { ...person('Beto', 'contact-centre'), name: 'Beto Contacto' };
  const saraPerson = { ...person('Sara', 'branches'), name: 'Sara Sucursales' };
  await signUpVia(beto, server.url, betoPerson);
  await signUpVia(sara, server.url, saraPerson);
  mapId = await mapIdByTitle(olga, server.url, 'viaje');
  await addMemberVia(olga, server.url, mapId, betoPerson.email, 'editor');
  await addMemberVia(olga, server.url, mapId, saraPerson.email, 'commenter');
  olgaId = ((await (await olga.request.get(`${server.url}/api/me`)).json()) as { id: string }).id;
});

test.afterAll(async () => {
  await Promise.all([olga?.close(), beto?.close(), sara?.close()]);
});

function card(page: Page, text: string): Locator {
  return page.getByTestId('card').filter({ hasText: text }).first();
}

test('three departments find an unowned pain point, vote, and the top one becomes an action owned by another department', async () => {
  const boards = await Promise.all(
    [olga, beto, sara].map(async (context) => {
      const board = new MapBoardPage(await context.newPage());
      await board.open(server.url, mapId);
      return board;
    }),
  );
  const [o, b, s] = boards.map((board) => board.page) as [Page, Page, Page];
  const callId = (await card(o, CALL).getAttribute('data-card-id')) ?? '';
  expect(callId).not.toBe('');

  // The silo lens: the three departments are here, and the pain point of the call stage has no
  // department: a gap, framed on the board.
  await o.getByTestId('silo-button').click();
  const lens = o.getByTestId('silo-panel');
  await expect(lens).toBeVisible();
  const gap = lens.locator(`[data-testid="silo-gap"][data-card-id="${callId}"]`);
  await expect(gap).toContainText(CALL);
  await expect(card(o, CALL)).toHaveClass(/card--silo-gap/);
  for (const department of ['digital', 'contact-centre', 'branches']) {
    await expect(
      lens.locator(`[data-testid="silo-chip"][data-department="${department}"]`).first(),
    ).toHaveAttribute('data-present', 'true');
  }
  await expectAccessible(o, '[data-testid="silo-panel"]');
  await o.getByTestId('silo-button').click();

  // Olga starts a round on the pain points, two votes each.
  await o.getByRole('button', { name: /^Votación/ }).click();
  const panel = o.getByTestId('votes-panel');
  await panel.getByLabel('Votos por persona').fill('2');
  await panel.getByRole('radio', { name: /Solo puntos de dolor/ }).check();
  await panel.getByRole('button', { name: 'Empezar la votación' }).click();
  await expect(panel).toContainText('Votación abierta: 3 tarjetas');

  // Everyone votes for the call's pain point; Olga and Beto also for the e-mail, Sara for the web.
  const votes: [Page, string[]][] = [
    [o, [CALL, EMAIL]],
    [b, [CALL, EMAIL]],
    [s, [CALL, WEB]],
  ];
  for (const [page, texts] of votes) {
    for (const text of texts) {
      const toggle = card(page, text).getByTestId('vote-toggle');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    }
  }
  await expect(panel.getByTestId('votes-voters')).toHaveText('3');
  // While the round is open nobody sees a count.
  for (const page of [o, b, s]) await expect(page.getByTestId('vote-badge')).toHaveCount(0);

  // Sara forges a vote in Olga's name: refused, and nothing is counted for it.
  const { rounds } = (await (
    await s.request.get(`${server.url}/api/maps/${mapId}/vote-rounds`)
  ).json()) as { rounds: { id: string }[] };
  const roundId = rounds[0]?.id ?? '';
  const forged = await s.request.post(`${server.url}/api/vote-rounds/${roundId}/votes`, {
    headers: { Origin: server.url },
    data: { cardId: callId, userId: olgaId },
  });
  expect(forged.status()).toBe(400);

  // Olga closes the round: the call's pain point comes first with three votes.
  await panel.getByRole('button', { name: 'Cerrar la votación y ver resultados' }).click();
  const results = panel.getByTestId('votes-result');
  await expect(results).toHaveCount(3);
  await expect(results.nth(0)).toContainText(CALL);
  await expect(results.nth(0).getByTestId('votes-result-count')).toHaveText('3 votos');
  await expect(results.nth(1)).toContainText(EMAIL);
  await expect(card(s, CALL).getByTestId('vote-badge')).toContainText('3');
  await o.getByRole('button', { name: /^Votación/ }).click();
  await expect(panel).toHaveCount(0);

  // The top-voted pain point becomes an action owned by Beto (Centro de contacto).
  await card(o, CALL).locator('.card__more').click();
  await o.getByTestId('turn-into-action').click();
  await expect(o).toHaveURL(new RegExp(`/maps/${mapId}/actions`));
  const dialog = o.getByTestId('action-dialog');
  await expect(dialog.locator(`input[data-card-id="${callId}"]`)).toBeChecked();
  await dialog.getByTestId('action-title').fill(ACTION);
  await dialog
    .getByTestId('action-owner')
    .selectOption({ label: 'Beto Contacto (Centro de contacto)' });
  await dialog.getByTestId('action-department').selectOption('contact-centre');
  await dialog.getByTestId('action-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(o.getByTestId('action-item').filter({ hasText: ACTION })).toBeVisible();

  // Beto's board shows the card's action, and "My actions" lists it.
  await expect(card(b, CALL).getByTestId('card-action-status')).toHaveAttribute(
    'data-status',
    'todo',
  );
  await b.goto(server.url);
  await b.getByTestId('my-actions-link').click();
  const mine = b.getByTestId('action-item').filter({ hasText: ACTION });
  await expect(mine).toBeVisible();
  await expect(mine).toContainText('Aviso de viaje de Bob');
  // Sara owns nothing.
  const saraMine = (await (await s.request.get(`${server.url}/api/me/actions`)).json()) as {
    actions: unknown[];
  };
  expect(saraMine.actions).toEqual([]);

  // The exports read back: the action with its owner, and the pain points with it.
  const csv = await o.request.get(
    `${server.url}/api/maps/${mapId}/actions/export?format=csv&what=actions`,
  );
  expect(csv.status()).toBe(200);
  const actionRows = parseCsv(await csv.text(), { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  expect(actionRows).toHaveLength(1);
  expect(actionRows[0]).toMatchObject({ title: ACTION, owner: 'Beto Contacto', status: 'todo' });
  const painCsv = await o.request.get(
    `${server.url}/api/maps/${mapId}/actions/export?format=csv&what=pain-points`,
  );
  const painRows = parseCsv(await painCsv.text(), { columns: true, bom: true }) as Record<
    string,
    string
  >[];
  const called = painRows.find((row) => row.text?.startsWith(CALL));
  expect(called?.actions).toBe(ACTION);
  const xlsx = await o.request.get(`${server.url}/api/maps/${mapId}/actions/export?format=xlsx`);
  expect(xlsx.status()).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(await xlsx.body()).buffer);
  const sheet = book.getWorksheet('Actions');
  expect(sheet?.rowCount).toBe(2);
  const header = (sheet?.getRow(1).values as unknown[]).slice(1);
  const row = (sheet?.getRow(2).values as unknown[]).slice(1);
  expect(row[header.indexOf('title')]).toBe(ACTION);
  expect(row[header.indexOf('owner')]).toBe('Beto Contacto');
  expect(book.getWorksheet('Pain points')?.rowCount).toBeGreaterThan(3);
});
