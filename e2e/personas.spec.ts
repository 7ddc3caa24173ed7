import { expect, test } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { PersonaPanelPage } from './pages/PersonaPanelPage.ts';
import { person, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

test('the demo persona sits beside the map, and an editor’s change reaches a viewer live', async ({
  browser,
}) => {
  const {
    mapId,
    owner,
    colleague: viewer,
  } = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'digital'),
    colleague: person('Vera', 'compliance'),
    role: 'viewer',
    locale: 'es-ES',
  });

  const a = new MapBoardPage(await owner.newPage());
  const v = new MapBoardPage(await viewer.newPage());
  await a.open(server.url, mapId);
  await v.open(server.url, mapId);
  const aPanel = new PersonaPanelPage(a.page);
  const vPanel = new PersonaPanelPage(v.page);
  await aPanel.open();
  await vPanel.open();

  await expect(aPanel.persona('Bob')).toContainText('viaje');
  // A viewer reads the persona but gets no edit controls.
  await expect(vPanel.persona('Bob')).toBeVisible();
  await expect(aPanel.persona('Bob').getByRole('button', { name: 'Editar' })).toBeVisible();
  await expect(vPanel.persona('Bob').getByRole('button', { name: 'Editar' })).toHaveCount(0);

  await aPanel.editQuote('Bob', 'Quiero avisar de mi viaje en un minuto, como en la sucursal.');
  await expect(vPanel.persona('Bob')).toContainText('como en la sucursal');

  await Promise.all([owner.close(), viewer.close()]);
});
