import { expect, test, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { localCopyUpdates } from './support/localCopy.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** Bytes of the updates the browser's local copy of the map holds. */
async function localCopyBytes(page: Page, mapId: string): Promise<number> {
  return (await localCopyUpdates(page, mapId)).bytes;
}

// The first sync's answer is not encoded again for the local copy (client/src/collab/
// quietFirstSync.ts): the copy stores the whole state a moment later. It must still end up
// holding the map, and an edit made right after the sync must still reach the server.
test('the local copy of a map opened for the first time holds the whole map, and edits made right after the sync reach the server', async ({
  browser,
}) => {
  const context = await browser.newContext();
  await signUpVia(context, server.url, person('Fede', 'digital'));
  const mapId = await mapIdByTitle(context, server.url, 'viaje');

  // The server's answers wait until the page's local copy is open, as on a big map, whose first
  // sync arrives well after it: the copy then misses the sync's update and stores it later.
  const first = new MapBoardPage(await context.newPage());
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await first.page.routeWebSocket(/\/collab/, (socket) => {
    const upstream = socket.connectToServer();
    upstream.onMessage((message) => void released.then(() => socket.send(message)));
  });
  await first.page.goto(`${server.url}/maps/${mapId}`);
  await expect.poll(() => localCopyBytes(first.page, mapId)).toBeGreaterThan(0);
  release();
  await expect(first.page.getByRole('grid')).toBeVisible();
  await first.expectConnected();
  await first.addCard(first.firstCell(), 'Escrita justo después de sincronizar');
  await first.expectAllSynced();
  const cards = await first.page.getByTestId('card').count();
  expect(cards).toBeGreaterThan(40);
  // The demo map's state is about 12 KB.
  await expect.poll(() => localCopyBytes(first.page, mapId)).toBeGreaterThan(10_000);
  await first.page.close();

  // The same browser, with a server that never answers: the map comes from the local copy alone.
  const local = new MapBoardPage(await context.newPage());
  await local.page.routeWebSocket(/\/collab/, () => undefined);
  await local.page.goto(`${server.url}/maps/${mapId}`);
  await expect(local.card('Escrita justo después de sincronizar')).toBeVisible();
  await expect(local.page.getByTestId('card')).toHaveCount(cards);

  // Someone else, in a brand-new browser, gets the edit from the server.
  const other = await browser.newContext();
  const gala = person('Gala', 'sales');
  await signUpVia(other, server.url, gala);
  await addMemberVia(context, server.url, mapId, gala.email, 'viewer');
  const viewer = new MapBoardPage(await other.newPage());
  await viewer.open(server.url, mapId);
  await expect(viewer.card('Escrita justo después de sincronizar')).toBeVisible();
  await expect(viewer.page.getByTestId('card')).toHaveCount(cards);

  await context.close();
  await other.close();
});
