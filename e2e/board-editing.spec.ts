import { expect, test, type BrowserContext } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();
/** Ana, the facilitator: the first account, so she owns the seeded demo maps. */
let contextA: BrowserContext;
let mapId: string;

test.beforeAll(async ({ browser }) => {
  contextA = await browser.newContext({ locale: 'es-ES' });
  await signUpVia(contextA, server.url, person('Ana', 'marketing'));
  mapId = await mapIdByTitle(contextA, server.url, 'Aviso de viaje');
});

test.afterAll(async () => {
  await contextA.close();
});

test('a facilitator reshapes the board and a colleague scores cards, both live', async ({
  browser,
}) => {
  // A (Spanish UI) makes B (English UI) an editor of the Spanish demo map.
  const contextB = await browser.newContext({ locale: 'en-GB' });
  const beto = person('Beto', 'contact-centre');
  await signUpVia(contextB, server.url, beto);
  await addMemberVia(contextA, server.url, mapId, beto.email, 'editor');
  const a = new MapBoardPage(await contextA.newPage());
  const b = new MapBoardPage(await contextB.newPage());
  await a.open(server.url, mapId);
  await b.open(server.url, mapId);

  // A adds a stage at the end and a lane of opportunities (internal by default); B sees both.
  await a.addStage('Volver a casa');
  await expect(b.page.getByTestId('stage').last()).toContainText('Volver a casa');
  await a.addLane('Oportunidades e ideas', 'Ideas del taller');
  const newLane = b.lane('Ideas del taller');
  await expect(newLane).toBeVisible();
  await expect(newLane).toContainText('Opportunities and ideas');
  await expect(newLane).toContainText('Internal');

  // B sets an emotion score on an emotions card; A sees the badge change.
  const calm = 'Tranquilo, con una tarea pendiente';
  await expect(a.badge(calm, 'emotion')).toHaveAttribute('data-value', '0');
  await b.setEmotion(calm, /^Very good/);
  await expect(a.badge(calm, 'emotion')).toHaveAttribute('data-value', '2');
  await expect(a.badge(calm, 'emotion')).toHaveText('+2');

  // B adds a pain point in the new stage and prioritises it: the score appears for A once the
  // four factors are set (1, 1, 5, 5 is a quick win: 25).
  const pain = 'Nadie confirma que el aviso quedó registrado';
  await b.addCard(await b.cell('Puntos de dolor', 'Volver a casa'), pain);
  await expect(a.card(pain)).toBeVisible();
  const details = await b.setPriority(pain, {
    timeToFix: 1,
    costToFix: 1,
    customerImpact: 5,
    businessImpact: 5,
  });
  await expect(details.getByTestId('priority-score')).toContainText('25 / 25');
  await expect(a.badge(pain, 'priority')).toHaveAttribute('data-value', '25');
  // Changing one factor of an existing priority updates the score: impact 5 x ease (6 - 3) = 15.
  await details
    .getByRole('group', { name: 'Time to fix' })
    .getByRole('button', { name: '5', exact: true })
    .click();
  await expect(a.badge(pain, 'priority')).toHaveAttribute('data-value', '15');
  await expect(a.badge(pain, 'priority')).toHaveText('★ 15');
  await b.closePopover();

  // A deletes a stage; the confirmation says how many cards go with it, and they vanish for B.
  const emailStage = 'Enviar un correo';
  const emailCard = 'El correo promete respuesta en 48 horas';
  const count = await (await a.stageCards(emailStage)).count();
  expect(count).toBeGreaterThan(1);
  await expect(b.card(emailCard)).toBeVisible();
  const cardsBefore = await b.page.getByTestId('card').count();
  const question = await a.deleteStage(emailStage);
  expect(question).toContain(`${count} tarjetas`);
  await expect(b.stage(emailStage)).toHaveCount(0);
  await expect(b.card(emailCard)).toHaveCount(0);
  await expect(b.page.getByTestId('card')).toHaveCount(cardsBefore - count);
  await expect(b.page.getByTestId('unplaced')).toHaveCount(0);

  await a.expectAllSynced();
  await b.expectAllSynced();
  await Promise.all([a.page.close(), contextB.close()]);
});

test('a viewer sees card details read-only and has no board editing controls', async ({
  browser,
}) => {
  const viewer = await browser.newContext({ locale: 'es-ES' });
  const vera = person('Vera');
  await signUpVia(viewer, server.url, vera);
  await addMemberVia(contextA, server.url, mapId, vera.email, 'viewer');
  const v = new MapBoardPage(await viewer.newPage());
  await v.open(server.url, mapId);

  await expect(v.page.getByRole('button', { name: /^(Añadir etapa|Add stage)$/ })).toHaveCount(0);
  await expect(v.page.getByRole('button', { name: /^(Añadir carril|Add lane)$/ })).toHaveCount(0);
  await expect(
    v.page.getByRole('button', { name: /^(Opciones de la etapa|Stage options)/ }),
  ).toHaveCount(0);
  const details = await v.openCardDetails('La web no ofrece ninguna forma visible');
  await expect(details.getByRole('button', { name: '5', exact: true }).first()).toBeDisabled();
  await expect(
    details.getByRole('button', { name: /^(Eliminar la tarjeta|Delete card)/ }),
  ).toHaveCount(0);
  await v.closePopover();
  await viewer.close();
});

test('a card added to a stage someone deleted meanwhile waits in the unplaced tray until placed', async ({
  browser,
}) => {
  const contextB = await browser.newContext({ locale: 'en-GB' });
  const bea = person('Bea', 'branches');
  await signUpVia(contextB, server.url, bea);
  await addMemberVia(contextA, server.url, mapId, bea.email, 'editor');
  const a = new MapBoardPage(await contextA.newPage());
  const b = new MapBoardPage(await contextB.newPage());
  await a.open(server.url, mapId);
  await b.open(server.url, mapId);
  await a.expectAllSynced();
  await b.expectAllSynced();

  // While the server is down, B adds a card to a stage that A deletes.
  const branch = 'Ir a la sucursal';
  const text = 'Mary le conoce de siempre';
  await server.stop('SIGTERM');
  await expect(a.page.getByTestId('connection')).not.toHaveAttribute('data-status', 'connected');
  await expect(b.page.getByTestId('connection')).not.toHaveAttribute('data-status', 'connected');
  await b.addCard(await b.cell('Lo que piensa', branch), text);
  await a.deleteStage(branch);
  await expect(a.stage(branch)).toHaveCount(0);

  // Back online: B's card survives, unplaced, for both; A puts it back into a cell.
  await server.start();
  await a.expectConnected();
  await b.expectConnected();
  await expect(a.page.getByTestId('unplaced-card').filter({ hasText: text })).toBeVisible();
  await expect(b.page.getByTestId('unplaced-card').filter({ hasText: text })).toBeVisible();
  await a.placeUnplaced(text, 'Planificar el viaje', 'Lo que piensa');
  await expect(b.page.getByTestId('unplaced')).toHaveCount(0);
  await expect(await b.cell('Lo que piensa', 'Planificar el viaje')).toContainText(text);

  await a.expectAllSynced();
  await b.expectAllSynced();
  await Promise.all([a.page.close(), contextB.close()]);
});

test('the stage menu works from the keyboard: arrows move between actions, Escape closes it', async () => {
  const a = new MapBoardPage(await contextA.newPage());
  await a.open(server.url, mapId);
  const stage = 'Planificar el viaje';
  await expect(a.page.getByTestId('stage').first()).toContainText(stage);

  const trigger = a
    .stage(stage)
    .getByRole('button', { name: /^(Opciones de la etapa|Stage options)/ });
  await trigger.focus();
  await a.page.keyboard.press('Enter');
  const menu = a.page.getByTestId('stage-menu');
  await expect(menu.getByRole('button', { name: /^(Renombrar|Rename)$/ })).toBeFocused();
  await a.page.keyboard.press('ArrowDown'); // move left: not possible for the first stage
  await a.page.keyboard.press('ArrowDown');
  const moveRight = menu.getByRole('button', { name: /(Mover a la derecha|Move right)$/ });
  await expect(moveRight).toBeFocused();
  await a.page.keyboard.press('Enter');
  await expect(a.page.getByTestId('stage').nth(1)).toContainText(stage);
  // The menu stays open on the moved stage, with the focus where it was.
  await expect(moveRight).toBeFocused();

  await a.page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await a.page.close();
});
