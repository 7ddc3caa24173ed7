import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { TopBarPage } from './pages/TopBarPage.ts';
import { freshViewerOnMap, person, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

// The map's history (issue 13): Ana (owner) saves a named version; Beto (editor) deletes a stage
// with its cards, changes a card and adds one; Ana compares the version with now, looks at it
// read-only and restores it: Beto's board gets every card back live, and Ana's undo of the
// restore brings Beto's changes back.
const SHOTS = '/tmp/shots-versions-client';
const GONE_STAGE = 'Enviar un correo';
const CHANGED_STAGE = 'Avisar al banco por la web';

const server = serverForThisFile();

let mapId = '';
let ana: BrowserContext;
let beto: BrowserContext;

test.beforeAll(async ({ browser }) => {
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'digital'),
    colleague: person('Beto', 'contact-centre'),
    role: 'editor',
    locale: 'es-ES',
  });
  mapId = pair.mapId;
  ana = pair.owner;
  beto = pair.colleague;
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await Promise.all([ana.close(), beto.close()]);
});

async function openMap(context: BrowserContext): Promise<MapBoardPage> {
  const board = new MapBoardPage(await context.newPage());
  await board.open(server.url, mapId);
  return board;
}

async function openHistory(page: Page) {
  await new TopBarPage(page).reveal();
  await page.getByTestId('versions-button').click();
  const panel = page.getByTestId('versions-panel');
  await expect(panel).toBeVisible();
  return panel;
}

async function expectAccessible(page: Page, ...selectors: string[]): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const selector of selectors) builder = builder.include(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

/** Every card on the live board, by id. */
async function cardIds(board: MapBoardPage): Promise<string[]> {
  const ids = await board.page
    .locator('[data-testid="cell"] [data-testid="card"]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-card-id') ?? ''));
  return ids.sort();
}

test('a named version is compared with now, viewed read-only and restored live for a colleague, and the restore can be undone', async () => {
  // Two browsers, three languages and widths, a restore and its undo: longer than most specs.
  test.setTimeout(150_000);
  const anaBoard = await openMap(ana);
  const betoBoard = await openMap(beto);
  const original = await cardIds(anaBoard);
  expect(original.length).toBeGreaterThan(20);

  // Ana saves the map as it is, under a name.
  const panel = await openHistory(anaBoard.page);
  await panel.getByTestId('version-name').fill('Antes del taller');
  await panel.getByTestId('version-save').click();
  const named = panel.getByTestId('version-item').filter({ hasText: 'Antes del taller' });
  await expect(named).toHaveCount(1);
  await expect(named).toContainText('Con nombre');
  await expect(named).toContainText('Con nombre · por Ana');
  await expect(panel.getByTestId('version-item').first()).toContainText('Antes del taller');
  await panel.getByRole('button', { name: 'Cerrar el historial' }).click();

  // Beto, meanwhile: a stage and its cards deleted, a card changed, a card added.
  const goneCards = await (
    await betoBoard.stageCards(GONE_STAGE)
  ).evaluateAll((cards) => cards.map((card) => card.getAttribute('data-card-id') ?? ''));
  expect(goneCards.length).toBeGreaterThan(3);
  await betoBoard.deleteStage(GONE_STAGE);
  const changedId =
    (await (await betoBoard.stageCards(CHANGED_STAGE)).first().getAttribute('data-card-id')) ?? '';
  await betoBoard.cardById(changedId).locator('.card__text').click();
  const input = betoBoard.cardById(changedId).getByRole('textbox');
  await input.fill('Texto cambiado por Beto');
  await input.blur();
  await betoBoard.addCard(
    await betoBoard.cell('Lo que hace Bob', 'Planificar el viaje'),
    'Tarjeta nueva de Beto',
  );
  const addedId = await betoBoard.cardId('Tarjeta nueva de Beto');
  const renamedStageId =
    (await betoBoard.stage('Ir a la sucursal').getAttribute('data-stage-id')) ?? '';
  const renamedStage = betoBoard.page.locator(
    `[data-testid="stage"][data-stage-id="${renamedStageId}"]`,
  );
  await renamedStage.locator('.board__title-button').click();
  const rename = renamedStage.getByRole('textbox');
  await rename.fill('Ir a la oficina');
  await rename.press('Enter');
  await expect(betoBoard.stage('Ir a la oficina')).toHaveCount(1);
  await betoBoard.expectAllSynced();
  await expect(anaBoard.stage(GONE_STAGE)).toHaveCount(0);
  await expect(anaBoard.cardById(addedId)).toBeVisible();

  // Ana compares the named version with now: marks on the board, removed cards in the panel.
  await openHistory(anaBoard.page);
  await named.getByTestId('version-compare').click();
  const banner = anaBoard.page.getByTestId('version-banner');
  await expect(banner).toContainText('Cambios desde la versión del «Antes del taller»');
  await expect(anaBoard.cardById(addedId).getByTestId('version-mark')).toHaveText('+ Nuevo');
  await expect(anaBoard.cardById(changedId).getByTestId('version-mark')).toHaveText('± Cambiado');
  await expect(
    anaBoard.page.locator('[data-testid="cell"] [data-testid="version-mark"]'),
  ).toHaveCount(2);
  // The comparison follows what happens meanwhile.
  await betoBoard.addCard(
    await betoBoard.cell('Lo que hace Bob', 'Llamar al centro de contacto'),
    'Otra tarjeta de Beto',
  );
  const laterId = await betoBoard.cardId('Otra tarjeta de Beto');
  await expect(anaBoard.cardById(laterId).getByTestId('version-mark')).toHaveText('+ Nuevo');
  await expect(banner.locator('.version-legend__item--added')).toContainText('2');
  await expect(
    anaBoard.page.locator(
      `[data-testid="stage"][data-stage-id="${renamedStageId}"] [data-testid="version-mark"]`,
    ),
  ).toHaveText('± Cambiado');
  await anaBoard.page
    .locator(`[data-testid="stage"][data-stage-id="${renamedStageId}"]`)
    .screenshot({ path: `${SHOTS}/stage-mark-es.png` });
  const removed = panel.getByTestId('version-removed');
  await expect(removed.and(anaBoard.page.locator('[data-kind="card"]'))).toHaveCount(
    goneCards.length,
  );
  await expect(removed.and(anaBoard.page.locator('[data-kind="stage"]'))).toContainText(GONE_STAGE);
  for (const id of goneCards) {
    await expect(panel.locator(`[data-testid="version-removed"][data-id="${id}"]`)).toHaveCount(1);
  }
  await expectAccessible(
    anaBoard.page,
    '[data-testid="versions-panel"]',
    '[data-testid="version-banner"]',
    '[role="grid"]',
  );
  await anaBoard.page.screenshot({ path: `${SHOTS}/compare-es.png` });

  // The version on its own, read-only: the deleted stage and its cards are there, nothing edits.
  await named.getByTestId('version-view').click();
  await expect(banner).toContainText('(solo lectura)');
  const versionBoard = anaBoard.page.getByTestId('version-board');
  await expect(versionBoard.getByTestId('stage').filter({ hasText: GONE_STAGE })).toHaveCount(1);
  await expect(versionBoard.getByTestId('card')).toHaveCount(original.length);
  await expect(versionBoard.locator(`[data-card-id="${addedId}"]`)).toHaveCount(0);
  await expect(versionBoard.getByRole('button', { name: /^Añadir tarjeta/ })).toHaveCount(0);
  await expect(versionBoard.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(
    anaBoard.page,
    '[data-testid="version-banner"]',
    '[data-testid="version-board"]',
  );
  await anaBoard.page.screenshot({ path: `${SHOTS}/view-es.png` });
  await banner.getByRole('button', { name: 'Volver al mapa actual' }).click();
  await expect(banner).toHaveCount(0);
  await expect(named.getByTestId('version-view')).toBeFocused();
  await expect(anaBoard.cardById(addedId)).toBeVisible();

  // In English, and on a 390 px wide phone (the panel is a sheet, the button in the Menu).
  await anaBoard.page.getByRole('button', { name: 'English' }).click();
  await expect(panel.getByRole('heading', { name: 'History' })).toBeVisible();
  await named.getByTestId('version-compare').click();
  await expect(banner).toContainText('Changes since the version of “Antes del taller”');
  await anaBoard.page.screenshot({ path: `${SHOTS}/compare-en.png` });
  const wide = anaBoard.page.viewportSize();
  await anaBoard.page.setViewportSize({ width: 390, height: 844 });
  await expect(panel).toBeVisible();
  await expectAccessible(anaBoard.page, '[data-testid="versions-panel"]');
  await anaBoard.page.screenshot({ path: `${SHOTS}/panel-390.png` });
  await panel.getByRole('button', { name: 'Close the history' }).click();
  await anaBoard.page.screenshot({ path: `${SHOTS}/compare-390.png` });
  await openHistory(anaBoard.page);
  await named.getByTestId('version-view').click();
  await panel.getByRole('button', { name: 'Close the history' }).click();
  await expect(banner).toContainText('(read-only)');
  await expectAccessible(anaBoard.page, '[data-testid="version-banner"]');
  await anaBoard.page.screenshot({ path: `${SHOTS}/view-en-390.png` });
  await banner.getByRole('button', { name: 'Back to the current map' }).click();
  await expect(banner).toHaveCount(0);
  await new TopBarPage(anaBoard.page).reveal();
  await anaBoard.page.getByRole('button', { name: 'Español' }).click();
  if (wide) await anaBoard.page.setViewportSize(wide);

  // The restore, confirmed: Beto's board gets every card back, live.
  await openHistory(anaBoard.page);
  await named.getByTestId('version-restore').click();
  await expect(named.getByRole('alert')).toContainText('Todas las personas verán el mapa');
  await expect(named.getByRole('alert')).toContainText('se guarda antes como una versión');
  await anaBoard.page.screenshot({ path: `${SHOTS}/restore-confirm-es.png` });
  await named.getByTestId('version-restore-confirm').click();
  const toast = anaBoard.page.getByTestId('toast').filter({ hasText: 'Versión restaurada' });
  await expect(toast).toBeVisible();
  await expect(betoBoard.stage(GONE_STAGE)).toHaveCount(1);
  await expect.poll(() => cardIds(betoBoard)).toEqual(original);
  await expect(betoBoard.cardById(changedId)).not.toContainText('Texto cambiado por Beto');
  await expect(betoBoard.cardById(addedId)).toHaveCount(0);
  await expect(betoBoard.stage('Ir a la sucursal')).toHaveCount(1);
  await expect.poll(() => cardIds(anaBoard)).toEqual(original);
  // The state before the restore is kept as an automatic version, listed first.
  await expect(panel.getByTestId('version-item').first()).toContainText('Versión automática');
  await anaBoard.page.screenshot({ path: `${SHOTS}/restored-es.png` });

  // Undo of the restore: Beto's changes come back for everyone.
  await toast.getByRole('button', { name: 'Deshacer' }).click();
  await expect(betoBoard.stage(GONE_STAGE)).toHaveCount(0);
  await expect(betoBoard.cardById(addedId)).toBeVisible();
  await expect(betoBoard.cardById(changedId)).toContainText('Texto cambiado por Beto');
  await expect(
    anaBoard.page.getByTestId('toast').filter({ hasText: 'Restauración deshecha' }),
  ).toBeVisible();
  for (const id of goneCards) await expect(betoBoard.cardById(id)).toHaveCount(0);
});

test('a viewer sees the history and the versions, but no saving and no restoring', async ({
  browser,
}) => {
  // A version to see (saved by the owner: this test does not rely on the one before).
  const saved = await ana.request.post(`${server.url}/api/maps/${mapId}/versions`, {
    headers: { Origin: server.url },
    data: { name: 'Para la lectora' },
  });
  expect(saved.status(), await saved.text()).toBe(201);
  const { context, board } = await freshViewerOnMap(browser, server.url, ana, mapId);
  const panel = await openHistory(board.page);
  await expect(panel.getByTestId('version-item').first()).toBeVisible();
  await expect(panel.getByTestId('version-name')).toHaveCount(0);
  await expect(panel.getByTestId('version-restore')).toHaveCount(0);
  await expect(panel.getByTestId('version-view').first()).toBeVisible();
  // The server refuses it too.
  const versions = (await (
    await context.request.get(`${server.url}/api/maps/${mapId}/versions`)
  ).json()) as { versions: { id: string }[] };
  const first = versions.versions[0];
  expect(first).toBeDefined();
  const restore = await context.request.post(
    `${server.url}/api/maps/${mapId}/versions/${first?.id ?? ''}/restore`,
    { headers: { Origin: server.url } },
  );
  expect(restore.status()).toBe(403);
  await context.close();
});
