import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, person, twoPeopleOnDemoMap, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** Where screenshots go when SHOTS_DIR is set (they are for people to look at, not assertions). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** No serious or critical axe violation on the page (or in the part `selector` picks). */
async function expectAccessible(page: Page, selector?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (selector ? builder.include(selector) : builder).analyze();
  expect(
    results.violations
      .filter((v) => ['serious', 'critical'].includes(v.impact ?? ''))
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' ')})`),
  ).toEqual([]);
}

/** A JSON API call as the context's user, with the Origin the CSRF check wants. */
async function post<T>(context: BrowserContext, route: string, data: unknown): Promise<T> {
  const response = await context.request.post(`${server.url}${route}`, {
    headers: { Origin: server.url },
    data,
  });
  expect(response.ok(), `${route}: ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

async function myId(context: BrowserContext): Promise<string> {
  const response = await context.request.get(`${server.url}/api/me`);
  return ((await response.json()) as { id: string }).id;
}

test('mentions and replies from another department reach the editor’s inbox, map list and tab title; opening one and marking all read clear them', async ({
  browser,
}) => {
  const olga = person('Olga Owner', 'marketing');
  const edu = person('Edu Editor', 'digital');
  const carla = person('Carla Comenta', 'contact-centre');
  const {
    mapId,
    owner,
    colleague: editor,
  } = await twoPeopleOnDemoMap(browser, server.url, {
    owner: olga,
    colleague: edu,
    role: 'editor',
    locale: 'es-ES',
  });
  const commenter = await browser.newContext({ locale: 'es-ES' });
  await signUpVia(commenter, server.url, carla);
  await addMemberVia(owner, server.url, mapId, carla.email, 'commenter');

  // The editor starts a thread on a card of the board.
  const board = new MapBoardPage(await editor.newPage());
  await board.open(server.url, mapId);
  const mapTitle = (await board.page.getByTestId('map-title').textContent()) ?? '';
  const firstCard = board.page.getByTestId('card').first();
  const cardId = (await firstCard.getAttribute('data-card-id')) ?? '';
  const cardText = (await firstCard.getByTestId('card-text').innerText()).trim();
  expect(cardId).not.toBe('');
  const thread = await post<{ id: string }>(editor, `/api/maps/${mapId}/threads`, {
    anchor: { kind: 'card', id: cardId },
    body: '¿Quién valida este paso con el cliente?',
  });

  // The editor waits on the map list, which shows nothing unread yet.
  const page = board.page;
  await page.getByRole('link', { name: '← Mapas' }).click();
  const item = page.locator(`[data-testid="map-item"][data-map-id="${mapId}"]`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId('unread-comments')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Bandeja', exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Mapas · Recorrido');

  // The commenter, from another department, replies twice: once mentioning the editor.
  await post(commenter, `/api/threads/${thread.id}/messages`, {
    body: '@Edu Editor lo confirmo con el centro de contacto esta tarde.',
    mentions: [await myId(editor)],
  });
  await post(commenter, `/api/threads/${thread.id}/messages`, {
    body: 'Hecho: el cliente recibe el SMS de confirmación.',
  });
  // ...and starts a thread on the whole map that mentions the editor.
  const mapThread = await post<{ id: string }>(commenter, `/api/maps/${mapId}/threads`, {
    anchor: { kind: 'map' },
    body: '@Edu Editor ¿revisamos juntos el mapa el jueves?',
    mentions: [await myId(editor)],
  });

  // Coming back to the window re-reads the counts: the map, the header and the tab title.
  await page.evaluate("window.dispatchEvent(new Event('focus'))");
  await expect(item.getByTestId('unread-comments')).toHaveText('3 comentarios sin leer');
  const inboxLink = page.getByRole('link', { name: 'Bandeja, 3 sin leer' });
  await expect(inboxLink).toBeVisible();
  await expect(page).toHaveTitle('(3) Mapas · Recorrido');
  await expectAccessible(page);
  await shot(page, 'map-list-es');

  // The inbox lists all three, newest first, with map, anchor, who and department, unread.
  await inboxLink.click();
  await expect(page).toHaveURL(`${server.url}/inbox`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bandeja de entrada' })).toBeVisible();
  const entries = page.getByTestId('inbox-item');
  await expect(entries).toHaveCount(3);
  const [mapMention, reply, mention] = [entries.nth(0), entries.nth(1), entries.nth(2)];
  await expect(mapMention).toContainText('te mencionó');
  await expect(mapMention.getByTestId('inbox-item-where')).toHaveText(`${mapTitle} · Todo el mapa`);
  await expect(mapMention.getByRole('link')).toHaveAttribute(
    'href',
    `/maps/${mapId}?thread=${mapThread.id}`,
  );
  await expect(mapMention).toHaveClass(/inbox-item--unread/);
  await expect(reply).toContainText('respondió a tu hilo');
  await expect(reply).toContainText('el cliente recibe el SMS');
  await expect(mention).toContainText('te mencionó');
  await expect(mention).toContainText('lo confirmo con el centro de contacto');
  for (const entry of [reply, mention]) {
    await expect(entry.getByTestId('inbox-item-who')).toHaveText(
      'Carla Comenta (Centro de contacto)',
    );
    await expect(entry.getByTestId('inbox-item-where')).toContainText(mapTitle);
    await expect(entry.getByTestId('inbox-item-where')).toContainText(
      `Tarjeta «${cardText.slice(0, 30)}`,
    );
    await expect(entry).toHaveClass(/inbox-item--unread/);
    await expect(entry).toContainText('No leído');
    await expect(entry.getByRole('link')).toHaveAttribute(
      'href',
      `/maps/${mapId}?thread=${thread.id}`,
    );
  }
  await expect(page).toHaveTitle('(3) Bandeja de entrada · Recorrido');
  await page.getByRole('button', { name: 'Sin leer (3)' }).click();
  await expect(page.getByRole('button', { name: 'Sin leer (3)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(entries).toHaveCount(3);
  await expectAccessible(page);
  await shot(page, 'inbox-es');

  // The same page in English, and at phone width.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Inbox, 3 unread' })).toBeVisible();
  await expect(mapMention.getByTestId('inbox-item-where')).toHaveText(`${mapTitle} · Whole map`);
  await expect(mention).toContainText('mentioned you');
  await expect(mention).toContainText('Unread');
  await expect(mention.getByTestId('inbox-item-who')).toHaveText('Carla Comenta (Contact centre)');
  await expect(mention.getByTestId('inbox-item-where')).toContainText(
    `Card “${cardText.slice(0, 30)}`,
  );
  await shot(page, 'inbox-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await shot(page, 'inbox-en-390');
  await page.getByRole('button', { name: 'Español' }).click();
  await shot(page, 'inbox-es-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Todo', exact: true }).click();

  // Keyboard: an entry is a link; Enter opens its thread on the map.
  await mention.getByRole('link').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${server.url}/maps/${mapId}?thread=${thread.id}`);
  await expect(page.getByRole('grid')).toBeVisible();
  // The comments panel opens on that thread, and having seen it marks it read.
  await expect(page.getByTestId('comments-panel')).toBeVisible();
  await expect(page.getByTestId('comment-thread')).toContainText('lo confirmo con el centro');
  await expect
    .poll(async () => {
      const response = await editor.request.get(`${server.url}/api/me/inbox`);
      return ((await response.json()) as { unread: number }).unread;
    })
    .toBe(1);
  // The top bar's count follows without waiting for its next poll.
  await expect(page.getByRole('link', { name: 'Bandeja, 1 sin leer' })).toBeVisible({
    timeout: 5000,
  });
  // Only the inbox link: the map page's departments button has a name/visible-text mismatch of
  // its own (main, not this feature).
  await expectAccessible(page, '[data-testid="inbox-link"]');
  await shot(page, 'map-page-es');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'map-page-es-390');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Back in the inbox, that thread's two messages are read; the whole-map mention is not.
  await page.getByRole('link', { name: /^Bandeja/ }).click();
  await expect(page.getByRole('link', { name: 'Bandeja, 1 sin leer' })).toBeVisible();
  await expect(page.locator('.inbox-item--unread')).toHaveCount(1);
  await expect(mapMention).toHaveClass(/inbox-item--unread/);
  await expect(mention).not.toContainText('No leído');
  await expect(reply).not.toContainText('No leído');

  // Marking everything read clears the inbox, its badge and the tab title.
  await page.getByRole('button', { name: 'Marcar todo como leído' }).click();
  await expect(page.getByRole('link', { name: 'Bandeja', exact: true })).toBeVisible();
  await expect(page.locator('.inbox-item--unread')).toHaveCount(0);
  await expect(entries).toHaveCount(3);
  await expect(entries.first()).not.toContainText('No leído');
  await expect(page.getByRole('button', { name: 'Marcar todo como leído' })).toBeDisabled();
  await expect(page).toHaveTitle('Bandeja de entrada · Recorrido');
  await shot(page, 'inbox-es-read');
  await page.getByRole('button', { name: 'Sin leer (0)' }).click();
  await expect(page.getByTestId('inbox-empty')).toHaveText('Lo has leído todo.');

  // Back on the map list, the map's count is gone too.
  await page.getByRole('link', { name: '← Mapas' }).click();
  await expect(item).toBeVisible();
  await expect(item.getByTestId('unread-comments')).toHaveCount(0);
  await expect(page).toHaveTitle('Mapas · Recorrido');

  // The owner was neither mentioned nor the thread's author: an empty inbox, yet the map list
  // counts every message by others that she has not read (the four of them).
  const ownerPage = await owner.newPage();
  await ownerPage.goto(`${server.url}/`);
  await expect(
    ownerPage
      .locator(`[data-testid="map-item"][data-map-id="${mapId}"]`)
      .getByTestId('unread-comments'),
  ).toHaveText('4 comentarios sin leer');
  await ownerPage.getByRole('link', { name: 'Bandeja', exact: true }).click();
  await expect(ownerPage.getByTestId('inbox-empty')).toHaveText(
    'Aún no tienes menciones ni respuestas a tus hilos.',
  );
  await expectAccessible(ownerPage);
  await shot(ownerPage, 'inbox-empty-es');

  // The commenter's own messages are not news to her: only the editor's opening message is, on
  // the map, and it neither mentions her nor replies to a thread of hers.
  const commenterPage = await commenter.newPage();
  await commenterPage.setViewportSize({ width: 390, height: 844 });
  await commenterPage.goto(`${server.url}/`);
  await expect(
    commenterPage
      .locator(`[data-testid="map-item"][data-map-id="${mapId}"]`)
      .getByTestId('unread-comments'),
  ).toHaveText('1 comentario sin leer');
  await expect(commenterPage.getByRole('link', { name: 'Bandeja', exact: true })).toBeVisible();
  await shot(commenterPage, 'map-list-es-390');

  await Promise.all([owner.close(), editor.close(), commenter.close()]);
});
