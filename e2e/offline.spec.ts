import { expect, test, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import {
  addMemberVia,
  freshViewerOnMap,
  person,
  signUpVia,
  twoPeopleOnDemoMap,
} from './support/accounts.ts';
import { localCopyUpdates } from './support/localCopy.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** The badge no longer claims a connection (it shows disconnected, or connecting while retrying). */
async function expectOffline(page: Page): Promise<void> {
  await expect(page.getByTestId('connection')).not.toHaveAttribute('data-status', 'connected');
}

/** The badge counts local changes the server has not acknowledged. */
async function expectUnsynced(page: Page): Promise<void> {
  await expect(page.getByTestId('unsynced')).not.toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('unsynced')).toHaveAttribute('data-count', /^[1-9]\d*$/);
}

/** Number of updates y-indexeddb stored locally for the map (the browser's own copy). */
async function localUpdates(page: Page, mapId: string): Promise<number> {
  return (await localCopyUpdates(page, mapId)).count;
}

test('edits made while the server is down are kept, shown as unsynced, and merged for everyone once it is back', async ({
  browser,
}) => {
  // Ana owns the seeded demo maps (first account) and makes Beto an editor of the Spanish one.
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'marketing'),
    colleague: person('Beto', 'operations'),
    role: 'editor',
  });
  const { mapId, owner: contextA, colleague: contextB } = pair;
  const a = new MapBoardPage(await contextA.newPage());
  const b = new MapBoardPage(await contextB.newPage());
  await a.open(server.url, mapId);
  await b.open(server.url, mapId);
  await a.expectAllSynced();

  // The server crashes.
  await server.stop('SIGKILL');
  await expectOffline(a.page);
  await expectOffline(b.page);

  // Both keep working offline; their edits are kept locally and counted as unsynced.
  const storedBefore = await localUpdates(a.page, mapId);
  await a.addCard(a.firstCell(), 'Escrito por Ana sin conexión');
  await b.addCard(b.firstCell(), 'Escrito por Beto sin conexión');
  await expect(a.card('Escrito por Ana sin conexión')).toBeVisible();
  await expectUnsynced(a.page);
  await expectUnsynced(b.page);
  await expect.poll(() => localUpdates(a.page, mapId)).toBeGreaterThan(storedBefore);
  await expect(a.card('Escrito por Beto sin conexión')).toHaveCount(0);

  // The server comes back on the same port: both reconnect, upload, and see each other's edit.
  await server.start();
  await a.expectConnected();
  await b.expectConnected();
  await a.expectAllSynced();
  await b.expectAllSynced();
  await expect(a.card('Escrito por Beto sin conexión')).toBeVisible();
  await expect(b.card('Escrito por Ana sin conexión')).toBeVisible();

  // The server really has both: a browser with no local copy gets them.
  const { context: contextC, board: c } = await freshViewerOnMap(
    browser,
    server.url,
    contextA,
    mapId,
  );
  await expect(c.card('Escrito por Ana sin conexión')).toBeVisible();
  await expect(c.card('Escrito por Beto sin conexión')).toBeVisible();

  await Promise.all([contextA.close(), contextB.close(), contextC.close()]);
});

test('an edit made offline survives closing the tab and reaches the server when the map is reopened', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const other = await browser.newContext();
  const dana = person('Dana', 'sales');
  const eloy = person('Eloy', 'digital');
  await signUpVia(context, server.url, dana);
  await signUpVia(other, server.url, eloy);
  // Dana is not the first account: she creates her own map and shares it with Eloy.
  const created = await context.request.post(`${server.url}/api/maps`, {
    headers: { Origin: server.url },
    data: { title: 'Mapa de Dana', template: 'travel-alert-demo' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id: mapId } = (await created.json()) as { id: string };
  await addMemberVia(context, server.url, mapId, eloy.email, 'editor');
  const first = new MapBoardPage(await context.newPage());
  await first.open(server.url, mapId);

  await server.stop('SIGKILL');
  await expectOffline(first.page);
  const storedBefore = await localUpdates(first.page, mapId);
  await first.addCard(first.firstCell(), 'Guardado solo en el navegador');
  await expectUnsynced(first.page);
  // Wait until y-indexeddb wrote it, then close the tab before the server ever saw it.
  await expect.poll(() => localUpdates(first.page, mapId)).toBeGreaterThan(storedBefore);
  await first.page.close();

  await server.start();
  const reopened = new MapBoardPage(await context.newPage());
  await reopened.open(server.url, mapId);
  await expect(reopened.card('Guardado solo en el navegador')).toBeVisible();
  await reopened.expectAllSynced();

  const eloysView = new MapBoardPage(await other.newPage());
  await eloysView.open(server.url, mapId);
  await expect(eloysView.card('Guardado solo en el navegador')).toBeVisible();

  await Promise.all([context.close(), other.close()]);
});
