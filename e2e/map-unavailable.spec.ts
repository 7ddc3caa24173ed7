import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { databaseFile } from '../server/db/database.ts';
import { mapDocName } from '../shared/doc-names.ts';
import type { MapId } from '../shared/ids.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { person, signUpVia } from './support/accounts.ts';
import { serverForThisFile } from './support/serverProcess.ts';

const server = serverForThisFile();

test('a map whose stored state cannot be loaded says so instead of loading forever; other maps still open', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'es-ES' });
  await signUpVia(context, server.url, person('Lucía'));
  const create = async (title: string) => {
    const response = await context.request.post(`${server.url}/api/maps`, {
      headers: { Origin: server.url },
      data: { title, locale: 'es' },
    });
    expect(response.status()).toBe(201);
    return ((await response.json()) as { id: MapId }).id;
  };
  const broken = await create('Mapa dañado');
  const healthy = await create('Mapa sano');

  // Nobody has opened the map yet, so the server has not loaded it: damage its stored snapshot
  // the way a bad disk or a buggy tool would (another process on the same database file).
  const db = new DatabaseSync(databaseFile(server.dataDir));
  const changed = db
    .prepare('UPDATE document_snapshots SET state = ? WHERE name = ?')
    .run(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]), mapDocName(broken));
  db.close();
  expect(changed.changes).toBe(1);

  const page = await context.newPage();
  await page.goto(`${server.url}/maps/${broken}`);
  await expect(page.getByRole('alert')).toHaveText(
    'Este mapa no se puede abrir ahora. El equipo ya está avisado.',
  );
  await expect(page.getByText('Cargando el mapa…')).toHaveCount(0);

  const board = new MapBoardPage(page);
  await board.open(server.url, healthy);
  await context.close();
});
