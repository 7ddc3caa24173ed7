import fs from 'node:fs';
import {
  expect,
  request,
  test,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { TopBarPage } from './pages/TopBarPage.ts';
import { person, signUpVia } from './support/accounts.ts';
import { customerFromLink, type Customer } from './support/customers.ts';
import { expectAccessible } from './support/axe.ts';
import { serverForThisFile } from './support/serverProcess.ts';

// What the team sees of the customers' answers (issue 11): an editor's open map, two customers
// answering through the API with their own guest sessions and the projection's opaque ids; the
// card states, the customers' curve, the words, the summary and the map list follow live.
const server = serverForThisFile();
const SHOTS = '/tmp/shots-teamui';
const PLAN = 'Planificar el viaje';
const WEB = 'Avisar al banco por la web';
const BOOKS = 'Reserva el viaje';
const NEW_CARD = 'Compara seguros de viaje';
const MARTA_NOTE = 'Yo no comparé nada, el seguro venía con la tarjeta.';
const MISSING = 'Me pidieron el DNI otra vez en la oficina.';
const COMMENT = 'En general bien, pero la web se colgó dos veces.';

let mapId = '';
/** The first customer link, revoked in the second test. */
let firstLink = '';
let ana: BrowserContext;
const customers: Customer[] = [];

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The owner of the demo maps (first account) works through the API only; Ana is an editor.
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
  ana = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } });
  const who = person('Ana', 'digital');
  await signUpVia(ana, server.url, who);
  const added = await owner.post(`/api/maps/${mapId}/members`, {
    data: { email: who.email, role: 'editor' },
  });
  expect(added.status(), await added.text()).toBe(201);
  await owner.dispose();
});

test.afterAll(async () => {
  await Promise.all(customers.map((c) => c.dispose()));
  await ana?.close();
});

/** The card whose text contains `text`. */
function card(page: Page, text: string): Locator {
  return page.getByTestId('card').filter({ hasText: text }).first();
}

/** The validation badge of that card (state and counts). */
function badge(page: Page, text: string): Locator {
  return card(page, text).locator('.validation-badge');
}

/** The button of that badge, which opens the customers' words. */
function badgeButton(page: Page, text: string): Locator {
  return badge(page, text).getByRole('button');
}

/** Creates a labelled customer link from the members dialog, as an editor, and returns it. */
async function createCustomerLink(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: /^(Miembros|Members)$/ }).click();
  const dialog = page.getByRole('dialog');
  const invites = dialog.locator('section.invites');
  await expect(invites.getByRole('heading', { name: 'Enlaces para clientes' })).toBeVisible();
  // Editors create customer links only: there is no role to choose.
  await expect(invites.getByRole('combobox')).toHaveCount(0);
  await invites.getByLabel('Etiqueta (opcional)').fill(label);
  await invites.getByRole('button', { name: 'Crear enlace' }).click();
  const url = dialog.getByTestId('new-invite').getByRole('textbox');
  await expect(url).toHaveValue(/\/invite\//);
  await expect(dialog.getByTestId('new-invite')).toContainText(label);
  await expect(dialog.getByTestId('invite').filter({ hasText: label })).toContainText(
    '0 respuestas',
  );
  await expectAccessible(page, 'dialog');
  const link = await url.inputValue();
  await dialog.getByRole('button', { name: 'Cerrar' }).click();
  return link;
}

test('an editor sees the customers confirm and dispute the map, live', async () => {
  const board = new MapBoardPage(await ana.newPage());
  await board.open(server.url, mapId);
  const page = board.page;

  // Before any answer: customer-visible cards are assumed; internal lanes show nothing.
  await expect(badge(page, BOOKS)).toHaveText('Supuesto');
  await expect(badgeButton(page, BOOKS)).toHaveAccessibleName(
    /^Supuesto \(0 sí, 0 diferente, 0 no le pasó\): lo que dijeron los clientes de «Reserva el viaje/,
  );
  const internalCards = page.locator('.board__cell--backstage [data-testid="card"]');
  await expect(internalCards.first()).toBeVisible();
  await expect(internalCards.locator('.validation-badge')).toHaveCount(0);
  await expect(page.getByTestId('customer-curve')).toHaveCount(0);
  await expect(page.getByTestId('curve-legend')).toHaveCount(0);

  // Ana adds a second step to the first cell, and lowers the threshold to two answers.
  await board.addCard(await board.cell('Lo que hace Bob', PLAN), NEW_CARD);
  await expect(badge(page, NEW_CARD)).toContainText('Supuesto');
  await page.getByTestId('validation-button').click();
  const panel = page.getByTestId('validation-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('validation-state')).toHaveText(/Supuesto/);
  await expect(panel.getByTestId('validation-responses')).toContainText('0 respuestas');
  await panel.getByLabel('Respuestas mínimas').fill('2');
  await panel.getByRole('button', { name: 'Guardar' }).click();
  await expect(panel.getByRole('status')).toHaveText('Guardado.');
  await expect(panel).toContainText('Se valida con 2 respuestas o más y una mayoría de 2/3');
  await expectAccessible(
    page,
    '[data-testid="validation-panel"]',
    '[data-testid="validation-button"]',
    '[data-testid="disputed-first"]',
  );

  // A labelled customer link; two customers accept it in their own sessions.
  const link = await createCustomerLink(page, 'Cliente 3, entrevista telefónica');
  firstLink = link;
  customers.push(await customerFromLink(server.url, link));
  customers.push(await customerFromLink(server.url, link));
  const [luis, marta] = customers;
  if (!luis || !marta) throw new Error('two customers');

  // One answer is not enough; the second "yes" validates the first card, live.
  await luis.answer(BOOKS, 'yes');
  await expect(badge(page, BOOKS)).toContainText('✓1');
  await expect(badge(page, BOOKS)).toContainText('Supuesto');
  await marta.answer(BOOKS, 'yes');
  await expect(badge(page, BOOKS)).toContainText('Validado');
  await expect(badge(page, BOOKS)).toContainText('✓2');

  // The new card: yes and "different" is a dispute; its words are one click away.
  await marta.about({ firstName: 'Marta' });
  await luis.answer(NEW_CARD, 'yes', 'Lo hice igual.');
  await marta.answer(NEW_CARD, 'different', MARTA_NOTE);
  await expect(badge(page, NEW_CARD)).toContainText('En disputa');
  await expect(badgeButton(page, NEW_CARD)).toHaveAccessibleName(
    /^En disputa \(1 sí, 1 diferente, 0 no le pasó\)/,
  );
  await badgeButton(page, NEW_CARD).click();
  const words = page.getByTestId('card-validation');
  await expect(words).toContainText(MARTA_NOTE);
  await expect(words).toContainText('Marta');
  await expect(words).toContainText('Fue diferente');
  await expect(words).toContainText('Lo hice igual.');
  await expect(words).toContainText('Anónimo');
  await expectAccessible(page, '[data-testid="card-validation"]');
  await page.screenshot({ path: `${SHOTS}/popover-1280-es.png` });
  await words.getByRole('button', { name: 'Cerrar' }).click();
  await expect(words).toBeHidden();

  // "Disputed first": the disputed card moves to the top of its cell, and back.
  const cell = await board.cell('Lo que hace Bob', PLAN);
  const texts = () => cell.getByTestId('card-text').allInnerTexts();
  expect((await texts())[0]).toContain(BOOKS);
  await page.getByTestId('disputed-first').click();
  await expect(page.getByTestId('disputed-first')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await texts())[0]).toContain(NEW_CARD);
  await page.getByTestId('disputed-first').click();
  await expect.poll(async () => (await texts())[0]).toContain(BOOKS);

  // How the stages felt: the customers' curve appears over the team's, with n=2.
  await luis.feel(PLAN, -1);
  await marta.feel(PLAN, -2);
  await luis.feel(WEB, 1);
  await expect(page.getByTestId('curve-legend')).toBeVisible();
  const planPoint = page.getByTestId('emotion-point').first();
  await expect(planPoint.getByTestId('customer-count')).toHaveText('n=2');
  await expect(page.getByTestId('emotion-point').nth(1).getByTestId('customer-count')).toHaveText(
    'n=1',
  );
  await expect(planPoint).toHaveAccessibleName(
    /Curva de los clientes: Planificar el viaje: -1,5 \(n=2\)/,
  );

  // A missing step, a free comment and one response sent: the summary shows them.
  await marta.missing(WEB, MISSING);
  await luis.about({ comment: COMMENT });
  await luis.submit();
  await expect(panel.getByTestId('validation-responses')).toHaveText(
    '2 respuestas de clientes · enviadas: 1',
  );
  await expect(panel.getByTestId('validation-state')).toHaveText(/Validado en parte/);
  await expect(panel.getByTestId('validation-card-counts')).toContainText(
    'Validados: 1 · En disputa: 1 · Supuestos:',
  );
  const web = panel.getByTestId('validation-stage').filter({ hasText: WEB });
  await expect(web.getByTestId('missing-step')).toContainText(MISSING);
  await expect(web.getByTestId('missing-step')).toContainText('Marta');
  const plan = panel.getByTestId('validation-stage').filter({ hasText: PLAN });
  await expect(plan.getByTestId('stage-agreement')).toHaveText(/^Acuerdo: 75\s%$/);
  await expect(plan).toContainText('Cómo se sintieron: -1,5 (n=2)');
  await expect(panel.getByTestId('customer-comment')).toContainText(COMMENT);
  await expect(panel.getByTestId('customer-comment')).toContainText('Anónimo');
  await expect(page.getByTestId('validation-responses-count')).toHaveText('2');
  await expectAccessible(
    page,
    '[data-testid="validation-panel"]',
    '.card__validation',
    '[data-testid="curve-legend"]',
  );
  await page.screenshot({ path: `${SHOTS}/board-panel-1280-es.png` });

  // The map list tells the map's state.
  await page.getByRole('link', { name: /Mapas/ }).first().click();
  const item = page
    .getByTestId('map-item')
    .filter({ has: page.locator(`[href="/maps/${mapId}"]`) });
  await expect(item.getByTestId('validation-state')).toHaveText(/Validado en parte/);
  await expect(item.getByTestId('validation-state')).toHaveAttribute(
    'data-state',
    'partly-validated',
  );
  await expectAccessible(page, '[data-testid="map-item"]');
  await page.screenshot({ path: `${SHOTS}/map-list-1280-es.png` });
  await page.close();
});

test('an editor sees answers per customer link and revokes a link', async () => {
  const board = new MapBoardPage(await ana.newPage());
  await board.open(server.url, mapId);
  const page = board.page;
  const second = await createCustomerLink(page, 'Cliente 4, taller');
  expect(second).toMatch(/\/invite\//);
  await page.getByRole('button', { name: /^(Miembros|Members)$/ }).click();
  const dialog = page.getByRole('dialog');
  const first = dialog
    .getByTestId('invite')
    .filter({ hasText: 'Cliente 3, entrevista telefónica' });
  await expect(first.getByTestId('invite-responses')).toHaveText('2 respuestas');
  await expect(
    dialog
      .getByTestId('invite')
      .filter({ hasText: 'Cliente 4, taller' })
      .getByTestId('invite-responses'),
  ).toHaveText('0 respuestas');
  await page.screenshot({ path: `${SHOTS}/invites-1280-es.png` });
  await first
    .getByRole('button', { name: 'Revocar el enlace «Cliente 3, entrevista telefónica»' })
    .click();
  await expect(dialog.getByTestId('invite').filter({ hasText: 'Cliente 3' })).toHaveCount(0);
  await dialog.getByText(/Enlaces caducados o revocados \(1\)/).click();
  const revoked = dialog.getByTestId('past-invite').filter({ hasText: 'Cliente 3' });
  await expect(revoked).toContainText('Revocado');
  await expect(revoked.getByTestId('invite-responses')).toHaveText('2 respuestas');
  await expectAccessible(page, 'dialog');
  // The revoked link admits nobody any more.
  const stranger = await request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { Origin: server.url },
  });
  const token = new URL(firstLink).pathname.split('/').pop();
  expect((await stranger.post(`/api/invites/${token}/accept`, { data: {} })).ok()).toBe(false);
  await stranger.dispose();
  await page.close();
});

test('screenshots: the board, the words, the summary and the links, in Spanish and English', async ({
  browser,
}) => {
  for (const [locale, width] of [
    ['es-ES', 390],
    ['en-GB', 1280],
    ['en-GB', 390],
  ] as const) {
    const context = await browser.newContext({
      locale,
      viewport: { width, height: 900 },
      storageState: await ana.storageState(),
    });
    const board = new MapBoardPage(await context.newPage());
    await board.open(server.url, mapId);
    const page = board.page;
    const lang = locale === 'es-ES' ? 'es' : 'en';
    if (lang === 'en' && (await page.getByRole('button', { name: 'English' }).count()) > 0) {
      await page.getByRole('button', { name: 'English' }).click();
    }
    await expect(badge(page, BOOKS)).toContainText(lang === 'es' ? 'Validado' : 'Validated');
    await page.screenshot({ path: `${SHOTS}/board-${width}-${lang}.png` });
    await badgeButton(page, NEW_CARD).click();
    await expect(page.getByTestId('card-validation')).toContainText(MARTA_NOTE);
    await page.screenshot({ path: `${SHOTS}/popover-${width}-${lang}.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('curve-legend').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/curve-${width}-${lang}.png` });
    const topBar = new TopBarPage(page);
    await topBar.reveal();
    await page.getByTestId('validation-button').click();
    const panel = page.getByTestId('validation-panel');
    await expect(panel.getByTestId('validation-responses')).toContainText('2');
    await panel.screenshot({ path: `${SHOTS}/panel-${width}-${lang}.png` });
    await expectAccessible(page, '[data-testid="validation-panel"]');
    if (width === 390) {
      // On a phone the panel is a sheet over the page, the top bar's Menu under it.
      await panel
        .getByRole('button', {
          name: /^(Cerrar «Validación con clientes»|Close “Customer validation”)$/,
        })
        .click();
      await topBar.reveal();
    }
    await page.getByRole('button', { name: /^(Miembros|Members)$/ }).click();
    await expect(page.getByRole('dialog').getByTestId('invite').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/invites-${width}-${lang}.png` });
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Cerrar|Close)$/ })
      .click();
    await page.goto(`${server.url}/`);
    await expect(page.getByTestId('validation-state').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/map-list-${width}-${lang}.png` });
    await context.close();
  }
});
