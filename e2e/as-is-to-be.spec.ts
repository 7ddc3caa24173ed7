import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { TopBarPage } from './pages/TopBarPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** Screenshots for people to look at (not compared): SHOTS_DIR or /tmp/shots-as-is-to-be. */
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-as-is-to-be';

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** No serious or critical axe violation in the part of the page that `selector` names. */
async function expectAccessible(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`),
  ).toEqual([]);
}

const WEB = 'Avisar al banco por la web';
const EMAIL = 'Enviar un correo';
const ACTION_BEFORE = 'Entra en la web del banco y pasa 15 minutos';
const ACTION_AFTER = 'Activa el aviso de viaje en la app en un minuto';
const THOUGHT = '¿48 horas? Para entonces ya estaré fuera.';
const ADDED = 'Recibe una notificación que confirma el aviso';

test('an owner makes the TO-BE of the demo map and changes it while a colleague watches the comparison', async ({
  browser,
}) => {
  // Two browsers, many steps: about 30 s alone, more while the machine is busy.
  test.setTimeout(120_000);
  const owner = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1280, height: 860 },
  });
  const colleague = await browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1280, height: 860 },
  });
  await signUpVia(owner, server.url, person('Olga', 'digital'));
  const carl = person('Carl', 'contact-centre');
  await signUpVia(colleague, server.url, carl);
  const asIsId = await mapIdByTitle(owner, server.url, 'Aviso de viaje');
  await addMemberVia(owner, server.url, asIsId, carl.email, 'viewer');

  // A viewer of the AS-IS cannot make its TO-BE: the action is not offered.
  const carlBoard = new MapBoardPage(await colleague.newPage());
  await carlBoard.open(server.url, asIsId);
  await expect(carlBoard.page.getByTestId('create-to-be')).toHaveCount(0);

  // The owner creates the TO-BE from the map header.
  const board = new MapBoardPage(await owner.newPage());
  await board.open(server.url, asIsId);
  await board.page.getByRole('button', { name: 'Crear TO-BE' }).click();
  const dialog = board.page.getByRole('dialog', { name: 'Crear el TO-BE de este mapa' });
  await expect(dialog).toBeVisible();
  const title = dialog.getByLabel('Título del mapa TO-BE');
  await expect(title).toHaveValue('Aviso de viaje de Bob (TO-BE)');
  await expectAccessible(board.page, '[data-testid="create-to-be-dialog"]');
  await shot(board.page, 'create-to-be-dialog-es');
  await dialog.getByRole('button', { name: 'Crear y abrir' }).click();
  await expect(board.page).not.toHaveURL(new RegExp(`/maps/${asIsId}$`));
  await expect(board.page).toHaveURL(/\/maps\/[\w-]+$/);
  const toBeId = new URL(board.page.url()).pathname.split('/').pop() ?? '';
  await expect(board.page.getByRole('grid')).toBeVisible();
  await board.expectConnected();
  await expect(board.page.getByTestId('map-title')).toHaveText('Aviso de viaje de Bob (TO-BE)');
  await expect(board.page.locator('.tag--to-be')).toBeVisible();
  await expect(board.card(ACTION_BEFORE)).toHaveCount(1);

  // The colleague follows the comparison (they need to see the TO-BE too).
  await addMemberVia(owner, server.url, toBeId, carl.email, 'viewer');
  const compare = await colleague.newPage();
  await compare.goto(`${server.url}/maps/${toBeId}/compare`);
  await expect(compare.getByRole('heading', { level: 1 })).toHaveText('From AS-IS to TO-BE');
  const summary = compare.getByTestId('compare-summary');
  await expect(summary).toHaveText('Cards the TO-BE removes: 0 · changes: 0 · adds: 0');
  await expect(compare.getByText('The TO-BE is still the same as the AS-IS')).toBeVisible();

  // The owner changes, removes and adds cards in the TO-BE...
  await board.editCard(ACTION_BEFORE, ACTION_AFTER);
  const details = await board.openCardDetails(THOUGHT);
  await details.getByRole('button', { name: /^Eliminar la tarjeta/ }).click();
  await details.getByRole('button', { name: /^Eliminar$/ }).click();
  await expect(board.card(THOUGHT)).toHaveCount(0);
  await board.addCard(await board.cell('Lo que hace Bob', WEB), ADDED);
  await board.expectAllSynced();

  // ...and the comparison follows live, stage by stage.
  await expect(summary).toHaveText('Cards the TO-BE removes: 1 · changes: 1 · adds: 1');
  const webStage = compare.getByTestId('compare-stage').filter({ hasText: WEB });
  await expect(webStage.getByTestId('compare-changed')).toContainText(ACTION_AFTER);
  await expect(webStage.getByTestId('compare-changed').locator('del')).toContainText(ACTION_BEFORE);
  await expect(webStage.getByTestId('compare-changed')).toContainText('Changed: text');
  await expect(webStage.getByTestId('compare-added')).toContainText(ADDED);
  // The pain point of that stage in the AS-IS is what these changes address.
  await expect(webStage.getByTestId('compare-pains')).toContainText(
    'La web no ofrece ninguna forma visible de añadir una alerta de viaje.',
  );
  const emailStage = compare.getByTestId('compare-stage').filter({ hasText: EMAIL });
  await expect(emailStage.getByTestId('compare-removed')).toContainText(THOUGHT);
  await expect(emailStage.getByTestId('compare-pains')).toContainText('48 horas');
  await expect(
    compare.getByTestId('compare-stage').filter({ hasText: 'Planificar el viaje' }),
  ).toContainText('No changes in this stage.');
  await expectAccessible(compare, 'main');
  await shot(compare, 'compare-differences-en');

  // Side by side: AS-IS on the left, TO-BE on the right, the differences marked.
  await compare.getByRole('button', { name: 'Side by side' }).click();
  await expect(compare.getByRole('button', { name: 'Side by side' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const side = compare.getByTestId('compare-side');
  await expect(side.locator('li.compare-side__card--added')).toHaveText(
    `${ADDED} (Added in the TO-BE)`,
  );
  await expect(side.locator('li.compare-side__card--removed')).toContainText(THOUGHT);
  await expect(side.locator('li.compare-side__card--changed')).toContainText(ACTION_AFTER);
  await expectAccessible(compare, 'main');
  await shot(compare, 'compare-side-by-side-en');

  // Links back to both maps.
  await expect(compare.getByTestId('compare-as-is-link')).toHaveAttribute(
    'href',
    `/maps/${asIsId}`,
  );
  await expect(compare.getByTestId('compare-to-be-link')).toHaveAttribute(
    'href',
    `/maps/${toBeId}`,
  );

  // The owner reaches the comparison from the TO-BE's header, in Spanish.
  await board.page.getByRole('link', { name: 'Comparar con el AS-IS' }).click();
  await expect(board.page).toHaveURL(new RegExp(`/maps/${toBeId}/compare$`));
  await expect(board.page.getByTestId('compare-summary')).toHaveText(
    'Tarjetas que el TO-BE quita: 1 · cambia: 1 · añade: 1',
  );
  await shot(board.page, 'compare-differences-es');

  // The map list groups the journey: the TO-BE under its AS-IS, labelled, in both languages.
  await board.page.goto(`${server.url}/`);
  const asIsItem = board.page.locator(`[data-testid="map-item"][data-map-id="${asIsId}"]`);
  const nested = asIsItem.locator(`.map-list--copies [data-map-id="${toBeId}"]`);
  await expect(nested).toBeVisible();
  await expect(nested.getByTestId('map-source')).toHaveText(
    'TO-BE de «Aviso de viaje de Bob (AS-IS)»',
  );
  await expect(nested.getByTestId('map-state')).toHaveText('TO-BE');
  await expect(asIsItem.getByTestId('map-state').first()).toHaveText('AS-IS');
  // Once, nested: not again at the top level.
  await expect(board.page.locator(`[data-map-id="${toBeId}"]`)).toHaveCount(1);
  await expectAccessible(board.page, '[data-testid="map-list"]');
  await shot(board.page, 'map-list-es');
  const list = await colleague.newPage();
  await list.goto(`${server.url}/`);
  await expect(
    list.locator(`[data-map-id="${asIsId}"] .map-list--copies [data-map-id="${toBeId}"]`),
  ).toContainText('TO-BE of “Aviso de viaje de Bob (AS-IS)”');
  await shot(list, 'map-list-en');

  await owner.close();
  await colleague.close();
});

test('on a phone, "Create TO-BE" is in the header menu and the comparison reads in one column', async ({
  browser,
}) => {
  const phone = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const who = person('Pablo', 'digital');
  await signUpVia(phone, server.url, who);
  // A map of their own from the demo template, so they may copy it.
  const created = await phone.request.post(`${server.url}/api/maps`, {
    headers: { Origin: server.url },
    data: { title: 'Viaje en el móvil (AS-IS)', template: 'travel-alert-demo', locale: 'es' },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const board = new MapBoardPage(await phone.newPage());
  await board.open(server.url, id);
  await new TopBarPage(board.page).reveal();
  await board.page.getByRole('button', { name: 'Crear TO-BE' }).click();
  const dialog = board.page.getByRole('dialog', { name: 'Crear el TO-BE de este mapa' });
  await expect(dialog.getByLabel('Título del mapa TO-BE')).toHaveValue('Viaje en el móvil (TO-BE)');
  await shot(board.page, 'phone-create-to-be-es');
  await dialog.getByRole('button', { name: 'Crear y abrir' }).click();
  await expect(board.page.getByTestId('map-title')).toHaveText('Viaje en el móvil (TO-BE)');
  const toBeId = new URL(board.page.url()).pathname.split('/').pop() ?? '';
  await board.expectConnected();
  await board.editCard(ACTION_BEFORE, ACTION_AFTER);
  await board.expectAllSynced();

  await board.page.goto(`${server.url}/maps/${toBeId}/compare`);
  await expect(board.page.getByTestId('compare-summary')).toHaveText(
    'Tarjetas que el TO-BE quita: 0 · cambia: 1 · añade: 0',
  );
  // Nothing wider than the phone.
  const overflow = await board.page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(board.page, 'main');
  await shot(board.page, 'phone-compare-es');
  await board.page.getByRole('button', { name: 'Lado a lado' }).click();
  const changedCard = board.page.locator('li.compare-side__card--changed');
  await expect(changedCard).toContainText(ACTION_AFTER);
  await changedCard.scrollIntoViewIfNeeded();
  await shot(board.page, 'phone-compare-side-es', false);

  await board.page.goto(`${server.url}/`);
  await expect(
    board.page.locator(`[data-map-id="${id}"] .map-list--copies [data-map-id="${toBeId}"]`),
  ).toBeVisible();
  await shot(board.page, 'phone-map-list-es');
  await phone.close();
});
