import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

const README_SCREENSHOT = path.join(import.meta.dirname, '..', 'docs', 'demo-map.png');

test('a newcomer who signs up sees the travel-alert demo map in Spanish and its English twin', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({
    locale: 'es-ES',
    viewport: { width: 1280, height: 720 },
  });
  await signUpVia(context, server.url, person('Nueva', 'digital'));
  const board = new MapBoardPage(await context.newPage());

  await board.open(server.url, await mapIdByTitle(context, server.url, 'Aviso de viaje'));
  await expect(board.page.getByTestId('stage')).toHaveCount(6);
  await expect(board.page.getByTestId('stage').first()).toContainText('Planificar el viaje');
  await expect(board.page.getByTestId('lane').filter({ hasText: 'Emociones' })).toBeVisible();
  await expect(board.card('Mary')).not.toHaveCount(0);
  await expect(board.page.getByTestId('emotion-point').first()).toHaveAttribute('data-score', '0');
  // The README's picture comes from this rig: `UPDATE_README_SCREENSHOT=1 npm run test:e2e`.
  const shot = process.env.UPDATE_README_SCREENSHOT
    ? README_SCREENSHOT
    : testInfo.outputPath('demo-map.png');
  await board.page.screenshot({ path: shot });

  await board.open(server.url, await mapIdByTitle(context, server.url, 'travel alert'));
  await expect(board.page.getByTestId('stage').first()).toContainText('Plan the trip');
  await expect(board.card('Mary')).not.toHaveCount(0);

  await context.close();
});
