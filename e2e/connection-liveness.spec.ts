import { expect, test, type Page } from '@playwright/test';
import { LIVENESS_PONG } from '../shared/liveness.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, person, signUpVia, twoPeopleOnDemoMap } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

/** Longest the badge may go on saying "connected" once the socket is silent (issue 7). */
const DETECTION_BUDGET_MS = 3_000;

/**
 * Waits until the badge no longer claims a connection, failing if that takes more than the
 * budget counted from `since` (not from this call); returns the time it took.
 */
async function expectOfflineWithinBudget(page: Page, since: number): Promise<number> {
  const left = DETECTION_BUDGET_MS - (Date.now() - since);
  await expect(page.getByTestId('connection')).not.toHaveAttribute('data-status', 'connected', {
    timeout: Math.max(left, 1),
  });
  return Date.now() - since;
}

/** The badge counts local changes the server has not acknowledged. */
async function expectUnsynced(page: Page): Promise<void> {
  await expect(page.getByTestId('unsynced')).toHaveAttribute('data-count', /^[1-9]\d*$/);
}

/** Counts the collaboration sockets a page opens and the liveness pongs it receives on them. */
function watchSockets(page: Page): { opened: number; pongs: number } {
  const seen = { opened: 0, pongs: 0 };
  page.on('websocket', (socket) => {
    seen.opened += 1;
    socket.on('framereceived', ({ payload }) => {
      if (Buffer.from(payload).includes(LIVENESS_PONG)) seen.pongs += 1;
    });
  });
  return seen;
}

test('the badge stops saying connected within 3 s of the browser going offline, and an edit typed offline reaches a colleague once it is back online', async ({
  browser,
}) => {
  const { mapId, owner, colleague } = await twoPeopleOnDemoMap(browser, server.url, {
    owner: person('Ana', 'marketing'),
    colleague: person('Beto', 'operations'),
    role: 'editor',
  });
  const a = new MapBoardPage(await owner.newPage());
  const b = new MapBoardPage(await colleague.newPage());
  await a.open(server.url, mapId);
  await b.open(server.url, mapId);
  await a.expectAllSynced();

  // Chromium's offline emulation stalls the open WebSocket (nothing in or out, no close event).
  const offlineAt = Date.now();
  await owner.setOffline(true);
  const detectedAfter = await expectOfflineWithinBudget(a.page, offlineAt);
  test
    .info()
    .annotations.push({ type: 'offline detected after (ms)', description: `${detectedAfter}` });

  const text = 'Escrito por Ana sin red';
  await a.addCard(a.firstCell(), text);
  await expect(a.card(text)).toBeVisible();
  await expectUnsynced(a.page);
  await expect(b.card(text)).toHaveCount(0);

  await owner.setOffline(false);
  await a.expectConnected();
  await a.expectAllSynced();
  await expect(b.card(text)).toBeVisible();
  await b.expectConnected();

  await Promise.all([owner.close(), colleague.close()]);
});

test('with the server frozen and no browser event to tell, the unanswered ping turns the badge offline within 3 s, and edits made meanwhile arrive once it runs again', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const other = await browser.newContext();
  const dana = person('Dana', 'sales');
  const eloy = person('Eloy', 'digital');
  await signUpVia(context, server.url, dana);
  await signUpVia(other, server.url, eloy);
  const created = await context.request.post(`${server.url}/api/maps`, {
    headers: { Origin: server.url },
    data: { title: 'Mapa de Dana', template: 'travel-alert-demo' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id: mapId } = (await created.json()) as { id: string };
  await addMemberVia(context, server.url, mapId, eloy.email, 'editor');
  const a = new MapBoardPage(await context.newPage());
  const b = new MapBoardPage(await other.newPage());
  const socketsOfA = watchSockets(a.page);
  await a.open(server.url, mapId);
  await b.open(server.url, mapId);

  // A quiet map keeps its one socket: the server answers each ping.
  await expect.poll(() => socketsOfA.pongs).toBeGreaterThanOrEqual(3);
  expect(socketsOfA.opened).toBe(1);
  await a.expectConnected();

  const frozenAt = Date.now();
  server.pause();
  const aDetected = await expectOfflineWithinBudget(a.page, frozenAt);
  const bDetected = await expectOfflineWithinBudget(b.page, frozenAt);
  test.info().annotations.push({
    type: 'frozen server detected after (ms)',
    description: `${aDetected} (Dana), ${bDetected} (Eloy)`,
  });

  const text = 'Escrito por Dana con el servidor congelado';
  await a.addCard(a.firstCell(), text);
  await expectUnsynced(a.page);

  server.resume();
  await a.expectConnected();
  await b.expectConnected();
  await a.expectAllSynced();
  await expect(b.card(text)).toBeVisible();

  await Promise.all([context.close(), other.close()]);
});
