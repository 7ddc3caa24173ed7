import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { TopBarPage } from './pages/TopBarPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** Where screenshots go when SHOTS_DIR is set (they are for people to look at). */
function shot(name: string): string | undefined {
  const dir = process.env.SHOTS_DIR;
  return dir ? `${dir}/${name}.png` : undefined;
}

let enMapId = '';
let esMapId = '';
let owner: BrowserContext;
let colleague: BrowserContext;

/**
 * Ana (owner of the demo maps: the first account) and Beto (editor) in English browsers on the
 * English demo map "Bob's travel alert".
 */
test.beforeAll(async ({ browser }) => {
  owner = await browser.newContext({ locale: 'en-GB' });
  colleague = await browser.newContext({ locale: 'en-GB' });
  const beto = person('Beto', 'contact-centre');
  await signUpVia(owner, server.url, person('Ana', 'digital'));
  await signUpVia(colleague, server.url, beto);
  enMapId = await mapIdByTitle(owner, server.url, 'travel alert');
  esMapId = await mapIdByTitle(owner, server.url, 'viaje');
  await addMemberVia(owner, server.url, enMapId, beto.email, 'editor');
});

test.afterAll(async () => {
  await owner.close();
  await colleague.close();
});

/** The page's toolbar parts, by their English names. */
function toolbar(page: Page) {
  const bar = page.getByRole('toolbar', { name: 'Board tools' });
  return {
    bar,
    box: bar.getByRole('searchbox', { name: 'Search cards' }),
    status: bar.getByTestId('find-status'),
    next: bar.getByRole('button', { name: 'Next match' }),
    previous: bar.getByRole('button', { name: 'Previous match' }),
    filters: bar.getByRole('button', { name: /^Filters/ }),
  };
}

async function expectNoSeriousViolations(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
  ).toEqual([]);
}

/** The card whose text is exactly `text` (MapBoardPage.card matches any card containing it). */
function cardSaying(board: MapBoardPage, text: string): Locator {
  const page = board.page;
  return page
    .getByTestId('card')
    .filter({ has: page.getByTestId('card-text').getByText(text, { exact: true }) });
}

/** The card showing `text` is the current match: marked, in view. */
async function expectCurrent(board: MapBoardPage, text: string): Promise<Locator> {
  const card = cardSaying(board, text);
  await expect(card).toHaveClass(/card--current/);
  await expect(card).toBeInViewport();
  await expect(board.page.locator('.card--current')).toHaveCount(1);
  return card;
}

test('searching cards ignores case and accents, steps through matches in board order with Enter, Shift+Enter and the buttons, and counts a card a colleague adds live; Escape clears', async () => {
  test.setTimeout(120_000);
  const a = new MapBoardPage(await owner.newPage());
  const b = new MapBoardPage(await colleague.newPage());
  await a.open(server.url, enMapId);
  await b.open(server.url, enMapId);
  const find = toolbar(a.page);

  // "/" from anywhere but a field puts the focus in the box (the browser's Ctrl+F is left alone).
  await a.page.locator('body').click({ position: { x: 5, y: 5 } });
  await a.page.keyboard.press('/');
  await expect(find.box).toBeFocused();
  await expect(find.box).toHaveValue('');

  // Three cards say "frustrated": board order is stage by stage, then lane by lane.
  await find.box.fill('FRUSTRATED');
  await expect(find.status).toHaveText('1 of 3');
  await expect(find.status).toHaveAttribute('role', 'status');
  await expect(a.page.locator('.card--match, .card--current')).toHaveCount(3);
  await expectCurrent(a, 'Frustrated'); // Tell the bank online × How he feels
  await find.box.press('Enter');
  await expect(find.status).toHaveText('2 of 3');
  const second = await expectCurrent(a, 'More frustrated: no chat, no phone'); // Call × feels
  // …and flashed.
  await expect(second).toHaveAttribute('data-flash', '');
  await expect(find.box).toBeFocused();
  await find.box.press('Enter');
  await expect(find.status).toHaveText('3 of 3');
  await expectCurrent(
    a,
    'The next day, very frustrated, he goes to his branch and tells Mary what he needs.',
  ); // Go to the branch × What Bob does
  await find.box.press('Enter');
  await expect(find.status).toHaveText('1 of 3');
  await find.box.press('Shift+Enter');
  await expect(find.status).toHaveText('3 of 3');
  await find.previous.click();
  await expect(find.status).toHaveText('2 of 3');
  await find.next.click();
  await expect(find.status).toHaveText('3 of 3');
  await expectCurrent(
    a,
    'The next day, very frustrated, he goes to his branch and tells Mary what he needs.',
  );

  // Beto writes a card with an accent in the first stage: it is a match at once for Ana, first
  // in board order, and her current match stays the same card.
  await b.addCard(await b.cell('What Bob does', 'Plan the trip'), 'Frústrated before leaving');
  await expect(find.status).toHaveText('4 of 4');
  await expect(a.card('Frústrated before leaving')).toHaveClass(/card--match/);
  await find.next.click();
  await expect(find.status).toHaveText('1 of 4');
  await expectCurrent(a, 'Frústrated before leaving');
  // …and accents in the query are ignored too.
  await find.box.fill('frústráted BEFORE');
  await expect(find.status).toHaveText('1 of 1');
  await find.box.fill('nothing like this');
  await expect(find.status).toHaveText('No matches');
  await expect(find.next).toBeDisabled();

  // Escape from a button of the toolbar clears the search and goes back to the box.
  await find.box.fill('debit card');
  await expect(find.status).toHaveText('1 of 2');
  await find.next.focus();
  await a.page.keyboard.press('Escape');
  await expect(find.box).toHaveValue('');
  await expect(find.box).toBeFocused();
  await expect(find.status).toHaveText('');
  await expect(a.page.locator('.card--match, .card--current')).toHaveCount(0);

  // "/" while typing in a card is just a slash.
  const editor = await a.openEditor(a.card('Frústrated before leaving'));
  await a.page.keyboard.press('End');
  await a.page.keyboard.type(' 1/2');
  await expect(editor).toContainText('1/2');
  await expect(find.box).not.toBeFocused();
  await a.page.keyboard.press('Escape');

  await expectNoSeriousViolations(a.page, '[data-testid="board-toolbar"]');
  await a.page.close();
  await b.page.close();
});

test('filters: lane kinds hide rows, department and persona dim the other cards (still readable), a tag a colleague sets shows live, and the filters stay in the address through a reload', async () => {
  test.setTimeout(120_000);
  const a = new MapBoardPage(await owner.newPage());
  const b = new MapBoardPage(await colleague.newPage());
  await a.open(server.url, enMapId);
  await b.open(server.url, enMapId);
  const find = toolbar(a.page);
  const lanesBefore = await a.page.getByTestId('lane').count();
  expect(lanesBefore).toBeGreaterThan(5);

  // Lane kinds: only the chosen kinds' rows stay.
  await expect(find.filters).toHaveAccessibleName('Filters');
  await find.filters.click();
  const panel = a.page.getByTestId('find-filters');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAccessibleName('Filters');
  await expectNoSeriousViolations(a.page, '[data-testid="find-filters"]');
  await panel.getByRole('checkbox', { name: 'Emotions' }).check();
  await panel.getByRole('checkbox', { name: 'Pain points' }).check();
  await expect(a.page.getByTestId('lane')).toHaveCount(2);
  await expect(a.lane('How he feels')).toBeVisible();
  await expect(a.lane('Pain points')).toBeVisible();
  await expect(find.filters).toHaveAccessibleName('Filters (2)');
  await expect.poll(() => new URL(a.page.url()).search).toContain('kinds=emotions,pain-points');
  // The search only finds what is shown.
  await a.closePopover();
  await find.box.fill('frustrated');
  await expect(find.status).toHaveText('1 of 2');
  await find.box.press('Escape');

  // Clear, then a department: the other cards are dimmed, not hidden.
  await find.filters.click();
  await panel.getByRole('button', { name: 'Clear filters' }).click();
  await expect(a.page.getByTestId('lane')).toHaveCount(lanesBefore);
  await panel.getByRole('checkbox', { name: 'Digital', exact: true }).check();
  await a.closePopover();
  await expect(find.filters).toHaveAccessibleName('Filters (1)');
  await expect(a.card('Digital and UX')).not.toHaveClass(/card--dimmed/);
  await expect(cardSaying(a, 'Contact centre').first()).toHaveClass(/card--dimmed/);
  const total = await a.page.getByTestId('card').count();
  await expect(a.page.locator('.card--dimmed')).toHaveCount(total - 1);
  // Dimmed cards stay readable (no contrast violation).
  await expectNoSeriousViolations(a.page, '.card--dimmed');

  // Persona: Beto tags a card with Bob; Ana sees the badge live, then filters on Bob.
  await cardSaying(b, 'Frustrated')
    .getByRole('button', { name: /^Card details/ })
    .click();
  const details = b.page.getByTestId('card-details');
  const tags = details.getByTestId('card-personas');
  // A click, then the state: the box shows what the shared document says, a moment later.
  await tags.getByRole('checkbox', { name: 'Bob' }).click();
  await expect(tags.getByRole('checkbox', { name: 'Bob' })).toBeChecked();
  const detailsShot = shot('card-personas-en');
  if (detailsShot) await b.page.screenshot({ path: detailsShot });
  await b.closePopover();
  await expect(cardSaying(a, 'Frustrated').locator('.badge--persona')).toHaveAttribute(
    'title',
    'Personas: Bob',
  );
  await find.filters.click();
  await panel.getByRole('checkbox', { name: 'Digital', exact: true }).uncheck();
  await panel.getByRole('checkbox', { name: 'Bob' }).check();
  await a.closePopover();
  const bob = (await cardSaying(a, 'Frustrated').getAttribute('data-card-id')) ?? '';
  expect(bob).not.toBe('');
  await expect(a.cardById(bob)).not.toHaveClass(/card--dimmed/);
  await expect(a.page.locator('.card--dimmed')).toHaveCount(total - 1);
  await expect.poll(() => new URL(a.page.url()).search).toMatch(/persona=[\w-]+/);
  if (process.env.SHOTS_DIR) {
    await a.page.setViewportSize({ width: 1280, height: 800 });
    await find.filters.click();
    await a.page.screenshot({ path: shot('filters-1280-en') });
    await a.closePopover();
  }

  // A reload keeps the filter (it is in the address): a link shares it too.
  await a.page.reload();
  await a.expectConnected();
  await expect(find.filters).toHaveAccessibleName('Filters (1)');
  await expect(a.cardById(bob)).not.toHaveClass(/card--dimmed/);
  await expect(a.page.locator('.card--dimmed')).toHaveCount(total - 1);
  await find.filters.click();
  await expect(panel.getByRole('checkbox', { name: 'Bob' })).toBeChecked();
  await panel.getByRole('button', { name: 'Clear filters' }).click();
  await a.closePopover();
  await expect(a.page.locator('.card--dimmed')).toHaveCount(0);
  await expect.poll(() => new URL(a.page.url()).search).not.toContain('persona');
  await a.page.close();
  await b.page.close();
});

test('the toolbar fits on one line at 390 px and at 1280 px, in Spanish and English', async () => {
  const page = await owner.newPage();
  const board = new MapBoardPage(page);
  for (const [locale, mapId, name] of [
    ['en', enMapId, 'Search cards'],
    ['es', esMapId, 'Buscar tarjetas'],
  ] as const) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await board.open(server.url, mapId);
      const bar = page.getByRole('toolbar', {
        name: locale === 'en' ? 'Board tools' : 'Herramientas del tablero',
      });
      const box = bar.getByRole('searchbox', { name });
      // The map's own language does not change the UI's; switch it when needed.
      await expect(box).toBeVisible();
      await box.fill(locale === 'en' ? 'bank' : 'banco');
      await expect(bar.getByTestId('find-status')).toHaveText(
        locale === 'en' ? /^1 of \d+$/ : /^1 de \d+$/,
      );
      const parts = [
        box,
        bar.getByRole('button', { name: /^(Next match|Siguiente coincidencia)$/ }),
        bar.getByRole('button', { name: /^(Filters|Filtros)/ }),
      ];
      const boxes = await Promise.all(parts.map((p) => p.boundingBox()));
      const tops = boxes.map((b) => b?.y ?? -1);
      // One line: every control starts on the same row, and none spills out of the window.
      for (const top of tops) expect(Math.abs(top - (tops[0] ?? 0))).toBeLessThan(12);
      for (const b of boxes) expect((b?.x ?? 0) + (b?.width ?? 0)).toBeLessThanOrEqual(width);
      const path = shot(`toolbar-${width}-${locale}`);
      if (path) {
        await page.evaluate('window.scrollTo(0, 0)');
        await page.screenshot({ path });
        await bar.getByRole('button', { name: /^(Filters|Filtros)/ }).click();
        await page.screenshot({ path: path.replace('toolbar-', 'filters-') });
        await board.closePopover();
      }
    }
    if (locale === 'en') {
      // Now the Spanish UI for the Spanish map (at 390 px the switch is in the Menu).
      await new TopBarPage(page).reveal();
      await page.getByRole('button', { name: 'Español' }).first().click();
    }
  }
  await page.close();
});
