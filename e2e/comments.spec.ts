import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type BrowserContext, type Page } from '@playwright/test';
import { CommentsPanelPage } from './pages/CommentsPanelPage.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { person, signUpVia, type Person } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

const CARD = 'Pregunta sobre el aviso';

let mapId = '';
const contexts: BrowserContext[] = [];
const ana = person('Ana', 'digital');
const beto = person('Beto', 'contact-centre');
const vera = person('Vera', 'compliance');

/**
 * The owner of the demo maps (the first account) only works through the API; then three people
 * in their own browsers on the Spanish demo map: Ana (editor, digital), Beto (commenter, contact
 * centre) and Vera (viewer, compliance).
 */
test.beforeAll(async ({ browser }) => {
  const owner = await request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { Origin: server.url },
  });
  const signedUp = await owner.post('/api/auth/signup', { data: person('Olga', 'digital') });
  expect(signedUp.status()).toBe(201);
  const { maps } = (await (await owner.get('/api/maps')).json()) as {
    maps: { id: string; title: string }[];
  };
  mapId = maps.find((m) => m.title.toLowerCase().includes('viaje'))?.id ?? '';
  expect(mapId).not.toBe('');
  const people: [Person, string][] = [
    [ana, 'editor'],
    [beto, 'commenter'],
    [vera, 'viewer'],
  ];
  for (const [who, role] of people) {
    const context = await browser.newContext({ locale: 'es-ES' });
    await signUpVia(context, server.url, who);
    const added = await owner.post(`/api/maps/${mapId}/members`, {
      data: { email: who.email, role },
    });
    expect(added.status(), await added.text()).toBe(201);
    contexts.push(context);
  }
  await owner.dispose();
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

/** The map in a new tab of Ana, Beto or Vera. */
async function open(
  who: 0 | 1 | 2,
): Promise<{ board: MapBoardPage; comments: CommentsPanelPage; page: Page }> {
  const context = contexts[who];
  if (!context) throw new Error(`no browser ${who}`);
  const board = new MapBoardPage(await context.newPage());
  await board.open(server.url, mapId);
  return { board, comments: new CommentsPanelPage(board.page), page: board.page };
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include('[data-testid="comments-panel"]')
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test('an editor comments on a card, a commenter from another department replies live with a mention, a viewer only reads; the thread survives the card’s deletion and comes back with its undo; resolving hides it', async () => {
  const a = await open(0);
  const b = await open(1);
  const v = await open(2);
  await b.comments.open();
  await expect(b.comments.panel).toContainText('Aún no hay comentarios');

  // Ana writes a card and comments on it from its menu: the panel opens on that card.
  await a.board.addCard(a.board.firstCell(), CARD);
  const cardId = await a.board.cardId(CARD);
  const details = await a.board.openCardDetails(CARD);
  await details.getByRole('button', { name: 'Comentar' }).click();
  await expect(a.comments.panel).toBeVisible();
  await expect(a.page.getByTestId('comments-scope')).toContainText(`En la tarjeta «${CARD}»`);
  await expect(a.comments.newThreadBox()).toBeFocused();
  // The board stays editable beside the panel.
  await expect(a.board.firstCell().getByRole('button', { name: /^Añadir tarjeta/ })).toBeVisible();
  await a.comments.send(a.comments.newThreadBox(), '¿Esto lo valida cumplimiento?');

  // Beto sees it within a second, on the card.
  const started = Date.now();
  await expect
    .poll(() => b.comments.thread('¿Esto lo valida cumplimiento?').count(), { timeout: 1_000 })
    .toBe(1);
  expect(Date.now() - started).toBeLessThan(1_000);
  await expect(b.comments.thread('cumplimiento')).toContainText(`En la tarjeta «${CARD}»`);
  await expect(CommentsPanelPage.bubble(b.board.cardById(cardId))).toHaveText('1');
  await expect(b.comments.toggle).toHaveAccessibleName(/1 hilo abierto, 1 sin leer/);
  await expect(b.page.getByTestId('comments-live')).toContainText(
    'Nuevo comentario de Ana: ¿Esto lo valida cumplimiento?',
  );
  await expect.poll(() => b.page.title()).toMatch(/^\(1\) /);

  // He opens it (which marks it read) and replies, mentioning Ana from the autocomplete.
  const thread = await b.comments.openThread('cumplimiento');
  await expect(b.comments.toggle).not.toHaveAccessibleName(/sin leer/);
  await expect.poll(() => b.page.title()).not.toMatch(/^\(/);
  await expect(thread.getByTestId('message-department').first()).toHaveText('Digital');
  await b.comments.replyBox().click();
  await b.page.keyboard.type('Lo reviso con @an');
  await expect(b.comments.replyBox()).toHaveAttribute('aria-expanded', 'true');
  const option = b.comments.mentionOptions().filter({ hasText: 'Ana' });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(b.comments.replyBox()).toHaveAttribute(
    'aria-activedescendant',
    (await option.getAttribute('id')) ?? 'missing',
  );
  await b.page.keyboard.press('Enter');
  await expect(b.comments.replyBox()).toHaveValue('Lo reviso con @Ana ');
  await expect(b.comments.replyBox()).toHaveAttribute('aria-expanded', 'false');
  await b.page.keyboard.type('mañana.');
  await b.page.keyboard.press('ControlOrMeta+Enter');
  await expect(b.comments.replyBox()).toHaveValue('');
  const reply = b.comments.messages().filter({ hasText: 'Lo reviso' });
  await expect(reply.locator('mark.mention')).toHaveText('@Ana');
  await expect(reply.getByTestId('message-department')).toHaveText('Centro de contacto');
  await expectNoSeriousViolations(b.page);

  // Ana gets the reply live, unread, with the mention highlighted for her.
  await expect(a.comments.thread('cumplimiento')).toContainText('1 respuesta');
  await expect(a.comments.thread('cumplimiento').getByTestId('thread-unread')).toHaveText(
    '1 sin leer',
  );
  await expect.poll(() => a.page.title()).toMatch(/^\(1\) .* · Recorrido$/);
  await expect(CommentsPanelPage.bubble(a.board.cardById(cardId))).toHaveText('1');

  // Vera reads the thread but has no composer and no resolve button; a forged POST is refused.
  await v.comments.open();
  await expect(v.comments.composers()).toHaveCount(0);
  const veraThread = await v.comments.openThread('cumplimiento');
  await expect(v.comments.messages()).toHaveCount(2);
  await expect(v.comments.composers()).toHaveCount(0);
  await expect(veraThread.getByRole('button', { name: 'Resolver' })).toHaveCount(0);
  await expectNoSeriousViolations(v.page);
  const forged = await v.page.request.post(`${server.url}/api/maps/${mapId}/threads`, {
    headers: { Origin: server.url },
    data: { anchor: { kind: 'card', id: cardId }, body: 'forjado' },
  });
  expect(forged.status()).toBe(403);

  // Ana deletes the card: the thread stays, on the deleted card, in every browser.
  const menu = await a.board.openCardDetails(CARD);
  await menu.getByRole('button', { name: /^Eliminar la tarjeta/ }).click();
  await menu.getByRole('button', { name: /^Eliminar$/ }).click();
  await expect(a.board.cardById(cardId)).toHaveCount(0);
  await expect(a.comments.thread('cumplimiento')).toContainText(
    `En la tarjeta eliminada «${CARD}»`,
  );
  await expect(veraThread.getByTestId('thread-anchor')).toHaveText(
    `En la tarjeta eliminada «${CARD}»`,
  );
  // Undo from the toast brings the card back with its bubble, and the thread is attached again.
  await a.page.getByTestId('toasts').getByRole('button', { name: 'Deshacer' }).click();
  await expect(CommentsPanelPage.bubble(a.board.cardById(cardId))).toHaveText('1');
  await expect(CommentsPanelPage.bubble(v.board.cardById(cardId))).toHaveText('1');
  await expect(veraThread.getByTestId('thread-anchor')).toHaveText(`En la tarjeta «${CARD}»`);

  // Ana opens it from the bubble and resolves it: hidden by default, shown by the filter.
  await CommentsPanelPage.bubble(a.board.cardById(cardId)).click();
  await expect(a.page.getByTestId('comments-scope')).toContainText(`En la tarjeta «${CARD}»`);
  await a.comments.openThread('cumplimiento');
  await expect.poll(() => a.page.title()).not.toMatch(/^\(/);
  await a.comments.panel.getByRole('button', { name: 'Resolver' }).click();
  await expect(a.comments.panel.getByRole('button', { name: 'Reabrir' })).toBeVisible();
  await a.comments.backToList();
  await expect(a.comments.threads()).toHaveCount(0);
  await expect(CommentsPanelPage.bubble(a.board.cardById(cardId))).toHaveCount(0);
  await a.comments.showStatus('Resueltos');
  await expect(a.comments.thread('cumplimiento')).toContainText('Resuelto');
  await expect(b.comments.toggle).toHaveAccessibleName(/0 hilos abiertos/);

  // Escape closes the panel and gives the focus back to what opened it.
  await a.comments.thread('cumplimiento').getByRole('button').focus();
  await a.page.keyboard.press('Escape');
  await expect(a.comments.panel).toHaveCount(0);
  await expect(a.comments.toggle).toBeFocused();
});
