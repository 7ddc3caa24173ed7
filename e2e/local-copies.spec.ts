import { expect, test, type Page } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { person, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** The names of this app's IndexedDB databases in the page's browser context. */
function localCopies(page: Page): Promise<string[]> {
  return page.evaluate(
    `indexedDB.databases().then((all) => all.map((db) => db.name).filter((n) => n && n.startsWith('recorrido:')))`,
  );
}

test('local copies of a map are kept per person and deleted on sign-out and when access is lost', async ({
  browser,
}) => {
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'marketing'),
    colleague: person('Beto', 'it'),
    role: 'editor',
    locale: 'es-ES',
  });
  const ana = new MapBoardPage(await pair.owner.newPage());
  const beto = new MapBoardPage(await pair.colleague.newPage());
  await ana.open(server.url, pair.mapId);
  await beto.open(server.url, pair.mapId);
  const anaId = (
    (await (await pair.owner.request.get(`${server.url}/api/me`)).json()) as { id: string }
  ).id;
  const betoId = (
    (await (await pair.colleague.request.get(`${server.url}/api/me`)).json()) as { id: string }
  ).id;

  // Each browser holds its person's copy, under a name that says whose it is.
  await expect.poll(() => localCopies(ana.page)).toEqual([`recorrido:${anaId}:map:${pair.mapId}`]);
  await expect
    .poll(() => localCopies(beto.page))
    .toEqual([`recorrido:${betoId}:map:${pair.mapId}`]);

  // Ana removes Beto from the map: his open page loses access, and his copy with it.
  const removed = await pair.owner.request.delete(
    `${server.url}/api/maps/${pair.mapId}/members/${betoId}`,
    { headers: { Origin: server.url } },
  );
  expect(removed.status(), await removed.text()).toBeLessThan(300);
  await expect(beto.page.getByRole('alert')).toBeVisible();
  await expect.poll(() => localCopies(beto.page)).toEqual([]);

  // Ana signs out: nothing of the map stays in her browser.
  await ana.page.getByRole('button', { name: /^(Cerrar sesión|Sign out)$/ }).click();
  await expect(ana.page).toHaveURL(/\/login/);
  await expect.poll(() => localCopies(ana.page)).toEqual([]);
  await Promise.all([pair.owner.close(), pair.colleague.close()]);
});
