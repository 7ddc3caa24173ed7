import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AuthPage } from './pages/AuthPage.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { MembersDialogPage } from './pages/MembersDialogPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

test('a newcomer signs up, owns the demo maps, signs out and signs in again (Spanish UI)', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'es-ES' });
  const page = await context.newPage();
  const auth = new AuthPage(page);
  const olga = person('Olga Martínez', 'marketing');

  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole('link', { name: 'Crea una cuenta' }).click();
  await auth.signUp({ ...olga, password: 'corta' }, 'Marketing');
  await expect(auth.error()).toHaveText('La contraseña debe tener al menos 10 caracteres.');
  await auth.signUp(olga, 'Marketing');

  await expect(page).toHaveURL(`${server.url}/`);
  const items = page.getByTestId('map-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('Propietario');
  await expect(page.getByTestId('user-name')).toHaveText('Olga Martínez');

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await auth.logIn(olga.email, 'una contraseña mala');
  await expect(auth.error()).toHaveText('El correo o la contraseña no son correctos.');
  await auth.logIn(olga.email, olga.password);
  await expect(page.getByTestId('map-item')).toHaveCount(2);

  // A map link opened while signed out comes back to the map after login.
  const mapId = await mapIdByTitle(context, server.url, 'viaje');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.goto(`${server.url}/maps/${mapId}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await auth.logIn(olga.email, olga.password);
  await expect(page).toHaveURL(`${server.url}/maps/${mapId}`);
  await expect(page.getByRole('grid')).toBeVisible();
  await context.close();
});

test('an owner adds a colleague as viewer, then makes them editor: their board unlocks live (English UI)', async ({
  browser,
}) => {
  const ownerContext = await browser.newContext({ locale: 'en-US' });
  const colleagueContext = await browser.newContext({ locale: 'en-US' });
  const owner = person('Owen Owner', 'digital');
  const colleague = person('Vera Viewer', 'branches');
  // Owen is not the first account (the first spec created it), so he starts with no map of his
  // own and creates one.
  await signUpVia(ownerContext, server.url, owner);
  await signUpVia(colleagueContext, server.url, colleague);
  const created = await ownerContext.request.post(`${server.url}/api/maps`, {
    headers: { Origin: server.url },
    data: { title: 'Card activation', template: 'travel-alert-demo', locale: 'en' },
  });
  const { id: mapId } = (await created.json()) as { id: string };

  const ownerPage = new MapBoardPage(await ownerContext.newPage());
  await ownerPage.open(server.url, mapId);
  const dialog = new MembersDialogPage(ownerPage.page);
  await dialog.open();
  await expect(dialog.member('Owen Owner')).toContainText('(you)');

  await dialog.add('nobody@example.test', 'Viewer');
  await expect(dialog.dialog.getByRole('alert')).toContainText(
    'Nobody has an account with that email',
  );
  await dialog.add(colleague.email, 'Viewer');
  await expect(dialog.member('Vera Viewer')).toContainText('Branch network');

  const colleaguePage = new MapBoardPage(await colleagueContext.newPage());
  await colleaguePage.open(server.url, mapId);
  await expect(colleaguePage.page.getByText('Read-only')).toBeVisible();
  await expect(colleaguePage.page.getByRole('button', { name: /^Add card/ })).toHaveCount(0);

  await dialog.changeRole('Vera Viewer', 'Editor');
  // The server closes Vera's connection; it reconnects with the new role, no reload needed.
  await expect(colleaguePage.page.getByRole('button', { name: /^Add card/ }).first()).toBeVisible({
    timeout: 15_000,
  });
  await expect(colleaguePage.page.getByText('Read-only')).toHaveCount(0);

  const link = await dialog.createInvite('Commenter', 3);
  await expect(dialog.invites()).toHaveCount(1);
  await dialog.invites().first().getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog.invites()).toHaveCount(0);
  await dialog.close();

  // A revoked link explains itself.
  const stranger = await browser.newContext({ locale: 'en-US' });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(link);
  await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText(
    'This link is no longer active',
  );

  // Removing Vera locks her out at once.
  await dialog.open();
  ownerPage.page.once('dialog', (d) => void d.accept());
  await dialog.member('Vera Viewer').getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.member('Vera Viewer')).toHaveCount(0);
  await expect(
    colleaguePage.page.getByText('This map does not exist or you have no access to it.'),
  ).toBeVisible({
    timeout: 15_000,
  });

  await Promise.all([ownerContext.close(), colleagueContext.close(), stranger.close()]);
});

test("a map's other owner is told of a role change in the map list and sees it in the members (Spanish UI)", async ({
  browser,
}) => {
  const olgaContext = await browser.newContext({ locale: 'es-ES' });
  const omarContext = await browser.newContext({ locale: 'es-ES' });
  const olga = person('Olga Dueña', 'marketing');
  const omar = person('Omar Dueño', 'operations');
  const bruno = person('Bruno Lector', 'branches');
  await signUpVia(olgaContext, server.url, olga);
  await signUpVia(omarContext, server.url, omar);
  const brunoContext = await browser.newContext();
  await signUpVia(brunoContext, server.url, bruno);
  const created = await olgaContext.request.post(`${server.url}/api/maps`, {
    headers: { Origin: server.url },
    data: { title: 'Alta de tarjeta', locale: 'es' },
  });
  const { id: mapId } = (await created.json()) as { id: string };
  await addMemberVia(olgaContext, server.url, mapId, omar.email, 'owner');
  await addMemberVia(olgaContext, server.url, mapId, bruno.email, 'viewer');

  const olgaPage = new MapBoardPage(await olgaContext.newPage());
  await olgaPage.open(server.url, mapId);
  const olgaDialog = new MembersDialogPage(olgaPage.page);
  await olgaDialog.open();
  await olgaDialog.changeRole('Bruno Lector', 'Editor');
  await expect(olgaDialog.member('Bruno Lector')).toContainText('Rol cambiado por Olga Dueña');
  // Olga made the change herself: nothing is new to her.
  await expect(olgaDialog.member('Bruno Lector').getByText('Nuevo', { exact: true })).toHaveCount(
    0,
  );

  const omarPage = await omarContext.newPage();
  await omarPage.goto(`${server.url}/`);
  const item = omarPage.getByTestId('map-item').filter({ hasText: 'Alta de tarjeta' });
  await expect(item.getByTestId('unseen-role-changes')).toHaveText('1 cambio de rol nuevo');
  await item.getByTestId('unseen-role-changes').click();
  const omarDialog = new MembersDialogPage(omarPage);
  await expect(omarDialog.dialog).toBeVisible();
  await expect(omarDialog.member('Bruno Lector')).toContainText(
    'Nuevo Rol cambiado por Olga Dueña (Lector → Editor',
  );
  const results = await new AxeBuilder({ page: omarPage }).include('dialog').analyze();
  expect(
    results.violations.filter((v) => ['serious', 'critical'].includes(v.impact ?? '')),
  ).toEqual([]);
  await omarDialog.close();
  await expect(omarPage).toHaveURL(`${server.url}/maps/${mapId}`);

  // Seen: the list no longer tells him.
  await omarPage.goto(`${server.url}/`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId('unseen-role-changes')).toHaveCount(0);
  await Promise.all([olgaContext.close(), omarContext.close(), brunoContext.close()]);
});
