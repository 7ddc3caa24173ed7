import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { databaseFile } from '../server/db/database.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * Screenshots for people to look at (not assertions), when SHOTS_DIR is set: the page in its
 * language, then in the other one (through the language switch), then back.
 */
async function shot(page: Page, name: string, at?: Locator): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const switcher = page.getByRole('button', { name: /^(English|Español)$/ });
  for (let i = 0; i < 2; i++) {
    // A long page is pictured where `at` is, one window high; a short one whole, from the top
    // (so the sticky header is drawn where it belongs).
    if (at) await at.scrollIntoViewIfNeeded();
    else await page.evaluate('window.scrollTo(0, 0)');
    // The switch names the other language.
    const lang = (await switcher.textContent()) === 'English' ? 'es' : 'en';
    await page.screenshot({
      path: path.join(dir, `${name}-${width}-${lang}.png`),
      fullPage: !at,
    });
    await switcher.click();
  }
}

/** No serious or critical axe violation on the page. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations
      .filter((v) => ['serious', 'critical'].includes(v.impact ?? ''))
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' ')})`),
  ).toEqual([]);
}

/** Creates an invite link as the context's user; returns its id and address. */
async function createInvite(
  context: BrowserContext,
  mapId: string,
  role: string,
): Promise<{ id: string; url: string; token: string }> {
  const response = await context.request.post(`${server.url}/api/maps/${mapId}/invites`, {
    headers: { Origin: server.url },
    data: { role, expiresInDays: 7 },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; url: string; token: string };
}

/** The step of the open stage whose text contains `text`. */
function step(page: Page, text: string) {
  return page.getByTestId('customer-step').filter({ hasText: text });
}

test('two customers answer the journey their own way, find their answers after a reload, send, and can no longer change them; an editor’s change shows live', async ({
  browser,
}) => {
  // Three people, two customers' whole sessions and a live edit: longer than one page's test.
  test.setTimeout(240_000);
  const owner = await browser.newContext({ locale: 'es-ES' });
  await signUpVia(owner, server.url, person('Olga Dueña'));
  const mapId = await mapIdByTitle(owner, server.url, 'viaje');
  const invite = await createInvite(owner, mapId, 'customer');

  // Lucía, on a phone, in Spanish.
  const lucia = await browser.newContext({ locale: 'es-ES', viewport: PHONE });
  const a = await lucia.newPage();
  // Every collaboration document Lucía's page asks for, by name.
  const asked: string[] = [];
  a.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('latin1');
      for (const rest of text.split(`map:${mapId}`).slice(1)) {
        asked.push(rest.startsWith('/customer') ? 'customer' : 'other');
      }
    }),
  );
  await a.goto(invite.url);
  await expect(
    a.getByRole('heading', { name: 'Te invitamos a contarnos tu experiencia' }),
  ).toBeVisible();
  await expect(a.getByText('No necesitas crear una cuenta')).toBeVisible();
  await expectAccessible(a);
  await shot(a, 'invite');
  await a.getByRole('button', { name: 'Empezar' }).click();

  await expect(a).toHaveURL(`${server.url}/maps/${mapId}`);
  await expect(a.getByRole('heading', { name: 'Cuéntanos cómo fue para ti' })).toBeVisible();
  await expect(a.getByText('Son 6 etapas')).toBeVisible();
  await expectAccessible(a);
  await shot(a, 'welcome');
  await a.getByLabel('Tu nombre (opcional)').fill('Lucía');
  await a.getByRole('button', { name: 'Empezar' }).click();

  await expect(a.getByText('Etapa 1 de 6')).toBeVisible();
  await expect(a.getByRole('heading', { name: 'Planificar el viaje', level: 2 })).toBeFocused();
  // Nothing internal: the backstage row and its lane title are not there.
  await expect(a.getByText('Detrás de escena')).toHaveCount(0);
  const booking = step(a, 'Reserva el viaje');
  await booking.getByRole('button', { name: 'Sí, así fue' }).click();
  await expect(booking.getByRole('button', { name: 'Sí, así fue' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(a.getByTestId('save-status')).toContainText('Guardado');
  await a.getByRole('radio', { name: 'Bien', exact: true }).check();
  await a.getByRole('button', { name: 'Aquí pasó algo que no está en el mapa' }).click();
  await a.getByLabel('¿Qué pasó?').fill('Llamé a mi hermana para preguntarle');
  await a.getByRole('button', { name: 'Añadir' }).click();
  await expect(a.getByTestId('customer-missing')).toHaveText(/Llamé a mi hermana/);
  await expect(a.getByTestId('save-status')).toContainText('Guardado');
  await expectAccessible(a);
  await shot(a, 'stage');
  await a.getByRole('button', { name: 'Siguiente' }).click();
  await expect(a.getByText('Etapa 2 de 6')).toBeVisible();

  // Alex, on a desktop, in English, anonymous.
  const alex = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
  const b = await alex.newPage();
  await b.goto(invite.url);
  await b.getByRole('button', { name: 'Start' }).click();
  await expect(b.getByRole('heading', { name: 'Tell us how it was for you' })).toBeVisible();
  await shot(b, 'welcome');
  await b.getByRole('button', { name: 'Start' }).click();
  await expect(b.getByText('Stage 1 of 6')).toBeVisible();
  const bBooking = step(b, 'Reserva el viaje');
  await bBooking.getByRole('button', { name: 'It was different' }).click();
  const note = bBooking.getByLabel('What was different?');
  await expect(note).toBeFocused();
  await expect(bBooking.getByText('Tell us what was different to save this answer.')).toBeVisible();
  await note.fill('I booked by phone, not online');
  await expect(b.getByTestId('save-status')).toContainText('Saved');
  // A save that fails says so clearly, and "Retry" sends it again.
  await b.route('**/feedback/stages/**', (route) => route.abort());
  await b.getByRole('radio', { name: 'Very bad' }).check();
  await expect(b.getByRole('alert')).toContainText('Your last answer could not be saved.');
  await shot(b, 'save-failed');
  await b.unroute('**/feedback/stages/**');
  await b.getByRole('button', { name: 'Retry' }).click();
  await expect(b.getByTestId('save-status')).toContainText('Saved');
  await expect(b.getByRole('alert')).toHaveCount(0);
  await expectAccessible(b);
  await shot(b, 'stage-different');

  // An editor changes a step's text while both customers look: it shows live.
  const editorContext = await browser.newContext({ locale: 'es-ES' });
  const editor = person('Eva Editora');
  await signUpVia(editorContext, server.url, editor);
  await addMemberVia(owner, server.url, mapId, editor.email, 'editor');
  const board = new MapBoardPage(await editorContext.newPage());
  await board.open(server.url, mapId);
  await board.editCard(
    'Reserva el viaje y cae en la cuenta',
    'Reserva el viaje en una agencia y cae en la cuenta de que debe avisar al banco',
  );
  await expect(step(b, 'Reserva el viaje en una agencia')).toBeVisible();
  // Alex's answer stays with the step whose text changed.
  await expect(
    step(b, 'Reserva el viaje en una agencia').getByRole('button', { name: 'It was different' }),
  ).toHaveAttribute('aria-pressed', 'true');

  // A step the team removes leaves the open view quietly.
  const stepsBefore = await b.getByTestId('customer-step').count();
  const details = await board.openCardDetails('Reserva el viaje en una agencia');
  await details.getByRole('button', { name: /^Eliminar la tarjeta/ }).click();
  await details.getByRole('button', { name: /^Eliminar$/ }).click();
  await expect(b.getByTestId('customer-step')).toHaveCount(stepsBefore - 1);
  await expect(b.getByText('The team has just taken a step out of this stage.')).toBeVisible();
  await editorContext.close();

  // The whole journey at once.
  await b.getByRole('button', { name: 'See the whole journey' }).click();
  await expect(b.getByText('Stage 6 of 6')).toBeVisible();
  await expectAccessible(b);
  await shot(b, 'whole', b.getByText(/^(Stage 2 of 6|Etapa 2 de 6)$/));

  // A customer's page only ever asks for the customer projection, never the map itself.
  expect(asked).toContain('customer');
  expect(asked).not.toContain('other');

  // Closing the tab loses nothing: Lucía's answers come back.
  await a.reload();
  await expect(a.getByText('Etapa 2 de 6')).toBeVisible();
  await a.getByRole('button', { name: 'Anterior' }).click();
  await expect(a.getByText('Etapa 1 de 6')).toBeVisible();
  await expect(a.getByRole('radio', { name: 'Bien', exact: true })).toBeChecked();
  await expect(a.getByTestId('customer-missing')).toHaveText(/Llamé a mi hermana/);
  await a.close();
  const a2 = await lucia.newPage();
  await a2.goto(`${server.url}/maps/${mapId}`);
  await expect(a2.getByLabel('Tu nombre (opcional)')).toHaveValue('Lucía');

  // Lucía sends.
  await a2.getByRole('button', { name: 'Empezar' }).click();
  await a2.getByRole('button', { name: 'Ver todo el recorrido' }).click();
  await a2
    .getByLabel('¿Algo más que quieras contarnos? (opcional)')
    .fill('Todo fue rápido en la sucursal');
  await expect(a2.getByTestId('save-status')).toContainText('Guardado');
  await shot(a2, 'finish', a2.getByRole('button', { name: /^(Enviar|Send)$/ }));
  await a2.getByRole('button', { name: 'Enviar' }).click();
  await expect(a2.getByRole('heading', { name: '¡Muchas gracias, Lucía!' })).toBeVisible();
  await expectAccessible(a2);
  await shot(a2, 'thanks');
  await a2.getByRole('button', { name: 'Ver mis respuestas' }).click();
  await expect(a2.getByRole('radio', { name: 'Bien', exact: true }).first()).toBeChecked();
  await expect(a2.getByRole('radio', { name: 'Bien', exact: true }).first()).toBeDisabled();
  await expect(a2.getByRole('button', { name: 'Sí, así fue' }).first()).toBeDisabled();
  await expect(
    a2.getByRole('button', { name: 'Aquí pasó algo que no está en el mapa' }),
  ).toHaveCount(0);
  await expect(a2.getByText('Todo fue rápido en la sucursal')).toBeVisible();
  await expectAccessible(a2);
  await shot(a2, 'thanks-answers', a2.getByText(/^(Etapa 1 de 6|Stage 1 of 6)$/));
  // The server agrees: no more changes.
  const late = await lucia.request.put(`${server.url}/api/maps/${mapId}/feedback/about`, {
    headers: { Origin: server.url },
    data: { comment: 'cambio tardío' },
  });
  expect(late.status()).toBe(409);
  await a2.reload();
  await expect(a2.getByRole('heading', { name: '¡Muchas gracias, Lucía!' })).toBeVisible();

  // Alex sends from the whole journey, anonymously.
  await b.getByRole('button', { name: 'Send' }).click();
  await expect(b.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await shot(b, 'thanks');
  await b.getByRole('button', { name: 'See my answers' }).click();
  await expect(b.getByRole('radio', { name: 'Very bad' }).first()).toBeChecked();

  await Promise.all([owner.close(), lucia.close(), alex.close()]);
});

test('expired, revoked and used links each show a clear page', async ({ browser }) => {
  const owner = await browser.newContext({ locale: 'es-ES' });
  await signUpVia(owner, server.url, person('Olga Dueña'));
  const created = await owner.request.post(`${server.url}/api/maps`, {
    headers: { Origin: server.url },
    data: { title: 'Alta de tarjeta', locale: 'es' },
  });
  const { id: mapId } = (await created.json()) as { id: string };

  const expired = await createInvite(owner, mapId, 'customer');
  const db = new DatabaseSync(databaseFile(server.dataDir));
  const changed = db
    .prepare('UPDATE map_invites SET expires_at = ? WHERE id = ?')
    .run(Date.now() - 1000, expired.id);
  db.close();
  expect(changed.changes).toBe(1);

  const revoked = await createInvite(owner, mapId, 'customer');
  const revoke = await owner.request.delete(
    `${server.url}/api/maps/${mapId}/invites/${revoked.id}`,
    { headers: { Origin: server.url } },
  );
  expect(revoke.status()).toBe(204);

  const used = await createInvite(owner, mapId, 'commenter');
  const someone = await browser.newContext();
  await signUpVia(someone, server.url, person('Ana'));
  const accepted = await someone.request.post(`${server.url}/api/invites/${used.token}/accept`, {
    headers: { Origin: server.url },
    data: {},
  });
  expect(accepted.status(), await accepted.text()).toBe(200);

  for (const [locale, viewport] of [
    ['es-ES', PHONE],
    ['en-US', DESKTOP],
  ] as const) {
    const context = await browser.newContext({ locale, viewport });
    const page = await context.newPage();
    const es = locale === 'es-ES';
    const cases = [
      {
        url: expired.url,
        name: 'expired',
        title: es ? 'Este enlace ha caducado' : 'This link has expired',
      },
      {
        url: revoked.url,
        name: 'revoked',
        title: es ? 'Este enlace ya no está activo' : 'This link is no longer active',
      },
      {
        url: used.url,
        name: 'used',
        title: es ? 'Este enlace ya se ha usado' : 'This link has already been used',
      },
    ];
    for (const c of cases) {
      await page.goto(c.url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.title);
      await expect(page.getByText(es ? /Pide|pídele/ : /ask/i)).toBeVisible();
      await expectAccessible(page);
      await shot(page, `link-${c.name}`);
    }
    await context.close();
  }
  await Promise.all([owner.close(), someone.close()]);
});
