import { test } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { person, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

test('scratch', async ({ browser }) => {
  const pair = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'marketing'),
    colleague: person('Beto', 'contact-centre'),
    role: 'editor',
    locale: 'es-ES',
  });
  const a = new MapBoardPage(await pair.owner.newPage());
  const b = new MapBoardPage(await pair.colleague.newPage());
  await a.open(server.url, pair.mapId);
  await b.open(server.url, pair.mapId);
  await a.addCard(await a.cell('Lo que piensa', 'Planificar el viaje'), 'uno');
  const id = await a.cardId('uno');
  const box = await a.openEditor(a.cardById(id));
  const sel = `(() => { const s = getSelection(); return [document.activeElement?.className, s?.anchorNode?.textContent, s?.anchorOffset].join(' | '); })()`;
  console.log('before home:', await a.page.evaluate(sel));
  await a.page.keyboard.press('Control+Home');
  console.log('after home:', await a.page.evaluate(sel));
  await a.page.keyboard.press('Home');
  console.log('after Home:', await a.page.evaluate(sel));
  await a.page.keyboard.type('A');
  console.log('1:', JSON.stringify(await box.innerText()));
  await b.openEditor(b.cardById(id));
  await a.page.keyboard.type('B');
  console.log('2 (after B opened):', JSON.stringify(await box.innerText()));
  await b.page.keyboard.type('z');
  await a.page.keyboard.type('C');
  console.log('3 (after B typed):', JSON.stringify(await box.innerText()));
});
