import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { CommentsPanelPage } from './pages/CommentsPanelPage.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { person, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

const SHOTS = '/tmp/shots-phone';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let mapId = '';
let ana: BrowserContext;
let beto: BrowserContext;

/** Ana owns the Spanish demo map (first account); Beto comments on it from another department. */
test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'digital'),
    colleague: person('Beto', 'contact-centre'),
    role: 'commenter',
    locale: 'es-ES',
  });
  ({ mapId, owner: ana, colleague: beto } = pair);
});

test.afterAll(async () => {
  await Promise.all([ana?.close(), beto?.close()]);
});

async function openMap(context: BrowserContext, viewport: typeof PHONE): Promise<MapBoardPage> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const board = new MapBoardPage(page);
  await board.open(server.url, mapId);
  return board;
}

/** The page never scrolls sideways. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    width,
  );
}

/** The box lies inside the window, horizontally. */
async function expectInsideWindow(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width);
}

async function expectNoSeriousViolations(page: Page, ...selectors: string[]): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const selector of selectors) builder = builder.include(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`),
  ).toEqual([]);
}

/** The one-line bar's Menu button and the panel it shows. */
function phoneMenu(page: Page): { button: Locator; panel: Locator } {
  return { button: page.getByTestId('map-menu-button'), panel: page.getByTestId('map-menu') };
}

async function openMenu(page: Page): Promise<Locator> {
  const { button, panel } = phoneMenu(page);
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(panel).toBeVisible();
  return panel;
}

/** A side panel opened from the menu is a sheet over the whole window; its × gives the focus back. */
async function expectSheet(page: Page, sheet: Locator, closeName: string): Promise<void> {
  const { button, panel } = phoneMenu(page);
  await expect(sheet).toBeVisible();
  await expect(panel).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  expect(await sheet.boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  const close = sheet.getByRole('button', { name: closeName });
  await expect(close).toBeVisible();
  await expect(close).toBeFocused();
  await expectNoHorizontalOverflow(page);
  await close.click();
  await expect(sheet).toHaveCount(0);
  await expect(button).toBeFocused();
}

test('at 390 px the map’s top bar is one line, and its Menu holds every other action, by touch and keyboard', async () => {
  const board = await openMap(ana, PHONE);
  const page = board.page;
  const header = page.locator('header.topbar');
  const { button, panel } = phoneMenu(page);

  // One line: back, title, connection, Menu; the page does not scroll sideways.
  expect((await header.boundingBox())?.height).toBeLessThanOrEqual(64);
  await expectNoHorizontalOverflow(page);
  await expect(header.getByRole('link', { name: '← Mapas' })).toBeVisible();
  await expect(page.getByTestId('map-title')).toBeVisible();
  await expect(page.getByTestId('connection')).toBeVisible();
  await expect(button).toHaveText('Menú');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toBeHidden();
  for (const name of [/^Personas/, /^Miembros$/, /^English$/, /^Deshacer/]) {
    await expect(page.getByRole('button', { name })).toBeHidden();
  }
  await expectNoSeriousViolations(page, '.topbar');
  await page.screenshot({ path: `${SHOTS}/bar-390-es.png` });

  // The menu opens under the bar with every action in it.
  await openMenu(page);
  expect(await button.getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));
  for (const name of [
    /^Deshacer/,
    /^Rehacer/,
    /^Departamentos/,
    /^Personas/,
    /^Comentarios/,
    /^Novedades/,
    /^Validación/,
    /^En disputa primero/,
    /^Miembros$/,
    /^Cerrar sesión$/,
    /^English$/,
  ]) {
    await expect(panel.getByRole('button', { name }).first(), String(name)).toBeVisible();
  }
  await expect(panel.getByTestId('presence')).toBeVisible();
  await expect(panel.getByRole('link', { name: /^Bandeja/ })).toBeVisible();
  await expectInsideWindow(page, panel);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousViolations(page, '.topbar');
  await page.screenshot({ path: `${SHOTS}/menu-390-es.png` });

  // Escape closes it and gives the focus back to the Menu button; so does Tab-free keyboard use.
  await panel.getByRole('button', { name: /^Personas/ }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Tab');
  await expect
    .poll(() =>
      page.evaluate<boolean>(`!!document.activeElement?.closest('[data-testid="map-menu"]')`),
    )
    .toBe(true);
  await page.keyboard.press('Escape');
  await expect(button).toBeFocused();

  // A tap outside closes it.
  await openMenu(page);
  await page.getByTestId('map-title').click();
  await expect(panel).toBeHidden();

  // Each side panel opens as a sheet over the board, its close button focused and in view.
  await (await openMenu(page)).getByRole('button', { name: /^Personas/ }).click();
  await page.screenshot({ path: `${SHOTS}/personas-390-es.png` });
  await expectSheet(page, page.getByTestId('persona-panel'), 'Cerrar personas');

  await (await openMenu(page)).getByTestId('since-button').click();
  await page.screenshot({ path: `${SHOTS}/since-390-es.png` });
  await expectSheet(page, page.getByTestId('since-panel'), 'Cerrar «Desde tu última visita»');

  await (await openMenu(page)).getByTestId('validation-button').click();
  await page.screenshot({ path: `${SHOTS}/validation-390-es.png` });
  await expectSheet(page, page.getByTestId('validation-panel'), 'Cerrar «Validación con clientes»');

  // The comments panel focuses its heading itself; closing it comes back to the Menu button.
  await (await openMenu(page)).getByTestId('comments-toggle').click();
  const comments = page.getByTestId('comments-panel');
  await expect(comments).toBeVisible();
  expect(await comments.boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  await expect(comments.getByRole('heading', { name: 'Comentarios' })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/comments-390-es.png` });
  await comments.getByRole('button', { name: 'Cerrar comentarios' }).click();
  await expect(comments).toHaveCount(0);
  await expect(button).toBeFocused();

  // Members: the dialog fits the window; closing it comes back to the Menu button.
  await (await openMenu(page)).getByRole('button', { name: 'Miembros' }).click();
  const members = page.getByRole('dialog', { name: /Miembros/ });
  await expect(members).toBeVisible();
  await expectInsideWindow(page, members);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${SHOTS}/members-390-es.png` });
  await page.keyboard.press('Escape');
  await expect(members).toBeHidden();
  await expect(button).toBeFocused();

  // The departments list opens from the menu and fits; its Escape closes only itself.
  const menu = await openMenu(page);
  await menu.getByRole('button', { name: /^Departamentos/ }).click();
  const departments = page.getByTestId('departments');
  await expect(departments).toBeVisible();
  await expectInsideWindow(page, departments);
  await page.screenshot({ path: `${SHOTS}/departments-390-es.png` });
  await page.keyboard.press('Escape');
  await expect(departments).toHaveCount(0);
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('button', { name: /^Departamentos/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // Undo after an edit, from the menu.
  await board.addCard(board.firstCell(), 'Tarjeta en el móvil');
  await expect(board.card('Tarjeta en el móvil')).toHaveCount(1);
  await (await openMenu(page)).getByRole('button', { name: /^Deshacer/ }).click();
  await expect(board.card('Tarjeta en el móvil')).toHaveCount(0);
  await panel.getByRole('button', { name: /^Rehacer/ }).click();
  await expect(board.card('Tarjeta en el móvil')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // The popovers of the board fit the window: a card's details, a stage's and a lane's menus.
  await board.openCardDetails('Tarjeta en el móvil');
  await expectInsideWindow(page, page.getByTestId('card-details'));
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${SHOTS}/card-details-390-es.png` });
  await board.closePopover();
  await page
    .getByTestId('stage')
    .first()
    .getByRole('button', { name: /^Opciones de la etapa/ })
    .click();
  await expectInsideWindow(page, page.getByTestId('stage-menu'));
  await expectNoHorizontalOverflow(page);
  await board.closePopover();
  await page
    .getByTestId('lane')
    .first()
    .getByRole('button', { name: /^Opciones del carril/ })
    .click();
  await expectInsideWindow(page, page.locator('.popover'));
  await expectNoHorizontalOverflow(page);
  await board.closePopover();

  // In English: still one line, the menu in English.
  await (await openMenu(page)).getByRole('button', { name: 'English' }).click();
  await expect(button).toHaveText('Menu');
  await expect(panel.getByRole('button', { name: 'Español' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Members' })).toBeVisible();
  await expectNoSeriousViolations(page, '.topbar');
  await page.screenshot({ path: `${SHOTS}/menu-390-en.png` });
  await page.keyboard.press('Escape');
  expect((await header.boundingBox())?.height).toBeLessThanOrEqual(64);
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: `${SHOTS}/bar-390-en.png` });
  await (await openMenu(page)).getByRole('button', { name: /^Personas/ }).click();
  await page.screenshot({ path: `${SHOTS}/personas-390-en.png` });
  await expectSheet(page, page.getByTestId('persona-panel'), 'Close personas');
  await (await openMenu(page)).getByRole('button', { name: 'Español' }).click();
  await expect(button).toHaveText('Menú');
  await page.close();
});

test('my unread comments show on the Menu button too', async () => {
  const board = await openMap(ana, PHONE);
  const page = board.page;
  const { button } = phoneMenu(page);
  await expect(page.getByTestId('map-menu-unread')).toHaveCount(0);

  // Beto, on a laptop, comments on the whole map.
  const other = await openMap(beto, DESKTOP);
  const betoComments = new CommentsPanelPage(other.page);
  await betoComments.open();
  await betoComments.send(betoComments.newThreadBox(), 'Lo miro desde el centro de contacto');

  await expect(page.getByTestId('map-menu-unread')).toHaveText(/^1/);
  await expect(button).toHaveAccessibleName('Menú 1 comentario sin leer');
  await expectNoSeriousViolations(page, '.topbar');
  await page.screenshot({ path: `${SHOTS}/unread-390-es.png` });
  const menu = await openMenu(page);
  await expect(menu.getByTestId('comments-unread-count')).toHaveText('1');
  await expectNoSeriousViolations(page, '.topbar');

  // Reading it clears both.
  await menu.getByTestId('comments-toggle').click();
  const comments = new CommentsPanelPage(page);
  await comments.openThread('centro de contacto');
  await comments.panel.getByRole('button', { name: 'Cerrar comentarios' }).click();
  await expect(page.getByTestId('map-menu-unread')).toHaveCount(0);
  await Promise.all([page.close(), other.page.close()]);
});

test('at 1280 px the top bar is unchanged: every action in it, no Menu', async () => {
  for (const lang of ['es', 'en'] as const) {
    const board = await openMap(ana, DESKTOP);
    const page = board.page;
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    const header = page.locator('header.topbar');
    await expect(phoneMenu(page).button).toBeHidden();
    const names =
      lang === 'es'
        ? [
            /^Deshacer/,
            /^Departamentos/,
            /^Personas/,
            /^Comentarios/,
            /^Novedades/,
            /^Validación/,
            /^Miembros$/,
            /^Cerrar sesión$/,
            /^English$/,
          ]
        : [
            /^Undo/,
            /^Departments/,
            /^Personas/,
            /^Comments/,
            /^Updates/,
            /^Validation/,
            /^Members$/,
            /^Sign out$/,
            /^Español$/,
          ];
    for (const name of names) {
      await expect(header.getByRole('button', { name }).first(), String(name)).toBeVisible();
    }
    await expect(
      header.getByRole('link', { name: lang === 'es' ? '← Mapas' : '← Maps' }),
    ).toBeVisible();
    await expect(header.getByText(lang === 'es' ? 'Conectado' : 'Connected')).toBeVisible();
    // As before: the connection status between the people and the personas button.
    const departments = await header
      .getByRole('button', { name: /^Departa|^Departments/ })
      .boundingBox();
    const conn = await page.getByTestId('connection').boundingBox();
    const personas = await header.getByRole('button', { name: /^Personas/ }).boundingBox();
    expect(departments && conn && personas).toBeTruthy();
    if (departments && conn && personas) {
      const row = (box: { y: number; height: number }) => box.y + box.height / 2;
      const before = (
        a: { x: number; y: number; height: number },
        b: { x: number; y: number; height: number },
      ) => row(a) < row(b) - 4 || (Math.abs(row(a) - row(b)) <= 4 && a.x < b.x);
      expect(before(departments, conn)).toBe(true);
      expect(before(conn, personas)).toBe(true);
    }
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousViolations(page, '.topbar');
    await page.screenshot({ path: `${SHOTS}/bar-1280-${lang}.png` });
    if (lang === 'en') await page.getByRole('button', { name: 'Español' }).click();
    await page.close();
  }
});
