import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { TopBarPage } from './pages/TopBarPage.ts';
import { person, twoPeopleOnDemoMap } from './support/accounts.ts';
import { ServerProcess } from './support/serverProcess.ts';

// "Desde tu última visita" (issue 10): Beto opens the map and leaves; Ana adds a card, changes
// another and deletes a stage; Beto comes back and sees exactly that, marked on the board, until he
// marks it as seen. The visit gap is shortened so the test need not wait two minutes.
const VISIT_GAP_MS = 1_500;
const SHOTS = '/tmp/shots-activity';

const server = new ServerProcess();
test.beforeAll(async () => {
  await server.start({ VISIT_GAP_MS: String(VISIT_GAP_MS) });
});
test.afterAll(async () => {
  await server.dispose();
});

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

async function openPanel(page: Page) {
  await page.getByTestId('since-button').click();
  const panel = page.getByTestId('since-panel');
  await expect(panel).toBeVisible();
  return panel;
}

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include('[data-testid="since-panel"]')
    .include('[data-testid="since-button"]')
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

test('a person who left and comes back sees exactly what changed meanwhile, until they mark it as seen', async () => {
  // Beto's first visit: nothing to catch up on.
  const first = await openMap(beto);
  await expect(first.page.getByTestId('since-count')).toHaveText('0');
  const firstPanel = await openPanel(first.page);
  await expect(firstPanel).toContainText('Es tu primera visita');
  await first.page.close();
  // His visit is over once the gap has passed (the server says so: "since" is then set).
  await expect
    .poll(
      async () => {
        const response = await beto.request.get(`${server.url}/api/maps/${mapId}/since-last-visit`);
        return ((await response.json()) as { since: string | null }).since;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();

  // Ana, meanwhile: a new card, a changed card, a deleted stage (with its cards).
  const board = await openMap(ana);
  const cell = await board.cell('Lo que hace Bob', 'Planificar el viaje');
  await board.addCard(cell, 'Tarjeta nueva de Ana');
  const addedId = await board.cardId('Tarjeta nueva de Ana');
  const changedId =
    (await (
      await board.stageCards('Avisar al banco por la web')
    )
      .first()
      .getAttribute('data-card-id')) ?? '';
  expect(changedId).not.toBe('');
  await board.cardById(changedId).locator('.card__text').click();
  const input = board.cardById(changedId).getByRole('textbox');
  await input.fill('Texto cambiado por Ana');
  await input.blur();
  const goneStageId = (await board.stage('Viajar y pagar').getAttribute('data-stage-id')) ?? '';
  const goneCards = await (await board.stageCards('Viajar y pagar')).count();
  await board.deleteStage('Viajar y pagar');
  await expect(board.stage('Viajar y pagar')).toHaveCount(0);
  await board.expectAllSynced();
  await board.page.close();

  // Beto comes back.
  const back = await openMap(beto);
  const expected = 3 + goneCards;
  await expect(back.page.getByTestId('since-count')).toHaveText(String(expected));
  const panel = await openPanel(back.page);
  const items = panel.getByTestId('since-item');
  await expect(items).toHaveCount(expected);
  await expect(
    items.filter({ has: back.page.locator(':scope[data-change="created"]') }),
  ).toHaveCount(1);
  await expect(panel.locator(`[data-id="${addedId}"][data-change="created"]`)).toContainText(
    'Tarjeta nueva de Ana',
  );
  await expect(panel.locator(`[data-id="${changedId}"][data-change="changed"]`)).toContainText(
    'Texto cambiado por Ana',
  );
  await expect(panel.locator(`[data-id="${goneStageId}"][data-kind="stage"]`)).toHaveAttribute(
    'data-change',
    'deleted',
  );
  await expect(panel.locator('[data-kind="card"][data-change="deleted"]')).toHaveCount(goneCards);
  for (const item of await items.all()) await expect(item).toContainText('Ana (Digital)');

  // Both cards are marked on the board, and only they.
  const marked = back.page.locator('.card--since');
  await expect(marked).toHaveCount(2);
  await expect(back.cardById(addedId)).toHaveClass(/card--since/);
  await expect(back.cardById(changedId).getByTestId('card-since')).toHaveText(
    /Cambiado desde tu última visita/,
  );
  await expectAccessible(back.page);
  await back.page.screenshot({ path: `${SHOTS}/since-es.png`, fullPage: false });

  // The jump: the changed card is scrolled to, focused and flashed.
  await panel.getByRole('link', { name: 'Ver la tarjeta «Texto cambiado por Ana»' }).click();
  await expect(back.cardById(changedId)).toBeFocused();
  await expect(back.page).not.toHaveURL(/card=/);

  // In English, and on a 390 px wide phone.
  await back.page.getByRole('button', { name: 'English' }).click();
  await expect(back.page.getByRole('heading', { name: 'Since your last visit' })).toBeVisible();
  await expectAccessible(back.page);
  await back.page.screenshot({ path: `${SHOTS}/since-en.png` });
  const wide = back.page.viewportSize();
  await back.page.setViewportSize({ width: 390, height: 844 });
  await expect(panel).toBeVisible();
  await back.page.mouse.wheel(0, -10_000);
  await expectAccessible(back.page);
  await back.page.screenshot({ path: `${SHOTS}/since-390.png` });
  // On a phone the panel is a sheet over the page and the button is in the top bar's Menu.
  await panel.getByRole('button', { name: 'Close “Since your last visit”' }).click();
  await new TopBarPage(back.page).reveal();
  await expect(back.page.getByTestId('since-button')).toHaveAccessibleName(
    'Updates 7'.replace('7', String(expected)),
  );
  await back.page.getByRole('button', { name: 'Español' }).click();
  if (wide) await back.page.setViewportSize(wide);
  await back.page.getByTestId('since-button').click();
  await expect(panel).toBeVisible();

  // "Marcar como visto": nothing listed, nothing marked, and it stays so after a reload.
  await panel.getByRole('button', { name: 'Marcar como visto' }).click();
  await expect(panel).toContainText('Nada nuevo desde tu última visita');
  await expect(back.page.getByTestId('since-count')).toHaveText('0');
  await expect(marked).toHaveCount(0);
  await back.page.reload();
  await expect(back.page.getByTestId('since-count')).toHaveText('0');
  await expect(back.page.locator('.card--since')).toHaveCount(0);
});
