import fs from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { person, signUpVia, twoPeopleOnDemoMap } from './support/accounts.ts';
import { ServerProcess } from './support/serverProcess.ts';
import { expectAccessible } from './support/axe.ts';

// Silo lens and prioritisation (issue 14) on the Spanish demo map ("Aviso de viaje de Bob"): its
// touchpoints and pain points have no department (gaps), its departments lane names Digital,
// Centro de contacto, Operaciones de sucursal and Tecnología. Ana (Digital) owns it; Beto (Centro
// de contacto) is a commenter: he sees everything live but cannot change the weighting.
const SHOTS = '/tmp/shots-silos-priorities';
const PORTAL = 'Portal de autoservicio';
const WEB_PAIN = 'La web no ofrece ninguna forma visible';
const EMAIL_PAIN = 'El correo promete respuesta en 48 horas';
const CALL_PAIN = 'No hay chat y el centro de contacto';

const server = new ServerProcess();
let mapId = '';
let ana: BrowserContext;
let beto: BrowserContext;

test.beforeAll(async ({ browser }) => {
  await server.start();
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'digital'),
    colleague: person('Beto', 'contact-centre'),
    role: 'commenter',
    locale: 'es-ES',
  });
  mapId = pair.mapId;
  ana = pair.owner;
  beto = pair.colleague;
  fs.mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await Promise.all([ana?.close(), beto?.close()]);
  await server.dispose();
});

async function openMap(context: BrowserContext): Promise<MapBoardPage> {
  const board = new MapBoardPage(await context.newPage());
  await board.open(server.url, mapId);
  return board;
}

async function openLens(page: Page) {
  await page.getByTestId('silo-button').click();
  const panel = page.getByTestId('silo-panel');
  await expect(panel).toBeVisible();
  return panel;
}

/** Gives a card a department through its details (opening "more fields" when it is folded). */
async function setDepartment(board: MapBoardPage, cardId: string, department: string) {
  await board
    .cardById(cardId)
    .getByRole('button', { name: /^Detalles de la tarjeta/ })
    .click();
  const details = board.page.getByTestId('card-details');
  await expect(details).toBeVisible();
  const more = details.locator('details.details__more');
  if ((await more.count()) > 0 && !(await more.evaluate((el) => el.hasAttribute('open')))) {
    await more.locator('summary').click();
  }
  await details.getByLabel('Departamento').selectOption(department);
  await expect(details.getByLabel('Departamento')).toHaveValue(department);
  await board.closePopover();
}

/** The card texts of the table's rows, top to bottom (first 40 characters). */
async function rowTexts(page: Page): Promise<string[]> {
  const texts = await page.getByTestId('priority-row').locator('td:nth-child(3)').allTextContents();
  return texts.map((t) => t.slice(0, 40));
}

test('a touchpoint nobody owns is a gap on the lens and on the board; its link lands on the card; owning it closes the gap for a colleague live', async () => {
  const board = await openMap(ana);
  const portalId = await board.cardId(PORTAL);
  const panel = await openLens(board.page);
  // Seven gaps on the demo: four touchpoints and three pain points, none with a department.
  await expect(panel.getByTestId('silo-gap')).toHaveCount(7);
  const gap = panel.locator(`[data-testid="silo-gap"][data-card-id="${portalId}"]`);
  await expect(gap).toContainText(PORTAL);
  await expect(gap).toContainText('Sin dueño');
  // It sits under its stage, and the board frames the card.
  const webStage = panel
    .getByTestId('silo-stage')
    .filter({ hasText: 'Avisar al banco por la web' });
  await expect(webStage.getByTestId('silo-gap')).toHaveCount(2);
  // Ana is from Digital and here: its chip says so.
  await expect(webStage.getByTestId('silo-chip')).toHaveCount(1);
  await expect(webStage.getByTestId('silo-chip')).toHaveAttribute('data-department', 'digital');
  await expect(webStage.getByTestId('silo-chip')).toHaveAttribute('data-present', 'true');
  await expect(board.cardById(portalId)).toHaveClass(/card--silo-gap/);
  await expect(board.cardById(portalId)).toHaveAttribute('data-silo-label', 'Sin dueño');
  // Hand-offs: web (Digital) -> call (Centro de contacto), and on to the branch.
  await expect(panel.getByTestId('silo-handoff').first()).toContainText(
    'Digital → Centro de contacto',
  );

  // Scroll the card away, then follow the gap's link: the board brings the card back and focuses it.
  await board.page.getByRole('grid').evaluate((grid) => grid.scrollTo(0, grid.scrollHeight));
  await gap.click();
  await expect(board.cardById(portalId)).toBeFocused();
  await expect(board.cardById(portalId)).toBeInViewport();
  await expect(board.page).not.toHaveURL(/card=/);

  // Beto follows the lens; Ana gives the touchpoint an owner: the gap goes for him too.
  const betoBoard = await openMap(beto);
  const betoPanel = await openLens(betoBoard.page);
  await expect(
    betoPanel.locator(`[data-testid="silo-gap"][data-card-id="${portalId}"]`),
  ).toHaveCount(1);
  await setDepartment(board, portalId, 'digital');
  await expect(
    betoPanel.locator(`[data-testid="silo-gap"][data-card-id="${portalId}"]`),
  ).toHaveCount(0);
  await expect(betoPanel.getByTestId('silo-gap')).toHaveCount(6);
  await expect(betoBoard.cardById(portalId)).not.toHaveClass(/card--silo-gap/);
  await betoBoard.page.close();
  await board.page.close();
});

test('"my department" dims the cards that do not involve it, and closing the lens undims them', async () => {
  const board = await openMap(ana);
  const panel = await openLens(board.page);
  const contactCard =
    (await board.page
      .locator('.card--departments')
      .filter({ hasText: 'Centro de contacto' })
      .getAttribute('data-card-id')) ?? '';
  const portal = await board.cardId(PORTAL);
  const callPain = await board.cardId(CALL_PAIN);
  await expect(board.page.locator('.card--silo-dimmed')).toHaveCount(0);
  await panel.getByTestId('silo-department').selectOption('contact-centre');
  await expect(panel.getByTestId('silo-dim-hint')).toContainText('Centro de contacto');
  // The departments lane's card naming it stays; cards of other or no department are dimmed.
  await expect(board.cardById(contactCard)).not.toHaveClass(/card--silo-dimmed/);
  await expect(board.cardById(portal)).toHaveClass(/card--silo-dimmed/);
  await expect(board.cardById(callPain)).toHaveClass(/card--silo-dimmed/);
  // Giving the pain point to the contact centre brings it back.
  await setDepartment(board, callPain, 'contact-centre');
  await expect(board.cardById(callPain)).not.toHaveClass(/card--silo-dimmed/);
  await expect(
    panel.getByTestId('silo-chip').filter({ hasText: 'Centro de contacto' }).first(),
  ).toHaveClass(/silo-chip--mine/);
  await expectAccessible(board.page, '[data-testid="silo-panel"]');
  await board.page.screenshot({ path: `${SHOTS}/lens-es.png` });
  await panel.getByRole('button', { name: 'Cerrar la lente de silos' }).click();
  await expect(board.page.locator('.card--silo-dimmed')).toHaveCount(0);
  await expect(board.page.locator('.card--silo-gap')).toHaveCount(0);
  await board.page.close();
});

test('the lens says which involved departments are here and which are missing, live', async () => {
  const board = await openMap(ana);
  const panel = await openLens(board.page);
  // Only Ana (Digital): the contact centre, branches, operations and IT are missing.
  await expect(panel.getByTestId('silo-present')).toContainText('Digital (Ana)');
  await expect(panel.getByTestId('silo-missing')).toContainText('Centro de contacto');
  await expect(panel.getByTestId('silo-missing')).toContainText('Tecnología (TI)');
  const contactChip = panel.locator('[data-testid="silo-chip"][data-department="contact-centre"]');
  await expect(contactChip.first()).toHaveAttribute('data-present', 'false');
  // Beto (contact centre) comes in...
  const betoBoard = await openMap(beto);
  await expect(panel.getByTestId('silo-present')).toContainText('Centro de contacto (Beto)');
  await expect(panel.getByTestId('silo-missing')).not.toContainText('Centro de contacto');
  await expect(contactChip.first()).toHaveAttribute('data-present', 'true');
  // ...and leaves.
  await betoBoard.page.close();
  await expect(panel.getByTestId('silo-missing')).toContainText('Centro de contacto', {
    timeout: 30_000,
  });
  await board.page.close();
});

test('the priorities table sorts by score (keyboard too), and a weight change reorders it for a colleague live', async () => {
  const board = await openMap(ana);
  await board.page.getByRole('link', { name: 'Priorizar' }).click();
  const page = board.page;
  await expect(page).toHaveURL(new RegExp(`/maps/${mapId}/priorities$`));
  const table = page.getByTestId('priorities-table');
  await expect(page.getByTestId('priority-row')).toHaveCount(3);
  // Default: highest score first. web 4.5 x 4 = 18; email 3 x 5 = 15; call 3.5 x 2 = 7.
  await expect(page.getByTestId('priority-score')).toHaveText(['18', '15', '7']);
  const scoreHeader = table.locator('th', { has: page.getByTestId('sort-score') });
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'descending');
  // Keyboard: Tab to the score header's button and press Enter: lowest first.
  await page.getByTestId('sort-score').focus();
  await page.keyboard.press('Enter');
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('priority-score')).toHaveText(['7', '15', '18']);
  // Another column takes over aria-sort.
  await page.getByTestId('sort-text').focus();
  await page.keyboard.press('Space');
  await expect(table.locator('th', { has: page.getByTestId('sort-text') })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(scoreHeader).not.toHaveAttribute('aria-sort', /.+/);
  await page.getByTestId('sort-score').click();
  await expect(page.getByTestId('priority-score')).toHaveText(['18', '15', '7']);

  // Beto (commenter) follows the same page: he sees the weighting but cannot change it.
  const betoPage = await beto.newPage();
  await betoPage.goto(`${server.url}/maps/${mapId}/priorities`);
  await expect(betoPage.getByTestId('priority-row')).toHaveCount(3);
  expect(await rowTexts(betoPage)).toEqual([
    expect.stringContaining(WEB_PAIN.slice(0, 30)),
    expect.stringContaining(EMAIL_PAIN.slice(0, 30)),
    expect.stringContaining(CALL_PAIN.slice(0, 30)),
  ]);
  await expect(betoPage.getByTestId('weights-readonly')).toBeVisible();
  await expect(betoPage.getByTestId('weight-customerImpact')).toBeDisabled();

  // Ana ignores impact: the score is ease squared, so the quick email fix goes first (25).
  await page.getByTestId('weight-customerImpact').selectOption('0');
  await page.getByTestId('weight-businessImpact').selectOption('0');
  await expect(page.getByTestId('priority-score')).toHaveText(['25', '16', '4']);
  await expect
    .poll(() => rowTexts(betoPage))
    .toEqual([
      expect.stringContaining(EMAIL_PAIN.slice(0, 30)),
      expect.stringContaining(WEB_PAIN.slice(0, 30)),
      expect.stringContaining(CALL_PAIN.slice(0, 30)),
    ]);
  await expect(betoPage.getByTestId('priority-score')).toHaveText(['25', '16', '4']);
  await expect(betoPage.getByTestId('weight-customerImpact')).toHaveValue('0');
  await expect(betoPage.getByTestId('weights-state')).toContainText('Ponderación propia del mapa');
  await betoPage.close();

  // Back to the defaults.
  await page.getByRole('button', { name: 'Restablecer (todo 1)' }).click();
  await expect(page.getByTestId('priority-score')).toHaveText(['18', '15', '7']);
  await page.close();
});

test('a point of the matrix opens its card; moments of truth list their stage pain points; the page is accessible', async () => {
  const page = await ana.newPage();
  await page.goto(`${server.url}/maps/${mapId}/priorities`);
  await expect(page.getByTestId('matrix-point')).toHaveCount(3);
  // Moments of truth: the web one with the web pain point; the branch one with none.
  const moments = page.getByTestId('moment');
  await expect(moments).toHaveCount(2);
  await expect(moments.first().getByTestId('moment-pain')).toContainText(WEB_PAIN);
  await expect(moments.nth(1)).toContainText('Ningún punto de dolor en esta etapa.');
  await expectAccessible(page, 'main');
  await page.screenshot({ path: `${SHOTS}/priorities-es.png`, fullPage: true });

  const point = page.getByTestId('matrix-point').first();
  await expect(point).toHaveText('1');
  const cardId = (await point.getAttribute('data-card-id')) ?? '';
  await expect(point).toHaveAccessibleName(new RegExp(WEB_PAIN));
  await point.click();
  const board = new MapBoardPage(page);
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(board.cardById(cardId)).toBeFocused();
  await expect(board.cardById(cardId)).toContainText(WEB_PAIN);
  await page.close();
});

test('someone who is not a member of the map gets no priorities, only a refusal', async ({
  browser,
}) => {
  const stranger = await browser.newContext({ locale: 'es-ES' });
  await signUpVia(stranger, server.url, person('Eva', 'finance'));
  const page = await stranger.newPage();
  await page.goto(`${server.url}/maps/${mapId}/priorities`);
  await expect(page.getByRole('alert')).toHaveText('Este mapa no existe o no tienes acceso a él.');
  await expect(page.getByTestId('priority-row')).toHaveCount(0);
  await expect(page.getByTestId('weights')).toHaveCount(0);
  await stranger.close();
});

test('screenshots: English, and a 390 px phone', async () => {
  const page = await ana.newPage();
  await page.goto(`${server.url}/maps/${mapId}`);
  await expect(page.getByRole('grid')).toBeVisible();
  await page.getByRole('button', { name: 'English' }).first().click();
  await openLens(page);
  await expect(page.getByTestId('silo-panel')).toContainText('Silo lens');
  await page.screenshot({ path: `${SHOTS}/lens-en.png` });
  await page.goto(`${server.url}/maps/${mapId}/priorities`);
  await expect(page.getByTestId('priority-row')).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Prioritisation');
  await expectAccessible(page, 'main');
  await page.screenshot({ path: `${SHOTS}/priorities-en.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/priorities-390.png`, fullPage: true });
  await page.goto(`${server.url}/maps/${mapId}`);
  await expect(page.getByRole('grid')).toBeVisible();
  await page.getByTestId('map-menu-button').click();
  await page.getByTestId('silo-button').click();
  await expect(page.getByTestId('silo-panel')).toBeVisible();
  await expectAccessible(page, '[data-testid="silo-panel"]');
  await page.screenshot({ path: `${SHOTS}/lens-390.png` });
  await page.close();
});
