import { expect, test, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** Resolves when the page first sends a frame about `map:<id>` (the map or one of its mirrors). */
function firstMapFrame(page: Page, mapId: string): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const text = typeof payload === 'string' ? payload : payload.toString('latin1');
        if (text.includes(`map:${mapId}`)) resolve();
      }),
    );
  });
}

test('a member’s map page asks for the map while it still asks who is signed in; after signing out it does not', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'es-ES' });
  await signUpVia(context, server.url, person('Elena Temprana'));
  const mapId = await mapIdByTitle(context, server.url, 'viaje');
  const page = await context.newPage();
  // The map list: the page learns that this browser's person is a team member.
  await page.goto(server.url);
  await expect(page.getByRole('link', { name: /viaje/i }).first()).toBeVisible();

  // /api/me is held until the map's first frame is sent (or 15 s): the order is what counts.
  const order: string[] = [];
  const mapFrame = firstMapFrame(page, mapId).then(() => order.push('map frame'));
  await page.route('**/api/me', async (route) => {
    await Promise.race([mapFrame, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    order.push('me answered');
    await route.continue();
  });
  const board = new MapBoardPage(page);
  await board.open(server.url, mapId);
  expect(order).toEqual(['map frame', 'me answered']);
  await expect(page.getByTestId('card').first()).toBeVisible();
  await page.unroute('**/api/me');

  // Signed out, the same browser forgets it: the map's address asks for nothing but the login.
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/login/);
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto(`${server.url}/maps/${mapId}`);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Entrar' })).toBeVisible();
  // The socket would have been opened as the page's script started, long before the login showed.
  expect(sockets).toEqual([]);
  await context.close();
});
