import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { PostgresCluster } from '../server/test/postgresServer.ts';
import { RedisServer } from '../server/test/redisServer.ts';
import { MapBoardPage } from './pages/MapBoardPage.ts';
import { addMemberVia, mapIdByTitle, person, signUpVia } from './support/accounts.ts';
import { ServerProcess } from './support/serverProcess.ts';

// Two Recorrido instances of one deployment: one PostgreSQL database, one Redis, two server
// processes on their own ports serving the same client build. Each person uses their own instance.
let postgres: PostgresCluster | undefined;
let redis: RedisServer | undefined;
const a = new ServerProcess();
const b = new ServerProcess();

test.beforeAll(async () => {
  // initdb plus two server starts on a shared 2-core machine.
  test.setTimeout(120_000);
  postgres = await PostgresCluster.start();
  redis = await RedisServer.start();
  const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url };
  // One after the other: the first migrates the empty database and seeds the demo maps.
  await a.start(env);
  await b.start(env);
});

test.afterAll(async () => {
  try {
    await b.dispose();
    await a.dispose();
  } finally {
    await redis?.destroy();
    await postgres?.destroy();
  }
});

test('two people on two instances see each other’s card edits and presence live', async ({
  browser,
}) => {
  const ana = person('Ana', 'marketing');
  const beto = person('Beto', 'contact-centre');
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  // Ana signs up on A (the first account: she owns the seeded demo maps), Beto on B.
  await signUpVia(contextA, a.url, ana);
  await signUpVia(contextB, b.url, beto);
  // Sessions live in the shared database: the one Ana got from A is valid on B too.
  const meOnB = await contextA.request.get(`${b.url}/api/me`);
  expect(meOnB.status()).toBe(200);
  expect(await meOnB.json()).toMatchObject({ email: ana.email });

  const mapId = await mapIdByTitle(contextA, a.url, 'viaje');
  await addMemberVia(contextA, a.url, mapId, beto.email, 'editor');
  const boardA = new MapBoardPage(await contextA.newPage());
  const boardB = new MapBoardPage(await contextB.newPage());
  await boardA.open(a.url, mapId);
  await boardB.open(b.url, mapId);

  // Presence crosses instances: each presence bar shows the other person.
  await expect(boardB.page.getByTestId('present-person')).toHaveAttribute(
    'title',
    'Ana · Marketing',
  );
  await expect(boardA.page.getByTestId('present-person')).toHaveAttribute(
    'title',
    'Beto · Contact centre',
  );

  // Ana's card, added through A, appears on B without a reload; Beto's edit through B reaches A.
  await boardA.addCard(boardA.firstCell(), 'Bob llama desde el extranjero');
  await expect(boardB.card('Bob llama desde el extranjero')).toBeVisible();
  await boardB.editCard('Bob llama desde el extranjero', 'Bob espera 40 minutos al teléfono');
  await expect(boardA.card('Bob espera 40 minutos al teléfono')).toBeVisible();
  await expect(boardA.card('Bob llama desde el extranjero')).toHaveCount(0);
  await boardA.expectAllSynced();
  await boardB.expectAllSynced();

  // axe: the presence bar showing a person from the other instance has no violations.
  const results = await new AxeBuilder({ page: boardB.page })
    .include('[data-testid="presence"]')
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Beto closes the map: Ana's presence bar, on the other instance, lets him go at once.
  await boardB.page.close();
  await expect(boardA.page.getByTestId('present-person')).toHaveCount(0);

  await Promise.all([contextA.close(), contextB.close()]);
});
