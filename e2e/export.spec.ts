import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();
const SHOTS = '/tmp/shots-export-server';
const PHONE = { width: 390, height: 844 };

let owner: BrowserContext;
let mapId = '';

/** Ana, the first account: she owns the seeded Spanish demo map. */
test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  owner = await browser.newContext({ locale: 'es-ES', acceptDownloads: true });
  await signUpVia(owner, server.url, person('Ana'));
  mapId = await mapIdByTitle(owner, server.url, 'viaje');
});

test.afterAll(async () => {
  await owner.close();
});

async function expectNoSeriousViolations(page: Page, include: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

async function openBoard(viewport?: typeof PHONE): Promise<MapBoardPage> {
  const page = await owner.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const board = new MapBoardPage(page);
  await board.open(server.url, mapId);
  return board;
}

test('the Export menu downloads every format; Print and Ctrl+P print the printable board, not the screen', async () => {
  const { page } = await openBoard();
  await page.getByRole('button', { name: 'Exportar', exact: true }).click();
  const menu = page.getByTestId('export-menu');
  await expect(menu).toBeVisible();
  await expectNoSeriousViolations(page, '[data-testid="export-menu"]');
  await page.screenshot({ path: path.join(SHOTS, 'menu-es.png') });

  const expected = {
    'JSON (para importar)': /\.json$/,
    'CSV (tarjetas)': /\.csv$/,
    'Excel (tarjetas)': /\.xlsx$/,
    'PDF (A3, por páginas)': /\.pdf$/,
    'PNG (todo el tablero)': /\.png$/,
  };
  for (const [label, name] of Object.entries(expected)) {
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await menu.getByRole('button', { name: label }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(name);
    const saved = path.join(SHOTS, `download-${file.suggestedFilename()}`);
    await file.saveAs(saved);
    expect(fs.statSync(saved).size).toBeGreaterThan(100);
  }
  await expect(menu.getByRole('alert')).toHaveCount(0);

  // Print: the printable page (the PDF's layout) in a hidden frame of the map page, printed
  // from there; the board on screen (windowed, with its controls) is not what gets printed.
  await menu.getByRole('button', { name: 'Imprimir' }).click();
  const frameElement = page.getByTestId('print-frame');
  await expect(frameElement).toHaveAttribute(
    'src',
    `/api/maps/${mapId}/export?format=html&layout=pages`,
  );
  // (The frame is hidden: its page is checked as it will print, not as shown.)
  const printed = page.frameLocator('[data-testid="print-frame"]');
  await expect(printed.locator('h1')).toHaveText(/\S/);
  await expect(printed.locator('table.board').first()).toBeAttached();
  // No app controls in it: no button, no form field, no script.
  await expect(printed.locator('button, input, select, textarea, script')).toHaveCount(0);
  const print = await owner.newPage();
  await print.setViewportSize({ width: 1587, height: 1123 });
  await print.goto(`${server.url}/api/maps/${mapId}/export?format=html&layout=pages`);
  await print.screenshot({ path: path.join(SHOTS, 'print-page-es.png') });
  await print.close();

  // The keyboard's print shortcut on the map page does the same.
  await frameElement.evaluate((element) => element.remove());
  await expect(frameElement).toHaveCount(0);
  await page.keyboard.press('Control+p');
  await expect(printed.locator('table.board').first()).toBeAttached();
  await page.close();
});

test('a map exported as JSON imports as a new map I own; a bad file says what is wrong', async () => {
  const json = await (
    await owner.request.get(`${server.url}/api/maps/${mapId}/export?format=json`)
  ).text();
  const page = await owner.newPage();
  await page.goto(server.url);
  const importer = page.getByTestId('import-map');
  await expect(importer.getByRole('button', { name: 'Importar mapa' })).toBeVisible();

  // A file that is not a map: the server's reasons are shown, and no map appears. (The list is
  // counted once it shows every map the server has for me, not while it is still loading.)
  const listed = async () =>
    ((await (await owner.request.get(`${server.url}/api/maps`)).json()) as { maps: unknown[] }).maps
      .length;
  const before = await listed();
  await expect(page.getByTestId('map-list').getByRole('listitem')).toHaveCount(before);
  await page.getByTestId('import-map-file').setInputFiles({
    name: 'tablero.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'trello.board', lists: [] })),
  });
  const error = page.getByTestId('import-map-error');
  await expect(error).toContainText('Ese archivo no es un mapa válido de Recorrido');
  await expect(error).toContainText('format');
  await expect(page.getByTestId('map-list').getByRole('listitem')).toHaveCount(before);
  expect(await listed()).toBe(before);
  await expectNoSeriousViolations(page, '[data-testid="import-map"]');
  await page.screenshot({ path: path.join(SHOTS, 'import-error-es.png'), fullPage: true });

  await page.getByTestId('import-map-file').setInputFiles({
    name: 'mapa.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9_-]+$/);
  expect(page.url()).not.toContain(mapId);
  await expect(page.getByTestId('map-title')).toHaveText(JSON.parse(json).meta.title as string);
  await expect(page.getByRole('grid')).toBeVisible();
  await page.close();
});

test('in English, and on a phone inside the header menu', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  await signUpVia(context, server.url, person('Eve'));
  const page = await context.newPage();
  await page.goto(server.url);
  await expect(page.getByRole('button', { name: 'Import a map' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'list-en.png') });
  await context.close();

  const board = await openBoard(PHONE);
  const phone = board.page;
  await phone.getByTestId('map-menu-button').click();
  await phone
    .getByTestId('map-menu')
    .getByRole('button', { name: 'Exportar', exact: true })
    .click();
  const menu = phone.getByTestId('export-menu');
  await expect(menu.getByRole('button', { name: 'Imprimir' })).toBeVisible();
  const box = await menu.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
  await expectNoSeriousViolations(phone, '[data-testid="export-menu"]');
  await phone.screenshot({ path: path.join(SHOTS, 'menu-phone-es.png') });
  await phone.close();

  const list = await owner.newPage();
  await list.setViewportSize(PHONE);
  await list.goto(server.url);
  await expect(list.getByRole('button', { name: 'Importar mapa' })).toBeVisible();
  await list.screenshot({ path: path.join(SHOTS, 'list-phone-es.png') });
  await list.close();
});
