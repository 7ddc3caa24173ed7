import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type BrowserContext, type Page } from '@playwright/test';
import { CommentsPanelPage } from './pages/CommentsPanelPage.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { PersonaPanelPage } from './pages/PersonaPanelPage.ts';
import { TopBarPage } from './pages/TopBarPage.ts';
import { person, signUpVia, type Person } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';
import { connectClient } from '../server/test/collabClient.ts';
import { SESSION_COOKIE } from '../server/auth/sessionCookie.ts';
import { commentsDocName, type MapId } from '../shared/index.ts';
import { readCommentThreads } from '../shared/comments.ts';

const server = serverForThisFile();

const SHOTS = '/tmp/shots-commentsui';
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
  await a.page.setViewportSize({ width: 1400, height: 900 });
  await a.page.screenshot({ path: `${SHOTS}/unread-es.png` });
  await expectNoSeriousViolations(a.page);

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
  // A forged write straight to the comments document, from Vera's own session, reaches nobody.
  await expectForgedMirrorWriteRefused(v.page.context(), 'cumplimiento');
  await expect(a.comments.thread('cumplimiento')).not.toContainText('forjado');

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

test('a commenter comments on a stage from its menu and on a persona from its card; a ?thread= link opens it; authors edit and delete their own messages; filters by mine, mentions and department', async () => {
  const b = await open(1);
  const a = await open(0);
  const stage = 'Ir a la sucursal';

  // Beto (commenter) has a stage menu holding only "Comment"; he mentions Ana in a new thread.
  await b.board.openStageMenu(stage);
  const menu = b.page.getByTestId('stage-menu');
  await expect(menu.getByRole('button')).toHaveText(['Comentar']);
  await menu.getByRole('button', { name: 'Comentar' }).click();
  await expect(b.comments.newThreadBox()).toBeFocused();
  await expect(b.comments.newThreadBox()).toHaveAccessibleName(
    `Nuevo comentario: En la etapa «${stage}»`,
  );
  await b.page.keyboard.type('¿Hace falta cita previa, @ana');
  await expect(b.comments.mentionOptions()).toHaveText([/^Ana/]);
  await b.page.setViewportSize({ width: 1400, height: 900 });
  await b.page.screenshot({ path: `${SHOTS}/mention-es.png` });
  // Arrow keys move through the list; Escape closes the list only, not the panel.
  await b.page.keyboard.press('Escape');
  await expect(b.comments.newThreadBox()).toHaveAttribute('aria-expanded', 'false');
  await expect(b.comments.panel).toBeVisible();
  await b.page.keyboard.press('Backspace');
  await b.page.keyboard.type('a');
  await b.comments.mentionOptions().filter({ hasText: 'Ana' }).click();
  await b.page.keyboard.type('?');
  await b.page.keyboard.press('ControlOrMeta+Enter');
  await expect(b.comments.newThreadBox()).toHaveValue('');
  await expect(CommentsPanelPage.bubble(b.board.stage(stage))).toHaveText('1');
  await expect(b.comments.thread('cita previa')).toContainText(`En la etapa «${stage}»`);

  // Ana follows a link to the thread: the panel opens on it, and it counts as read.
  const threadId = await b.comments.thread('cita previa').getAttribute('data-thread-id');
  await a.page.goto(`${server.url}/maps/${mapId}?thread=${threadId ?? ''}`);
  const thread = a.comments.panel.getByTestId('comment-thread');
  await expect(thread.getByTestId('thread-anchor')).toHaveText(`En la etapa «${stage}»`);
  await expect(thread.locator('mark.mention')).toHaveText('@Ana');
  await expect(thread.getByTestId('comment-message')).toHaveClass(/message--mentions-me/);
  await expect(a.comments.toggle).not.toHaveAccessibleName(/sin leer/);

  // Filters: "mentioning me" keeps it for Ana, "mine" does not; by department, Beto's.
  await a.comments.backToList();
  const filters = a.comments.panel.getByTestId('comment-filters');
  await filters.getByLabel('Me mencionan').check();
  await expect(a.comments.threads()).toHaveText([/cita previa/]);
  await filters.getByLabel('Me mencionan').uncheck();
  await filters.getByLabel('Míos').check();
  await expect(a.comments.threads()).toHaveCount(0);
  await filters.getByLabel('Míos').uncheck();
  await filters.getByLabel('Departamento').selectOption({ label: 'Centro de contacto' });
  await expect(a.comments.threads()).toHaveText([/cita previa/]);
  await filters.getByLabel('Departamento').selectOption({ label: 'Cumplimiento normativo' });
  await expect(a.comments.threads()).toHaveCount(0);
  await filters.getByLabel('Departamento').selectOption({ label: 'Cualquiera' });

  // Only the author edits and deletes a message; a deleted one leaves a placeholder.
  await b.comments.openThread('cita previa');
  await expect(a.comments.panel.getByRole('button', { name: 'Editar' })).toHaveCount(0);
  const mine = b.comments.messages().first();
  await mine.getByRole('button', { name: 'Editar' }).click();
  const edit = mine.getByRole('combobox', { name: 'Editar el mensaje' });
  await expect(edit).toBeFocused();
  await edit.fill('¿Hace falta cita previa en la sucursal, @Ana?');
  await mine.getByRole('button', { name: 'Guardar' }).click();
  await expect(mine).toContainText('(editado)');
  await expect(a.comments.thread('en la sucursal')).toBeVisible();
  await b.comments.send(b.comments.replyBox(), 'Mejor lo pregunto en la reunión.');
  const second = b.comments.messages().filter({ hasText: 'reunión' });
  await second.getByRole('button', { name: 'Eliminar' }).click();
  await expect(second.getByRole('alert')).toHaveText(/¿Eliminar este mensaje\?/);
  await second.getByRole('button', { name: /^Eliminar$/ }).click();
  await expect(second).toHaveCount(0);
  await expect(b.comments.messages().nth(1)).toHaveText(/Mensaje eliminado/);

  // A persona is commented on from its card in the personas panel, which gives way to the comments.
  const personas = new PersonaPanelPage(b.page);
  await personas.open();
  await expect(b.comments.panel).toHaveCount(0);
  await personas.persona('Bob').getByRole('button', { name: 'Comentar' }).click();
  await expect(personas.panel).toHaveCount(0);
  await expect(b.comments.newThreadBox()).toBeFocused();
  await b.comments.send(b.comments.newThreadBox(), '¿Bob viaja por trabajo?');
  await expect(b.comments.thread('por trabajo')).toContainText('En la persona «Bob»');
  await personas.open();
  await expect(CommentsPanelPage.bubble(personas.persona('Bob'))).toHaveText('1');
  await b.comments.open();
  await b.comments.openThread('cita previa');

  // Screenshots: Spanish, then the same in English, beside the board.
  await b.page.setViewportSize({ width: 1400, height: 900 });
  await b.page.screenshot({ path: `${SHOTS}/thread-es.png` });
  await a.page.setViewportSize({ width: 1400, height: 900 });
  await a.page.screenshot({ path: `${SHOTS}/list-es.png` });
  await b.page.getByRole('button', { name: 'English' }).click();
  await expect(b.comments.panel.getByRole('heading', { level: 2 })).toHaveText('Comments');
  await expect(b.comments.panel.getByTestId('thread-anchor')).toHaveText(
    'On the stage “Ir a la sucursal”',
  );
  await expect(b.comments.messages().first()).toContainText('(edited)');
  await b.page.screenshot({ path: `${SHOTS}/thread-en.png` });
  await b.page.getByRole('button', { name: 'Español' }).click();
});

test('on a phone the panel is a sheet over the board, with a close button', async () => {
  const context = contexts[2];
  if (!context) throw new Error('no browser for the viewer');
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const board = new MapBoardPage(page);
  await board.open(server.url, mapId);
  const comments = new CommentsPanelPage(page);
  // The comments button is in the top bar's Menu on a phone.
  const topBar = new TopBarPage(page);
  await topBar.reveal();
  await comments.open();
  const box = await comments.panel.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/sheet-390-es.png` });
  await comments.openThread('cita previa');
  await page.screenshot({ path: `${SHOTS}/sheet-390-thread-es.png` });
  await comments.panel.getByRole('button', { name: 'Cerrar comentarios' }).click();
  await expect(comments.panel).toHaveCount(0);
  // The Menu closed when the sheet opened: the focus comes back to its button.
  await expect(topBar.menuButton).toBeFocused();

  await topBar.reveal();
  await page.getByRole('button', { name: 'English' }).click();
  await comments.open();
  await expect(comments.panel.getByRole('button', { name: 'Close comments' })).toBeVisible();
  await comments.openThread('cita previa');
  await page.screenshot({ path: `${SHOTS}/sheet-390-thread-en.png` });
  await page.getByRole('button', { name: 'Close comments' }).click();
  await topBar.reveal();
  await page.getByRole('button', { name: 'Español' }).click();
});

/**
 * Writes to `map:<id>/comments` as the person of `context` (their session token, outside the
 * browser) and checks that the write reached no one: a second reader, connected throughout, sees
 * the forger's next awareness state (the server handles one connection's messages in order, so it
 * has handled the writes before it) and still no forged text, on the thread whose first message
 * contains `threadText` or anywhere else.
 */
async function expectForgedMirrorWriteRefused(context: BrowserContext, threadText: string) {
  const token = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
  expect(token).toBeTruthy();
  const name = commentsDocName(mapId as MapId);
  const watcher = connectClient(server.url, name, { token: token ?? '' });
  const forger = connectClient(server.url, name, { token: token ?? '' });
  try {
    await Promise.all([watcher.synced, forger.synced]);
    const thread = readCommentThreads(forger.doc).find((t) =>
      t.messages[0]?.body.includes(threadText),
    );
    expect(thread).toBeDefined();
    if (!thread) return;
    const threads = forger.doc.getMap('threads');
    threads.set(thread.id, {
      ...thread,
      messages: thread.messages.map((m) => ({ ...m, body: 'forjado' })),
    });
    threads.set('forjado', { ...thread, id: 'forjado' });
    forger.provider.setAwarenessField('probe', 'after-forgery');
    await expect
      .poll(() => watcher.provider.awareness?.getStates().get(forger.doc.clientID)?.probe)
      .toBe('after-forgery');
    const seen = readCommentThreads(watcher.doc);
    expect(seen.map((t) => t.id)).not.toContain('forjado');
    expect(JSON.stringify(seen)).not.toContain('forjado');
  } finally {
    forger.destroy();
    watcher.destroy();
  }
}
