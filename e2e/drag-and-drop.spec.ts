import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import {
  addMemberVia,
  freshViewerOnMap,
  mapIdByTitle,
  person,
  signUpVia,
} from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();
/** Room for the first lanes and stages of the demo map, where every drag here happens. */
const viewport = { width: 1400, height: 1000 };
/** Ana: the first account, so she owns the seeded demo maps; Spanish UI. */
let contextA: BrowserContext;
let mapId: string;

test.beforeAll(async ({ browser }) => {
  contextA = await browser.newContext({ locale: 'es-ES', viewport });
  await signUpVia(contextA, server.url, person('Ana', 'marketing'));
  mapId = await mapIdByTitle(contextA, server.url, 'Aviso de viaje');
});

test.afterAll(async () => {
  await contextA.close();
});

/** The grip of the card showing `text`. */
function cardGrip(board: MapBoardPage, text: string): Locator {
  return board.card(text).getByRole('button', { name: /^(Mover tarjeta|Move card): / });
}

/**
 * Drags `grip` with the mouse to the point `to` (client pixels) in small steps, as a person
 * does; checks the overlay and the drop line show on the way, and drops.
 */
async function drag(page: Page, grip: Locator, to: { x: number; y: number }, overlay: string) {
  const from = await grip.boundingBox();
  expect(from, 'grip on screen').toBeTruthy();
  if (!from) return;
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // The pointer sensor starts a drag after a few pixels: a click on a grip stays a click.
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await expect(page.getByTestId('dnd-overlay')).toHaveText(overlay);
  await expect(page.getByTestId('dnd-line')).toBeVisible();
  await page.mouse.up();
  await expect(page.getByTestId('dnd-overlay')).toHaveCount(0);
}

/** A point in the upper quarter of `target`: "before it" for a card or a lane. */
async function upperPart(target: Locator): Promise<{ x: number; y: number }> {
  const box = await target.boundingBox();
  expect(box, 'drop target on screen').toBeTruthy();
  return { x: (box?.x ?? 0) + (box?.width ?? 0) / 2, y: (box?.y ?? 0) + (box?.height ?? 0) / 4 };
}

/** A point in the left quarter of `target`: "before it" for a stage. */
async function leftPart(target: Locator): Promise<{ x: number; y: number }> {
  const box = await target.boundingBox();
  expect(box, 'drop target on screen').toBeTruthy();
  return { x: (box?.x ?? 0) + (box?.width ?? 0) / 4, y: (box?.y ?? 0) + (box?.height ?? 0) / 2 };
}

test('cards, stages and lanes move by drag and drop and by keyboard, live for a colleague, and one Ctrl+Z undoes a drag', async ({
  browser,
}) => {
  const contextB = await browser.newContext({ locale: 'en-GB', viewport });
  const beto = person('Beto', 'contact-centre');
  await signUpVia(contextB, server.url, beto);
  await addMemberVia(contextA, server.url, mapId, beto.email, 'editor');
  const a = new MapBoardPage(await contextA.newPage());
  const b = new MapBoardPage(await contextB.newPage());
  await a.open(server.url, mapId);
  await b.open(server.url, mapId);

  // A adds a card in (What Bob does × Plan the trip) and drags it by its grip, with the mouse,
  // onto the upper half of the only card of (Touchpoints × Call the contact centre).
  const moving = 'Compara seguros de viaje';
  await a.addCard(await a.cell('Lo que hace Bob', 'Planificar el viaje'), moving);
  await expect(b.card(moving)).toBeVisible();
  const phoneLine = 'Teléfono de atención al cliente';
  await drag(a.page, cardGrip(a, moving), await upperPart(a.card(phoneLine)), moving);

  // It lands before that card, for A and, live, for B.
  const targetA = (await a.cell('Puntos de contacto', 'Llamar al centro')).getByTestId('card');
  const targetB = (await b.cell('Puntos de contacto', 'Llamar al centro')).getByTestId('card');
  await expect(targetA).toHaveText([new RegExp(moving), new RegExp(phoneLine)]);
  await expect(targetB).toHaveText([new RegExp(moving), new RegExp(phoneLine)]);
  const sourceB = await b.cell('Lo que hace Bob', 'Planificar el viaje');
  await expect(sourceB.getByTestId('card').filter({ hasText: moving })).toHaveCount(0);

  // One Ctrl+Z undoes the whole drag (one operation, one undo step), for both.
  await a.page.keyboard.press('Control+z');
  await expect(sourceB.getByTestId('card').filter({ hasText: moving })).toHaveCount(1);
  await expect(targetB).toHaveText([new RegExp(phoneLine)]);
  await a.page.keyboard.press('Control+Shift+z');
  await expect(targetB).toHaveText([new RegExp(moving), new RegExp(phoneLine)]);

  // A drags the stage "Send an email" by its grip onto the left part of "Tell the bank online".
  const stageGrip = a
    .stage('Enviar un correo')
    .getByRole('button', { name: 'Mover etapa: Enviar un correo' });
  await drag(a.page, stageGrip, await leftPart(a.stage('Avisar al banco')), 'Enviar un correo');
  await expect(b.page.getByTestId('stage')).toHaveText([
    /Planificar el viaje/,
    /Enviar un correo/,
    /Avisar al banco/,
    /Llamar al centro/,
    /Ir a la sucursal/,
    /Viajar y pagar/,
  ]);

  // A moves the lane "Channels" up by keyboard (Alt+Up on its grip): announced, focus kept.
  const laneGrip = a.lane('Canales').getByRole('button', { name: 'Mover carril: Canales' });
  await laneGrip.focus();
  await a.page.keyboard.press('Alt+ArrowUp');
  await expect(a.page.getByTestId('dnd-status')).toHaveText(
    /^Carril «Canales» movido a la posición 2 de \d+\./,
  );
  await expect(laneGrip).toBeFocused();
  await expect(b.page.getByTestId('lane').nth(1)).toContainText('Canales');
  await expect(b.page.getByTestId('lane').nth(2)).toContainText('Puntos de contacto');

  // B, in English, moves a card one stage left with Alt+Left: to the end of the same lane in
  // "Enviar un correo", now left of "Avisar al banco". (The map's own text stays Spanish.)
  const portal = 'Portal de autoservicio: perfil';
  await cardGrip(b, portal).focus();
  await b.page.keyboard.press('Alt+ArrowLeft');
  await expect(b.page.getByTestId('dnd-status')).toHaveText(
    'Card moved to Puntos de contacto / Enviar un correo (position 2 of 2).',
  );
  await expect(cardGrip(b, portal)).toBeFocused();
  await expect(
    (await a.cell('Puntos de contacto', 'Enviar un correo')).getByTestId('card'),
  ).toHaveText([/Buzón de atención/, new RegExp(portal)]);

  await contextB.close();
});

test('Alt+Arrow keys on a card’s grip move it between stages and across cells, announced, with the focus kept on it', async () => {
  const a = new MapBoardPage(await contextA.newPage());
  await a.open(server.url, mapId);
  const status = a.page.getByTestId('dnd-status');
  // Earlier moves reordered the map: read the first two lanes and stages as they are now.
  const laneTitles = a.page.getByTestId('lane').locator('.board__lane-title');
  const [firstLane, secondLane] = [
    await laneTitles.nth(0).innerText(),
    await laneTitles.nth(1).innerText(),
  ];
  const stageNames = a.page.getByTestId('stage').locator('.board__title-button');
  const [firstStage, secondStage] = [
    await stageNames.nth(0).innerText(),
    await stageNames.nth(1).innerText(),
  ];
  const text = 'Guarda el número del banco';
  await a.addCard(await a.cell(firstLane, firstStage), text);
  const grip = cardGrip(a, text);

  // The cursor-free path: Alt+Right to the next stage, at the end of the same lane.
  await grip.focus();
  await a.page.keyboard.press('Alt+ArrowRight');
  await expect(status).toHaveText(
    new RegExp(`^Tarjeta movida a ${firstLane} / ${secondStage} \\(posición (\\d) de \\1\\)\\.$`),
  );
  await expect(grip).toBeFocused();
  await expect((await a.cell(firstLane, secondStage)).filter({ has: grip })).toHaveCount(1);

  // Alt+Down at the bottom of its cell crosses into the top of the lane below.
  await a.page.keyboard.press('Alt+ArrowDown');
  await expect(status).toHaveText(
    new RegExp(`^Tarjeta movida a ${secondLane} / ${secondStage} \\(posición 1 de \\d+\\)\\.$`),
  );
  await expect(grip).toBeFocused();
  const cellBelow = await a.cell(secondLane, secondStage);
  await expect(cellBelow.getByTestId('card').first()).toContainText(text);

  // Alt+Up at the top of the cell goes back to the bottom of the lane above.
  await a.page.keyboard.press('Alt+ArrowUp');
  await expect(status).toHaveText(new RegExp(`^Tarjeta movida a ${firstLane} / ${secondStage} `));
  await expect(grip).toBeFocused();
  await expect((await a.cell(firstLane, secondStage)).getByTestId('card').last()).toContainText(
    text,
  );

  // At the first stage there is nowhere further left: said, nothing moves.
  await a.page.keyboard.press('Alt+ArrowLeft');
  await expect(status).toHaveText(new RegExp(`^Tarjeta movida a ${firstLane} / ${firstStage} `));
  await a.page.keyboard.press('Alt+ArrowLeft');
  await expect(status).toHaveText(/^No se puede mover más en esa dirección\./);
  await expect(grip).toBeFocused();

  // dnd-kit's keyboard drag works too: Space picks the card up, an arrow key jumps to the next
  // cell, Space drops it there; the focus comes back to its grip.
  await a.page.keyboard.press('Space');
  await expect(grip).toHaveAttribute('aria-pressed', 'true');
  await a.page.keyboard.press('ArrowRight');
  await expect(a.page.locator('[data-testid="cell"][data-drop-over="true"]')).toHaveAttribute(
    'data-stage-id',
    (await a.page.getByTestId('stage').nth(1).getAttribute('data-stage-id')) ?? '',
  );
  await a.page.keyboard.press('Space');
  await expect((await a.cell(firstLane, secondStage)).filter({ has: grip })).toHaveCount(1);
  await expect(grip).toBeFocused();

  // axe: the cards and headers with their grips. The headers' place in the grid (rows around
  // them: aria-required-parent) belongs to the board's grid rewrite, checked with the board.
  const results = await new AxeBuilder({ page: a.page })
    .disableRules(['aria-required-parent'])
    .include('[data-testid="card"]')
    .include('[data-testid="stage"]')
    .include('[data-testid="lane"]')
    .include('[data-testid="dnd-status"]')
    .analyze();
  expect(
    results.violations
      .filter((v) => ['serious', 'critical'].includes(v.impact ?? ''))
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' ')})`),
  ).toEqual([]);
  await a.page.close();
});

test('on a phone, a card is dragged by pressing and holding its grip', async ({ browser }) => {
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 390, height: 844 },
    hasTouch: true,
  });
  const dani = person('Dani');
  await signUpVia(context, server.url, dani);
  await addMemberVia(contextA, server.url, mapId, dani.email, 'editor');
  const phone = new MapBoardPage(await context.newPage());
  await phone.open(server.url, mapId);
  const laneTitles = phone.page.getByTestId('lane').locator('.board__lane-title');
  const [firstLane, secondLane] = [
    await laneTitles.nth(0).innerText(),
    await laneTitles.nth(1).innerText(),
  ];
  const stage = await phone.page
    .getByTestId('stage')
    .first()
    .locator('.board__title-button')
    .innerText();
  const text = 'Lo arrastra con el dedo';
  await phone.addCard(await phone.cell(firstLane, stage), text);
  const below = await phone.cell(secondLane, stage);
  await below.scrollIntoViewIfNeeded();
  const grip = cardGrip(phone, text);
  const from = await grip.boundingBox();
  const to = await below.boundingBox();
  expect(from && to, 'grip and target cell on screen').toBeTruthy();
  if (!from || !to) return;

  // Real touch events (through the DevTools protocol): press, hold until the drag starts (the
  // overlay shows), slide down to the cell below, lift.
  const cdp = await context.newCDPSession(phone.page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
    });
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  // Near the top of the cell: the bottom of the screen would scroll the board (auto-scroll).
  const end = { x: to.x + to.width / 2, y: to.y + Math.min(24, to.height / 2) };
  await touch('touchStart', start.x, start.y);
  await expect(phone.page.getByTestId('dnd-overlay')).toHaveText(text);
  for (let i = 1; i <= 10; i++) {
    await touch(
      'touchMove',
      start.x + ((end.x - start.x) * i) / 10,
      start.y + ((end.y - start.y) * i) / 10,
    );
  }
  await expect(phone.page.getByTestId('dnd-line')).toBeVisible();
  await touch('touchEnd', end.x, end.y);
  await expect(below.getByTestId('card').last()).toContainText(text);
  await expect(phone.page.locator('[id^="DndLiveRegion"]')).toHaveText(
    new RegExp(`^Tarjeta movida a ${secondLane} / ${stage} `),
  );
  await context.close();
});

test('viewers and commenters get no grips and cannot move anything', async ({ browser }) => {
  const { context, board } = await freshViewerOnMap(browser, server.url, contextA, mapId);
  const commenterContext = await browser.newContext({ locale: 'es-ES' });
  const carmen = person('Carmen');
  await signUpVia(commenterContext, server.url, carmen);
  await addMemberVia(contextA, server.url, mapId, carmen.email, 'commenter');
  const commenter = new MapBoardPage(await commenterContext.newPage());
  await commenter.open(server.url, mapId);
  for (const page of [board.page, commenter.page]) {
    await expect(page.getByTestId('card').first()).toBeVisible();
    await expect(page.getByTestId('stage').first()).toBeVisible();
    await expect(page.locator('.dnd-grip')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Mover|Move) / })).toHaveCount(0);
  }
  await Promise.all([context.close(), commenterContext.close()]);
});
