import { expect, test } from '@playwright/test';
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
  await a.page.keyboard.press('Control+Home');
  await a.page.keyboard.type('X');
  console.log('after home:', await box.innerText());
  await a.page.keyboard.press('Control+End');
  const cdp = await a.page.context().newCDPSession(a.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await a.page.keyboard.type(' abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz');
  console.log('typed 54 chars in', Date.now() - t0, 'ms (2 pages open)');
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const [id, c] of counts) {
    const n = byId.get(id);
    if (!n) continue;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + c);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log('samples', total);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v, k);
  await expect(b.cardById(id)).toContainText('xyz abcdefghijklmnopqrstuvwxyz');
  console.log('seen by B after', Date.now() - t0, 'ms');
  await a.page.keyboard.press('Escape');
  await a.page.getByTestId('stage').first().locator('.board__title-button').click();
  const t1 = Date.now();
  await a.page.keyboard.type(' abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz');
  console.log('baseline: typed 54 chars in a plain input in', Date.now() - t1, 'ms');
  await a.page.keyboard.press('Escape');
  await a.page.screenshot({ path: '/tmp/shot-edit.png' });
});
