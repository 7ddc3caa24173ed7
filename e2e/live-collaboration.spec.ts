import { expect, test } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { freshViewerOnMap, person, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

test('two people see each other’s card edits live, and the edits survive a server restart', async ({
  browser,
}) => {
  // Ana owns the seeded demo maps (first account) and makes Beto an editor of the Spanish one.
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'marketing'),
    colleague: person('Beto', 'contact-centre'),
    role: 'editor',
  });
  const { mapId, owner: contextA, colleague: contextB } = pair;
  const a = new MapBoardPage(await contextA.newPage());
  const b = new MapBoardPage(await contextB.newPage());
  await a.open(server.url, mapId);
  await b.open(server.url, mapId);

  // Each sees who else is on the map, and from which department.
  await expect(b.page.getByTestId('present-person')).toHaveAttribute('title', 'Ana · Marketing');
  await expect(a.page.getByTestId('present-person')).toHaveAttribute(
    'title',
    'Beto · Contact centre',
  );

  const cellA = a.firstCell();
  await a.addCard(cellA, 'Bob no encuentra el aviso de viaje');

  // B sees A's new card without reloading.
  await expect(b.card('Bob no encuentra el aviso de viaje')).toBeVisible();

  // B edits it; A sees the edit.
  await b.editCard('Bob no encuentra el aviso de viaje', 'Bob tarda 15 minutos y se rinde');
  await expect(a.card('Bob tarda 15 minutos y se rinde')).toBeVisible();
  await expect(a.card('Bob no encuentra el aviso de viaje')).toHaveCount(0);

  await a.expectAllSynced();
  await b.expectAllSynced();

  await server.stop('SIGTERM');
  await expect(a.page.getByTestId('connection')).not.toHaveAttribute('data-status', 'connected');
  await server.start();

  // Both reconnect on their own and still show the edit.
  await a.expectConnected();
  await b.expectConnected();
  await expect(a.card('Bob tarda 15 minutos y se rinde')).toBeVisible();
  await expect(b.card('Bob tarda 15 minutos y se rinde')).toBeVisible();

  // A third browser with no local copy gets it from the server.
  const { context: contextC, board: c } = await freshViewerOnMap(
    browser,
    server.url,
    contextA,
    mapId,
  );
  await expect(c.card('Bob tarda 15 minutos y se rinde')).toBeVisible();

  await Promise.all([contextA.close(), contextB.close(), contextC.close()]);
});
