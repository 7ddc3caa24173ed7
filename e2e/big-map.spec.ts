import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, person, signUpVia } from './support/accounts.ts';
import { createMapVia, seedBigMap, sessionToken } from './support/bigMap.ts';
import { serverForThisFile } from './support/serverProcess.ts';

// A map as big as real ones get: 40 stages x 12 lanes x 5 cards = 2,400 cards (plus the blank
// map's own stages and lanes). Only what is on screen may be in the page.
const SHAPE = { stages: 40, lanes: 12, cardsPerCell: 5 };
const server = serverForThisFile();
let owner: BrowserContext;
let colleague: BrowserContext;
let mapId: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  owner = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  colleague = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const ana = person('Ana', 'marketing');
  const ivan = person('Iván', 'it');
  await signUpVia(owner, server.url, ana);
  await signUpVia(colleague, server.url, ivan);
  mapId = await createMapVia(owner, server.url, 'Mapa grande');
  await addMemberVia(owner, server.url, mapId, ivan.email, 'editor');
  const cards = await seedBigMap(server.url, await sessionToken(owner, server.url), mapId, SHAPE);
  expect(cards).toBe(2_400);
});

test.afterAll(async () => {
  await owner.close();
  await colleague.close();
});

async function openBig(context: BrowserContext): Promise<{ page: Page; board: MapBoardPage }> {
  const page = await context.newPage();
  const board = new MapBoardPage(page);
  await board.open(server.url, mapId);
  await expect(page.getByTestId('card').first()).toBeVisible({ timeout: 30_000 });
  return { page, board };
}

/** axe finds nothing serious or critical inside `selector`. */
async function expectNoSeriousViolations(page: Page, selector: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join('; ')}`,
    ),
  ).toEqual([]);
}

const scroller = (page: Page) => page.getByTestId('board-scroller');
const focused = (page: Page, attribute: string) =>
  page.locator(':focus').evaluateAll((all, name) => all[0]?.getAttribute(name) ?? null, attribute);
const focusedCell = (page: Page) => focused(page, 'data-cell');

test('only the cells on screen are rendered, headers stick, and the grid describes the whole map', async () => {
  // Four axe passes over a page holding a 2,400-card map take a while on a busy machine.
  test.setTimeout(150_000);
  const { page } = await openBig(owner);
  const grid = page.getByRole('grid');
  const stages = await page.getByTestId('stage').count();
  expect(stages).toBeGreaterThanOrEqual(SHAPE.stages);
  await expect(grid).toHaveAttribute('aria-colcount', String(stages + 1));
  const rows = Number(await grid.getAttribute('aria-rowcount'));
  expect(rows).toBeGreaterThan(SHAPE.lanes);
  const rendered = await page.getByTestId('card').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(300);
  // What is on screen comes first; the column beyond it follows once the page is idle, so a
  // scroll finds it rendered.
  const right = await scroller(page).evaluate((element) => element.getBoundingClientRect().right);
  const onScreen = await page
    .getByTestId('stage')
    .evaluateAll(
      (all, edge) =>
        all
          .filter((stage) => stage.getBoundingClientRect().left < edge)
          .map((stage) => Number(stage.getAttribute('aria-colindex'))),
      right,
    );
  const beyond = Math.max(...onScreen) + 1;
  expect(beyond).toBeLessThan(stages);
  await expect
    .poll(() => page.locator(`[data-testid="cell"][aria-colindex="${beyond}"]`).count())
    .toBeGreaterThan(0);

  // Far into the map: the stage headers stay at the top and the lane titles at the left.
  await scroller(page).evaluate((element) => element.scrollTo(4000, 3000));
  await expect
    .poll(() => page.locator('[data-testid="cell"][aria-colindex="20"]').count())
    .toBeGreaterThan(0);
  const box = await scroller(page).boundingBox();
  const header = await page.locator('[data-testid="stage"][aria-colindex="20"]').boundingBox();
  expect(box && header).toBeTruthy();
  if (!box || !header) return;
  expect(Math.abs(header.y - box.y)).toBeLessThan(3);
  const lanes = page.getByTestId('lane');
  const leftOfLanes = await lanes.evaluateAll((all) =>
    all.map((lane) => Math.round(lane.getBoundingClientRect().left)),
  );
  for (const left of leftOfLanes) expect(Math.abs(left - box.x)).toBeLessThan(3);
  expect(await page.getByTestId('card').count()).toBeLessThan(300);

  // Screen readers get rows of cells with their place in the whole map.
  const cell = page.locator('[data-testid="cell"][aria-colindex="20"]').first();
  await expect(cell).toHaveAttribute('role', 'gridcell');
  await expect(cell.locator('xpath=..')).toHaveAttribute('role', 'row');
  await expectNoSeriousViolations(page, 'body');

  // The card editor and the card details dialog, on a card far into the map.
  // (By id: which card is "first" changes as the board renders other rows around it.)
  const farId = await page
    .locator('[data-testid="cell"][aria-colindex="20"]')
    .getByTestId('card')
    .last()
    .getAttribute('data-card-id');
  const far = page.locator(`[data-card-id="${farId}"]`);
  // From the keyboard: the card's edit button (a pointer could land on the sticky headers).
  await far.locator('.card__edit').focus();
  await page.keyboard.press('Enter');
  await expect(far.getByRole('textbox')).toBeFocused();
  await expectNoSeriousViolations(page, 'body');
  await page.keyboard.press('Escape');
  await far.getByRole('button', { name: /^(Detalles de la tarjeta|Card details)/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('card-details')).toBeVisible();
  await expectNoSeriousViolations(page, 'body');
  await page.keyboard.press('Escape');

  // The map list.
  await page.goto(server.url);
  await expect(page.getByRole('link', { name: /Mapa grande|Benchmark/ })).toBeVisible();
  await expectNoSeriousViolations(page, 'body');
  await page.close();
});

test('arrow keys move between cells across the whole map; Enter goes in, Escape comes back', async () => {
  const { page } = await openBig(owner);
  const stages = await page.getByTestId('stage').count();
  const rows = Number(await page.getByRole('grid').getAttribute('aria-rowcount')) - 1;
  await page.locator('[data-cell="0:0"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedCell(page)).toBe('1:2');
  await page.keyboard.press('End');
  await expect.poll(() => focusedCell(page)).toBe(`1:${stages - 1}`);
  // The far column was rendered on the way and scrolled into view.
  const last = page.locator(`[data-cell="1:${stages - 1}"]`);
  await expect(last).toBeInViewport();
  await page.keyboard.press('Control+End');
  await expect.poll(() => focusedCell(page)).toBe(`${rows - 1}:${stages - 1}`);
  await page.keyboard.press('Control+Home');
  await expect.poll(() => focusedCell(page)).toBe('0:0');
  await page.keyboard.press('PageDown');
  await expect.poll(() => focusedCell(page)).toBe('5:0');
  // Into the cell's first control, and back out with Escape.
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-cell="5:0"] :focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => focusedCell(page)).toBe('5:0');
  // One tab stop for the whole grid: the active cell.
  await expect(page.locator('[role="gridcell"][tabindex="0"]')).toHaveCount(1);
  await page.close();
});

test('zoom fits the whole map, a chip zooms back on its card, and the overview moves the board', async () => {
  const { page } = await openBig(owner);
  const grid = page.getByRole('grid');
  await page.getByRole('button', { name: /^(Ajustar|Fit)$/ }).click();
  await expect.poll(async () => Number(await grid.getAttribute('data-zoom'))).toBeLessThan(0.3);
  // The whole board is on screen, every card as a chip.
  await expect.poll(() => page.getByTestId('card').count()).toBeGreaterThanOrEqual(2_400);
  const box = await scroller(page).boundingBox();
  const board = await grid.boundingBox();
  expect(box && board).toBeTruthy();
  if (!box || !board) return;
  expect(board.x + board.width).toBeLessThanOrEqual(box.x + box.width + 1);
  expect(board.y + board.height).toBeLessThanOrEqual(box.y + box.height + 1);
  const chip = page.getByTestId('card').last();
  const id = await chip.getAttribute('data-card-id');
  await chip.click();
  await expect(grid).toHaveAttribute('data-zoom', '1');
  await expect.poll(() => focused(page, 'data-card-id')).toBe(id);
  await expect(page.locator(`[data-card-id="${id}"]`)).toBeInViewport();

  await page.getByRole('button', { name: /^50 ?%$/ }).click();
  await expect(grid).toHaveAttribute('data-zoom', '0.5');
  await page.getByRole('button', { name: /^100 ?%$/ }).click();
  await scroller(page).evaluate((element) => element.scrollTo(0, 0));
  const minimap = page.getByTestId('minimap');
  await expect(minimap).toBeVisible();
  const mini = await minimap.boundingBox();
  if (!mini) throw new Error('no overview');
  await page.mouse.click(mini.x + mini.width * 0.9, mini.y + mini.height * 0.9);
  await expect
    .poll(() => scroller(page).evaluate((element) => element.scrollLeft))
    .toBeGreaterThan(5_000);
  expect(await scroller(page).evaluate((element) => element.scrollTop)).toBeGreaterThan(3_000);
  await page.close();
});

test("a colleague's edit re-renders only that card, and a link jumps to a card far away", async () => {
  const { page } = await openBig(owner);
  const other = await openBig(colleague);
  const card = page.getByTestId('card').first();
  const id = await card.getAttribute('data-card-id');
  // Record every change the page makes to the board from now on.
  await page.evaluate(`(() => {
    const grid = document.querySelector('[role="grid"]');
    const seen = (window.boardMutations = []);
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        const card = target && target.closest('[data-card-id]');
        seen.push(card ? card.getAttribute('data-card-id') : target === grid ? 'grid' : String(target && target.className));
      }
    }).observe(grid, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
  const theirs = other.page.locator(`[data-card-id="${id}"]`);
  await theirs.getByTestId('card-text').click();
  await other.page.keyboard.type(' mañana', { delay: 20 });
  await expect(card).toContainText('mañana');
  await other.page.keyboard.press('Escape');
  await expect(card).not.toHaveClass(/card--others-editing/);
  const touched = (await page.evaluate('window.boardMutations')) as string[];
  // Only that card (and the grid's row sizes) changed; no other card was touched.
  expect(touched.length).toBeGreaterThan(0);
  expect([...new Set(touched)].filter((t) => t !== id && t !== 'grid')).toEqual([]);

  // The colleague adds a card at the far end of the map; a ?card= link brings the owner there.
  await other.page.locator('[data-cell="0:0"]').focus();
  await other.page.keyboard.press('Control+End');
  const far = other.page.locator('[role="gridcell"]:focus');
  await far.getByRole('button', { name: /^(Añadir tarjeta|Add card)/ }).click();
  await other.page.keyboard.type('Tarjeta remota lejana');
  await other.page.keyboard.press('Escape');
  const farCard = other.page.getByTestId('card').filter({ hasText: 'Tarjeta remota lejana' });
  const farId = await farCard.getAttribute('data-card-id');
  await expect(page.locator(`[data-card-id="${farId}"]`)).toHaveCount(0);
  await page.goto(`${server.url}/maps/${mapId}?card=${farId}`);
  const arrived = page.locator(`[data-card-id="${farId}"]`);
  await expect(arrived).toBeInViewport({ timeout: 20_000 });
  await expect(arrived).toContainText('Tarjeta remota lejana');
  await expect.poll(() => focused(page, 'data-card-id')).toBe(farId);
  await page.close();
  await other.page.close();
});

test('on a phone one stage fills the screen and a swipe moves one stage', async ({ browser }) => {
  const phone = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    storageState: await owner.storageState(),
    hasTouch: true,
  });
  const { page } = await openBig(phone);
  // Turning into a phone-sized window re-lays the board out.
  await page.setViewportSize({ width: 390, height: 844 });
  const first = page.getByTestId('stage').first();
  await expect
    .poll(async () => (await first.boundingBox())?.width ?? 0)
    .toBeGreaterThan(390 - 104 - 20);
  await expect(page.locator('[data-cell="0:0"]')).toBeInViewport();
  const step = ((await first.boundingBox())?.width ?? 0) + 1;
  await scroller(page).evaluate((element) => element.scrollBy({ left: 120 }));
  // Snapped to the next stage's start, with its cells rendered.
  await expect
    .poll(() => scroller(page).evaluate((element) => element.scrollLeft))
    .toBeGreaterThan(step - 3);
  const left = await scroller(page).evaluate((element) => element.scrollLeft);
  expect(Math.abs(left - step)).toBeLessThan(3);
  await expect(page.locator('[data-testid="cell"][aria-colindex="3"]').first()).toBeInViewport();
  const pageWidth = await page.locator('html').evaluate((html) => html.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(390);
  await phone.close();
});
