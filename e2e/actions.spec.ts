import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect, request, test, type BrowserContext, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';
import { expectAccessible } from './support/axe.ts';

// Owned actions (issue 14): an editor (Digital) turns a pain point of the demo map into an action
// owned by a commenter of another department (Operations). He sees it live on the board and in
// "My actions", moves it to done (allowed for its owner) but has no way to edit its title, and
// the server refuses him if he tries; the follow-up and the exports follow.
const server = serverForThisFile();
// Two browsers, several pages and downloads on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });
const SHOTS = '/tmp/shots-actions-client';
const PAIN = 'La web no ofrece ninguna forma visible';
const KPI = 'Tasa de éxito de la tarea en la web';
const TARGET = '80 % de avisos completados en la web';
const TITLE = 'Botón visible de aviso de viaje en la web';

let mapId = '';
let ana: BrowserContext;
let luis: BrowserContext;
let actionId = '';

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The owner of the demo maps (first account) works through the API only.
  const owner = await request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { Origin: server.url },
  });
  expect((await owner.post('/api/auth/signup', { data: person('Olga') })).status()).toBe(201);
  const { maps } = (await (await owner.get('/api/maps')).json()) as {
    maps: { id: string; title: string }[];
  };
  mapId = maps.find((m) => m.title.toLowerCase().includes('viaje'))?.id ?? '';
  expect(mapId).not.toBe('');
  const viewport = { width: 1280, height: 900 };
  ana = await browser.newContext({ locale: 'es-ES', viewport, acceptDownloads: true });
  luis = await browser.newContext({ locale: 'es-ES', viewport });
  const anaWho = person('Ana', 'digital');
  const luisWho = { ...person('Luis', 'operations'), name: 'Luis Operaciones' };
  await signUpVia(ana, server.url, anaWho);
  await signUpVia(luis, server.url, luisWho);
  for (const [who, role] of [
    [anaWho, 'editor'],
    [luisWho, 'commenter'],
  ] as const) {
    const added = await owner.post(`/api/maps/${mapId}/members`, {
      data: { email: who.email, role },
    });
    expect(added.status(), await added.text()).toBe(201);
  }
  await owner.dispose();
});

test.afterAll(async () => {
  await ana?.close();
  await luis?.close();
});

/** A calendar day `days` from today in the browser's time zone, as YYYY-MM-DD. */
async function dayFromToday(page: Page, days: number): Promise<string> {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x: number) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);
}

test('an editor turns a pain point into an action owned by a colleague, who follows it to done', async () => {
  // Luis (commenter, Operations) has the board open: the badge must reach him live.
  const luisPage = await luis.newPage();
  const luisBoard = new MapBoardPage(luisPage);
  await luisBoard.open(server.url, mapId);
  const luisCard = luisPage.getByTestId('card').filter({ hasText: PAIN }).first();
  await expect(luisCard).toBeVisible();
  await expect(luisCard.getByTestId('card-action-status')).toHaveCount(0);
  // He may not create actions: his card details offer no "Turn into action".
  await luisCard.locator('.card__more').click();
  await expect(luisPage.getByTestId('card-details')).toBeVisible();
  await expect(luisPage.getByTestId('turn-into-action')).toHaveCount(0);
  await luisPage.keyboard.press('Escape');

  // Ana (editor) opens the pain point's details and turns it into an action.
  const anaPage = await ana.newPage();
  const anaBoard = new MapBoardPage(anaPage);
  await anaBoard.open(server.url, mapId);
  await expect(anaPage.getByTestId('actions-link')).toBeVisible();
  const anaCard = anaPage.getByTestId('card').filter({ hasText: PAIN }).first();
  const painCardId = (await anaCard.getAttribute('data-card-id')) ?? '';
  expect(painCardId).not.toBe('');
  await anaPage.locator('.topbar').screenshot({ path: path.join(SHOTS, 'map-header-es.png') });
  await anaCard.locator('.card__more').click();
  await expect(anaPage.getByTestId('turn-into-action')).toHaveText('Convertir en acción');
  await anaPage.screenshot({ path: path.join(SHOTS, 'card-details-es.png') });
  await anaPage.getByTestId('turn-into-action').click();

  // The create dialog, prefilled from the card: its text as title, the card linked.
  await expect(anaPage).toHaveURL(new RegExp(`/maps/${mapId}/actions`));
  const dialog = anaPage.getByTestId('action-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('action-title')).toHaveValue(new RegExp(`^${PAIN}`));
  await expect(dialog.locator(`input[data-card-id="${painCardId}"]`)).toBeChecked();
  // The owner is picked among the map's members.
  const owner = dialog.getByTestId('action-owner');
  await expect(owner.locator('option', { hasText: 'Luis Operaciones' })).toHaveCount(1);
  await dialog.getByTestId('action-title').fill(TITLE);
  await owner.selectOption({ label: 'Luis Operaciones (Operaciones)' });
  await dialog.getByTestId('action-department').selectOption('operations');
  await dialog.getByTestId('action-due').fill(await dayFromToday(anaPage, 3));
  const kpiSelect = dialog.getByTestId('action-kpi');
  const kpiValue = await kpiSelect.locator('option', { hasText: KPI }).getAttribute('value');
  await kpiSelect.selectOption(kpiValue ?? '');
  await dialog.getByTestId('action-kpi-target').fill(TARGET);
  await expectAccessible(anaPage, '[data-testid="action-dialog"]');
  await dialog.screenshot({ path: path.join(SHOTS, 'dialog-es.png') });
  await dialog.getByTestId('action-save').click();
  await expect(dialog).toHaveCount(0);

  // The list and the follow-up of the map show it: due this week, and a quick win (the card
  // scores 18 with effort 2).
  const item = anaPage.getByTestId('action-item').filter({ hasText: TITLE });
  await expect(item).toBeVisible();
  actionId = (await item.getAttribute('data-action-id')) ?? '';
  expect(actionId).not.toBe('');
  await expect(item.getByTestId('action-item-owner')).toHaveText('Luis Operaciones');
  await expect(item).toContainText(KPI);
  await expect(item).toContainText(TARGET);
  await expect(item.getByRole('link', { name: new RegExp(PAIN) })).toHaveAttribute(
    'href',
    `/maps/${mapId}?card=${painCardId}`,
  );
  await expect(anaPage.getByTestId('follow-up-dueThisWeek')).toContainText(TITLE);
  await expect(anaPage.getByTestId('follow-up-quickWins')).toContainText(TITLE);
  await expect(anaPage.getByTestId('follow-up-doneLastWeek')).not.toContainText(TITLE);
  await expect(anaPage).toHaveURL(new RegExp(`/maps/${mapId}/actions$`));

  // Luis's board shows the card's action live, to do.
  const luisBadge = luisCard.getByTestId('card-action-status');
  await expect(luisBadge).toHaveAttribute('data-status', 'todo');
  await expect(luisBadge).toHaveAccessibleName(/Acciones: Por hacer \(0 de 1 hechas\)/);

  // From the map list, "My actions": his action, a status he may change, nothing else to edit.
  await luisPage.goto(server.url);
  await luisPage.getByTestId('my-actions-link').click();
  await expect(luisPage).toHaveURL(/\/actions$/);
  const mine = luisPage.getByTestId('action-item').filter({ hasText: TITLE });
  await expect(mine).toBeVisible();
  await expect(mine.getByRole('link', { name: /Aviso de viaje de Bob/ })).toBeVisible();
  await expect(mine.getByTestId('action-edit')).toHaveCount(0);
  await expect(mine.getByTestId('action-delete')).toHaveCount(0);
  await expect(luisPage.getByTestId('follow-up-dueThisWeek')).toContainText(TITLE);
  await expectAccessible(luisPage);

  await mine.getByTestId('action-item-status').selectOption('doing');
  // Ana's page follows live (the server-owned document).
  await expect(item.getByTestId('action-item-status')).toHaveValue('doing');
  await mine.getByTestId('action-item-status').selectOption('done');
  await expect(mine.getByTestId('action-item-status')).toHaveValue('done');
  await expect(luisPage.getByTestId('follow-up-doneLastWeek')).toContainText(TITLE);
  await expect(luisPage.getByTestId('follow-up-dueThisWeek')).not.toContainText(TITLE);
  await expect(item.getByTestId('action-item-status')).toHaveValue('done');
  await expect(anaPage.getByTestId('follow-up-doneLastWeek')).toContainText(TITLE);
  await expect(anaPage.getByTestId('follow-up-quickWins')).not.toContainText(TITLE);
  await luisPage.screenshot({ path: path.join(SHOTS, 'my-actions-es.png'), fullPage: true });

  // He may change only the status: the server refuses his title change, and the title stays.
  const forged = await luis.request.patch(`${server.url}/api/actions/${actionId}`, {
    headers: { Origin: server.url },
    data: { title: 'Renombrada por Luis' },
  });
  expect(forged.status()).toBe(403);
  const listed = (await (await luis.request.get(`${server.url}/api/me/actions`)).json()) as {
    actions: { id: string; title: string; status: string; mapTitle: string }[];
  };
  expect(listed.actions.find((a) => a.id === actionId)).toMatchObject({
    title: TITLE,
    status: 'done',
  });

  // The map's actions page: as a commenter he changes the status of his own action only.
  await luisPage.goto(`${server.url}/maps/${mapId}/actions`);
  const onMap = luisPage.getByTestId('action-item').filter({ hasText: TITLE });
  await expect(onMap.getByTestId('action-item-status')).toHaveValue('done');
  await expect(onMap.getByTestId('action-edit')).toHaveCount(0);
  await expect(luisPage.getByTestId('action-new')).toHaveCount(0);
  await expectAccessible(luisPage);

  // Back on the board, the card says done.
  await luisBoard.open(server.url, mapId);
  await expect(luisCard.getByTestId('card-action-status')).toHaveAttribute('data-status', 'done');
  await luisCard.screenshot({ path: path.join(SHOTS, 'card-badge-es.png') });

  await anaPage.screenshot({ path: path.join(SHOTS, 'map-actions-es.png'), fullPage: true });
  await expectAccessible(anaPage);
  await anaPage.close();
  await luisPage.close();
});

test('an editor creates, edits and deletes an action; CSV and XLSX downloads arrive with the rows', async () => {
  const page = await ana.newPage();
  await page.goto(`${server.url}/maps/${mapId}/actions`);
  await expect(page.getByTestId('action-item').filter({ hasText: TITLE })).toBeVisible();

  // A new action, overdue: typed KPI.
  await page.getByTestId('action-new').click();
  const dialog = page.getByTestId('action-dialog');
  await dialog.getByTestId('action-title').fill('Revisar el guion del centro de contacto');
  await dialog.getByTestId('action-due').fill(await dayFromToday(page, -2));
  await dialog.getByTestId('action-kpi').selectOption('typed');
  await dialog.getByTestId('action-kpi-name').fill('Llamadas fuera de horario');
  await dialog.getByTestId('action-kpi-target').fill('< 5 %');
  await dialog.getByTestId('action-save').click();
  await expect(dialog).toHaveCount(0);
  const item = page.getByTestId('action-item').filter({ hasText: 'Revisar el guion' });
  await expect(item).toContainText('vencida');
  await expect(page.getByTestId('follow-up-overdue')).toContainText('Revisar el guion');

  // Edit its title.
  await item.getByTestId('action-edit').click();
  await expect(dialog.getByTestId('action-kpi-name')).toHaveValue('Llamadas fuera de horario');
  await dialog.getByTestId('action-title').fill('Revisar el guion nocturno');
  await dialog.getByTestId('action-save').click();
  const edited = page.getByTestId('action-item').filter({ hasText: 'Revisar el guion nocturno' });
  await expect(edited).toBeVisible();

  // Exports: actions CSV, pain points CSV, XLSX (two sheets).
  const save = async (testId: string): Promise<string> => {
    const download = page.waitForEvent('download');
    await page.getByTestId(testId).click();
    const file = await download;
    const saved = path.join(SHOTS, `download-${testId}-${file.suggestedFilename()}`);
    await file.saveAs(saved);
    return saved;
  };
  const actionsCsv = parseCsv(fs.readFileSync(await save('export-actions-csv')), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  expect(actionsCsv.map((r) => r.title).sort()).toEqual([TITLE, 'Revisar el guion nocturno']);
  expect(actionsCsv.find((r) => r.title === TITLE)).toMatchObject({
    owner: 'Luis Operaciones',
    status: 'done',
    kpi_target: TARGET,
  });
  const painCsv = parseCsv(fs.readFileSync(await save('export-pain-points-csv')), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  const painRow = painCsv.find((r) => r.text?.startsWith(PAIN));
  expect(painRow?.actions).toBe(TITLE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await save('export-xlsx'));
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['Actions', 'Pain points']);
  expect(workbook.getWorksheet('Actions')?.actualRowCount).toBe(3);

  // Delete, after a confirmation (Cancel first keeps it).
  await edited.getByTestId('action-delete').click();
  await expect(edited.getByRole('alert')).toContainText('¿Eliminar la acción');
  await edited.getByRole('button', { name: 'Cancelar' }).click();
  await expect(edited).toBeVisible();
  await edited.getByTestId('action-delete').click();
  await edited.getByRole('button', { name: 'Eliminar', exact: true }).click();
  await expect(edited).toHaveCount(0);
  await expect(page.getByTestId('follow-up-overdue')).not.toContainText('Revisar el guion');
  await page.close();
});

test('screenshots: English and a 390 px phone', async () => {
  // Ana's session in English, then on a phone-sized window.
  const page = await ana.newPage();
  await page.goto(`${server.url}/maps/${mapId}/actions`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Actions', level: 1 })).toBeVisible();
  await expect(page.getByTestId('follow-up-doneLastWeek')).toContainText(TITLE);
  await page.screenshot({ path: path.join(SHOTS, 'map-actions-en.png'), fullPage: true });
  await page.getByTestId('action-new').click();
  await expect(page.getByTestId('action-dialog')).toBeVisible();
  await page.getByTestId('action-dialog').screenshot({ path: path.join(SHOTS, 'dialog-en.png') });
  await expectAccessible(page, '[data-testid="action-dialog"]');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-dialog')).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'map-actions-390.png'), fullPage: true });
  // Nothing scrolls sideways on a phone.
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
    390,
  );
  await page.getByTestId('action-new').click();
  await page.screenshot({ path: path.join(SHOTS, 'dialog-390.png') });
  await page.keyboard.press('Escape');
  await page.close();

  const phone = await luis.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(server.url);
  await expect(phone.getByTestId('my-actions-link')).toBeVisible();
  await phone.screenshot({ path: path.join(SHOTS, 'map-list-390.png') });
  await phone.goto(`${server.url}/actions`);
  await expect(phone.getByTestId('action-item').filter({ hasText: TITLE })).toBeVisible();
  expect(Number(await phone.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
    390,
  );
  await phone.screenshot({ path: path.join(SHOTS, 'my-actions-390.png'), fullPage: true });
  await phone.close();
});
