import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { PersonaPanelPage } from './pages/PersonaPanelPage.ts';
import { addMemberVia, person, signUpVia, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';
import { notExactlyOnce, words } from './support/words.ts';

const server = serverForThisFile();

let mapId = '';
let contexts: BrowserContext[] = [];

/** Ana (owner, digital), Beto (editor, contact centre) and Vera (viewer, compliance) on the Spanish demo map. */
test.beforeAll(async ({ browser }) => {
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'digital'),
    colleague: person('Beto', 'contact-centre'),
    role: 'editor',
    locale: 'es-ES',
  });
  mapId = pair.mapId;
  const veraContext = await browser.newContext({ locale: 'es-ES' });
  const vera = person('Vera', 'compliance');
  await signUpVia(veraContext, server.url, vera);
  await addMemberVia(pair.owner, server.url, mapId, vera.email, 'viewer');
  contexts = [pair.owner, pair.colleague, veraContext];
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

/** The map, with the personas panel open, in a new tab of Ana, Beto or Vera. */
async function panelOf(who: 'ana' | 'beto' | 'vera'): Promise<PersonaPanelPage> {
  const context = contexts[['ana', 'beto', 'vera'].indexOf(who)];
  if (!context) throw new Error(`no browser for ${who}`);
  const board = new MapBoardPage(await context.newPage());
  await board.open(server.url, mapId);
  const panel = new PersonaPanelPage(board.page);
  await panel.open();
  return panel;
}

test('an editor writes a persona’s prose fields live, with formatting and undo; a viewer reads them and gets no controls', async () => {
  const ana = await panelOf('ana');
  const vera = await panelOf('vera');

  await expect(ana.field('Bob', 'quote')).toContainText('viaje');
  // A viewer reads the persona but gets no edit controls, and a click opens no editor.
  await expect(vera.persona('Bob')).toContainText('viaje');
  await expect(vera.persona('Bob').getByRole('button')).toHaveCount(0);
  await vera.field('Bob', 'quote').click();
  await expect(vera.panel.getByRole('textbox')).toHaveCount(0);
  await expect(ana.persona('Bob').getByRole('button', { name: 'Editar perfil' })).toBeVisible();

  // From the keyboard: the quote's labelled pencil opens the editor in the quote.
  const pencil = ana.persona('Bob').getByRole('button', { name: 'Editar: Cita de Bob' });
  await pencil.focus();
  await ana.page.keyboard.press('Enter');
  const box = await ana.expectEditorOpen('Bob', 'quote');
  await expect(box).toHaveAccessibleName('Cita de Bob');
  await expect(vera.persona('Bob').getByTestId('persona-editing')).toHaveText(
    'Ana (Digital) está editando',
  );
  await ana.page.keyboard.press('ControlOrMeta+a');
  await ana.page.keyboard.type('Quiero avisar de mi viaje en un minuto, como en la sucursal.');
  // Every keystroke is live: the viewer reads it before Ana leaves the field.
  await expect(vera.field('Bob', 'quote')).toContainText('como en la sucursal');
  await ana.page.keyboard.press('Escape');
  await expect(ana.field('Bob', 'quote').getByRole('textbox')).toHaveCount(0);
  await expect(pencil).toBeFocused();
  await expect(vera.persona('Bob').getByTestId('persona-editing')).toHaveCount(0);

  // A new goal in bold, from the keyboard, reaches the viewer formatted.
  // The editor opens with the caret at the end of the last goal: Enter starts a new one.
  await ana.openField('Bob', 'goals');
  await ana.page.keyboard.press('Enter');
  await ana.page.keyboard.press('ControlOrMeta+b');
  await ana.page.keyboard.type('importante');
  await ana.page.keyboard.press('ControlOrMeta+b');
  await ana.page.keyboard.press('Escape');
  const goals = vera.field('Bob', 'goals');
  await expect(goals.locator('li strong')).toHaveText('importante');
  await expect(goals.locator('li')).toHaveCount(3);

  // The typing is in Ana's map-wide history: Ctrl+Z outside the field takes it back, for everyone.
  await ana.page.keyboard.press('ControlOrMeta+z');
  await expect(goals).not.toContainText('importante');
  await ana.page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(goals.locator('li strong')).toHaveText('importante');
  await Promise.all([ana.page.close(), vera.page.close()]);
});

test('the profile form changes role and channels without writing over prose a colleague is typing', async () => {
  const ana = await panelOf('ana');
  const beto = await panelOf('beto');

  await beto.openField('Bob', 'quote');
  await beto.page.keyboard.type(' beto-antes');
  await expect(ana.field('Bob', 'quote')).toContainText('beto-antes');

  const form = await ana.openProfileForm('Bob');
  await expect(form.getByLabel('Nombre')).toBeFocused();
  await expect(beto.persona('Bob').getByTestId('persona-editing')).toHaveText(
    'Ana (Digital) está editando',
  );
  // Beto goes on typing while Ana's form is open: her form must not bring back the old quote.
  await beto.page.keyboard.type(' beto-durante');
  await expect(ana.field('Bob', 'quote')).toContainText('beto-durante');
  await form.getByLabel('Quién es').fill('Viajero frecuente');
  await form.getByRole('checkbox', { name: 'Chat' }).check();
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form).toHaveCount(0);
  await expect(ana.persona('Bob').getByRole('button', { name: 'Editar perfil' })).toBeFocused();

  await expect(beto.persona('Bob')).toContainText('Viajero frecuente');
  await expect(beto.persona('Bob').locator('.badge', { hasText: 'Chat' })).toBeVisible();
  await beto.page.keyboard.type(' beto-despues');
  await beto.page.keyboard.press('Escape');
  for (const panel of [ana, beto]) {
    await expect(panel.field('Bob', 'quote')).toContainText('beto-antes beto-durante beto-despues');
  }
  await Promise.all([ana.page.close(), beto.page.close()]);
});

test('a new persona gets its name from the form and its prose from the editors', async () => {
  const ana = await panelOf('ana');
  const beto = await panelOf('beto');

  await ana.panel.getByRole('button', { name: 'Añadir persona' }).click();
  const form = ana.panel.getByTestId('persona-form');
  await expect(form.getByLabel('Nombre')).toBeFocused();
  await form.getByLabel('Nombre').fill('Carmen');
  await form.getByRole('button', { name: 'Guardar' }).click();

  // Empty prose fields invite editors to write; viewers would not see them.
  const goals = ana.field('Carmen', 'goals');
  await expect(goals).toContainText('Qué quiere conseguir…');
  await ana.writeField('Carmen', 'goals', 'Pagar en el extranjero sin comisiones');
  await expect(beto.field('Carmen', 'goals')).toContainText(
    'Pagar en el extranjero sin comisiones',
  );
  await Promise.all([ana.page.close(), beto.page.close()]);
});

test('two people typing in the same persona quote at once keep every word of both, everywhere and after a reload', async () => {
  const ana = await panelOf('ana');
  const beto = await panelOf('beto');
  const before = await ana.fieldText('Bob', 'quote');

  const anaBox = await ana.openField('Bob', 'quote');
  // The caret opens at the end; Ana clicks before the first letter (keyboard caret moves race
  // ProseMirror's selection sync right after the editor opens).
  await anaBox
    .locator('p')
    .first()
    .click({ position: { x: 1, y: 5 } });
  await beto.openField('Bob', 'quote');
  await expect(ana.field('Bob', 'quote').getByTestId('remote-caret')).toContainText(
    'Beto · Centro de contacto',
  );

  // axe: the persona panel with an editor open (toolbar, caret, other fields) has no violations.
  const results = await new AxeBuilder({ page: ana.page })
    .include('[data-testid="persona-panel"]')
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' ')})`),
  ).toEqual([]);

  const anaWords = words('ana', 15);
  const betoWords = words('beto', 15);
  await Promise.all([
    ana.page.keyboard.type(`${anaWords.join(' ')} `, { delay: 25 }),
    beto.page.keyboard.type(` ${betoWords.join(' ')}`, { delay: 25 }),
  ]);
  for (const panel of [ana, beto]) await panel.page.keyboard.press('Escape');

  const expected = [...anaWords, ...betoWords];
  const final = `${anaWords.join(' ')} ${before} ${betoWords.join(' ')}`;
  for (const panel of [ana, beto]) {
    await expect(async () => {
      const text = await panel.fieldText('Bob', 'quote');
      expect(notExactlyOnce(text, expected), text).toEqual([]);
    }).toPass();
    // Each person's words are in the order typed, where they typed them.
    await expect.poll(() => panel.fieldText('Bob', 'quote')).toBe(final);
    await new MapBoardPage(panel.page).expectAllSynced();
  }

  for (const panel of [ana, beto]) {
    await panel.page.reload();
    await new MapBoardPage(panel.page).expectConnected();
    await panel.open();
    await expect.poll(() => panel.fieldText('Bob', 'quote')).toBe(final);
  }
  await Promise.all([ana.page.close(), beto.page.close()]);
});
