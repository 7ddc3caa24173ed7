import { expect, test } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { PersonaPanelPage } from './pages/PersonaPanelPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { ServerProcess } from './support/serverProcess.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  server = new ServerProcess();
  await server.start();
});

test.afterAll(async () => {
  await server.dispose();
});

test('the demo persona sits beside the map, and an editor’s change reaches a viewer live', async ({
  browser,
}) => {
  const owner = await browser.newContext({ locale: 'es-ES' });
  const viewer = await browser.newContext({ locale: 'es-ES' });
  const ana = person('Ana', 'digital');
  const vera = person('Vera', 'compliance');
  await signUpVia(owner, server.url, ana);
  await signUpVia(viewer, server.url, vera);
  const mapId = await mapIdByTitle(owner, server.url, 'viaje');
  await addMemberVia(owner, server.url, mapId, vera.email, 'viewer');

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
