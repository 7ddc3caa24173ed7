import fs from 'node:fs';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';
import { expectAccessible } from './support/axe.ts';

// Dot voting (issue 14) with two people in two browsers on the Spanish demo map: Olga (owner,
// Spanish UI) facilitates, Bruno (commenter, English UI) votes. Votes stay hidden until Olga
// closes the round, then both see the ranked results; a forged vote is refused by the server.
const server = serverForThisFile();
const SHOTS = '/tmp/shots-voting';
const WEB = 'La web no ofrece ninguna forma visible';
const CALL = 'No hay chat y el centro de contacto';
const EMAIL = 'El correo promete respuesta en 48 horas';

let mapId = '';
let olga: BrowserContext;
let bruno: BrowserContext;
let olgaId = '';

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  olga = await browser.newContext({ locale: 'es-ES', viewport: { width: 1366, height: 900 } });
  bruno = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
  // Olga is the first account: she owns the seeded demo maps.
  await signUpVia(olga, server.url, person('Olga', 'digital'));
  const brunoPerson = person('Bruno', 'operations');
  await signUpVia(bruno, server.url, brunoPerson);
  mapId = await mapIdByTitle(olga, server.url, 'viaje');
  await addMemberVia(olga, server.url, mapId, brunoPerson.email, 'commenter');
  olgaId = ((await (await olga.request.get(`${server.url}/api/me`)).json()) as { id: string }).id;
});

test.afterAll(async () => {
  await olga?.close();
  await bruno?.close();
});

function card(page: Page, text: string): Locator {
  return page.getByTestId('card').filter({ hasText: text }).first();
}

function toggle(page: Page, text: string): Locator {
  return card(page, text).getByTestId('vote-toggle');
}

async function cardId(page: Page, text: string): Promise<string> {
  const id = await card(page, text).getAttribute('data-card-id');
  expect(id).toBeTruthy();
  return id ?? '';
}

test('a facilitator runs a dot-voting round: hidden votes, then ranked results for everyone', async () => {
  const olgaBoard = new MapBoardPage(await olga.newPage());
  const brunoBoard = new MapBoardPage(await bruno.newPage());
  await olgaBoard.open(server.url, mapId);
  await brunoBoard.open(server.url, mapId);
  const o = olgaBoard.page;
  const b = brunoBoard.page;

  // Bruno (commenter) may vote but not run rounds: his panel has no start form.
  await b.getByRole('button', { name: /^Voting/ }).click();
  const brunoPanel = b.getByTestId('votes-panel');
  await expect(brunoPanel).toContainText('No voting rounds on this map yet.');
  await expect(brunoPanel.getByRole('button', { name: 'Start voting' })).toHaveCount(0);

  // Olga starts a round on the pain points only, 2 votes each.
  await o.getByRole('button', { name: /^Votación/ }).click();
  const olgaPanel = o.getByTestId('votes-panel');
  await olgaPanel.getByLabel('Votos por persona').fill('2');
  await olgaPanel.getByRole('radio', { name: /Solo puntos de dolor/ }).check();
  await expectAccessible(o, '#votes-panel');
  await olgaPanel.getByRole('button', { name: 'Empezar la votación' }).click();
  await expect(olgaPanel).toContainText('Votación abierta: 3 tarjetas');
  await expect(olgaPanel.getByTestId('votes-voters')).toHaveText('0');

  // Bruno's board gets a toggle on each pain point, live; other cards have none.
  await expect(toggle(b, WEB)).toBeVisible();
  await expect(b.getByTestId('vote-toggle')).toHaveCount(3);
  await expect(toggle(b, CALL)).toHaveAccessibleName(
    /^Vote for “No hay chat.*”\. You have 2 of 2 votes left$/,
  );

  // Olga votes with the keyboard: the toggle is reachable and says it is pressed.
  await toggle(o, CALL).focus();
  await o.keyboard.press('Enter');
  await expect(toggle(o, CALL)).toHaveAttribute('aria-pressed', 'true');
  await expect(olgaPanel.getByTestId('votes-left')).toHaveText('1 de 2');

  // Bruno uses both of his votes; the third pain point's toggle is then disabled.
  await toggle(b, CALL).click();
  await expect(toggle(b, CALL)).toHaveAttribute('aria-pressed', 'true');
  await toggle(b, EMAIL).click();
  await expect(toggle(b, EMAIL)).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle(b, WEB)).toBeDisabled();
  await expect(brunoPanel.getByTestId('votes-left')).toHaveText('0 of 2');

  // Olga sees how many people voted, nobody sees any per-card count while open.
  await expect(olgaPanel.getByTestId('votes-voters')).toHaveText('2');
  await expect(brunoPanel.getByTestId('votes-voters')).toHaveText('2');
  await expect(o.getByTestId('vote-badge')).toHaveCount(0);
  await expect(b.getByTestId('vote-badge')).toHaveCount(0);
  await expect(brunoPanel.getByTestId('votes-results')).toHaveCount(0);
  await expect(toggle(b, CALL)).toContainText('Voted');
  await expectAccessible(b, '#votes-panel', '[data-testid="vote-toggle"]');
  await b.screenshot({ path: `${SHOTS}/open-round-en.png` });
  await o.screenshot({ path: `${SHOTS}/open-round-es.png` });

  // A forged vote: naming another voter is refused, and so is a vote past Bruno's limit.
  const { rounds } = (await (
    await b.request.get(`${server.url}/api/maps/${mapId}/vote-rounds`)
  ).json()) as { rounds: { id: string; voters: number; results: unknown }[] };
  const roundId = rounds[0]?.id ?? '';
  expect(rounds[0]).toMatchObject({ voters: 2, results: null });
  const webId = await cardId(b, WEB);
  const forged = await b.request.post(`${server.url}/api/vote-rounds/${roundId}/votes`, {
    headers: { Origin: server.url },
    data: { cardId: webId, userId: olgaId },
  });
  expect(forged.status()).toBe(400);
  const overLimit = await b.request.post(`${server.url}/api/vote-rounds/${roundId}/votes`, {
    headers: { Origin: server.url },
    data: { cardId: webId },
  });
  expect(overLimit.status()).toBe(409);
  expect(((await overLimit.json()) as { error: { code: string } }).error.code).toBe(
    'no-votes-left',
  );
  const olgaSeen = (await (
    await o.request.get(`${server.url}/api/vote-rounds/${roundId}`)
  ).json()) as { round: { myVotes: string[] } };
  expect(olgaSeen.round.myVotes).toEqual([await cardId(o, CALL)]);

  // Olga closes the round: both see the cards ranked, and each card's votes.
  await olgaPanel.getByRole('button', { name: 'Cerrar la votación y ver resultados' }).click();
  for (const [page, panel, votes, vote] of [
    [o, olgaPanel, 'votos', 'voto'],
    [b, brunoPanel, 'votes', 'vote'],
  ] as const) {
    const results = panel.getByTestId('votes-result');
    await expect(results).toHaveCount(3);
    await expect(results.nth(0)).toContainText(CALL);
    await expect(results.nth(0).getByTestId('votes-result-count')).toHaveText(`2 ${votes}`);
    await expect(results.nth(1)).toContainText(EMAIL);
    await expect(results.nth(1).getByTestId('votes-result-count')).toHaveText(`1 ${vote}`);
    await expect(results.nth(2)).toContainText(WEB);
    await expect(results.nth(2).getByTestId('votes-result-count')).toHaveText(`0 ${votes}`);
    await expect(page.getByTestId('vote-toggle')).toHaveCount(0);
    await expect(card(page, CALL).getByTestId('vote-badge')).toContainText('2');
    await expect(card(page, EMAIL).getByTestId('vote-badge')).toContainText('1');
    await expect(card(page, WEB).getByTestId('vote-badge')).toHaveCount(0);
  }
  await expectAccessible(b, '#votes-panel', '[data-testid="vote-badge"]');
  await o.screenshot({ path: `${SHOTS}/results-es.png` });
  await b.screenshot({ path: `${SHOTS}/results-en.png` });

  // A result leads to its card on the board.
  await brunoPanel.getByRole('link', { name: new RegExp(EMAIL) }).click();
  await expect(card(b, EMAIL)).toBeFocused();

  // A closed round takes no more votes.
  const late = await b.request.post(`${server.url}/api/vote-rounds/${roundId}/votes`, {
    headers: { Origin: server.url },
    data: { cardId: webId },
  });
  expect(late.status()).toBe(409);
});

test('the voting panel and toggles fit a 390 px phone', async () => {
  const phone = await olga.browser()?.newContext({
    locale: 'es-ES',
    viewport: { width: 390, height: 844 },
    storageState: await olga.storageState(),
  });
  if (!phone) throw new Error('no browser');
  try {
    const board = new MapBoardPage(await phone.newPage());
    await board.open(server.url, mapId);
    const page = board.page;
    // A second round, open, so the toggles show on the phone too.
    await page.getByRole('button', { name: /^Menú|^Menu/ }).click();
    await page.getByRole('button', { name: /^Votación/ }).click();
    const panel = page.getByTestId('votes-panel');
    await panel.getByRole('button', { name: 'Empezar la votación' }).click();
    await expect(panel).toContainText('Votación abierta');
    await expect(
      panel.getByRole('heading', { name: 'Resultados de la última votación' }),
    ).toBeVisible();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/phone-panel-es.png` });
    // The toggles on the board, on the phone: reachable and labelled as on a wide screen.
    await panel.getByRole('button', { name: 'Cerrar «Votación por puntos»' }).click();
    await toggle(page, CALL).scrollIntoViewIfNeeded();
    await expect(toggle(page, CALL)).toBeVisible();
    await toggle(page, CALL).click();
    await expect(toggle(page, CALL)).toHaveAttribute('aria-pressed', 'true');
    await expect(toggle(page, CALL)).toHaveAccessibleName(
      /^Votada: quitar mi voto de «No hay chat/,
    );
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: `${SHOTS}/phone-board-es.png` });
    await page.getByRole('button', { name: /^Menú/ }).click();
    await page.getByRole('button', { name: /^Votación/ }).click();
    await panel.getByRole('button', { name: 'Cerrar la votación y ver resultados' }).click();
    await expect(panel.getByTestId('votes-result').first()).toContainText(CALL);
    await expect(page.getByTestId('vote-toggle')).toHaveCount(0);
  } finally {
    await phone.close();
  }
});
