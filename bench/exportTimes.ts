// Measures every export of the 2,400-card map (40 stages x 12 lanes x 5 cards) through a real
// server: `npx node bench/exportTimes.ts`. The first PDF includes starting Chromium.
// Leaves the files in $EXPORT_BENCH_DIR when set, to look at.
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { fillBigMap } from './collab/bigMap.ts';
import { mapToJson } from '../shared/interchange.ts';
import { initMap } from '../shared/operations/meta.ts';
import { startTestServer } from '../server/test/testServer.ts';
import { signUpUser } from '../server/test/testUser.ts';

const doc = new Y.Doc();
initMap(doc, { title: 'Benchmark: onboarding journey', locale: 'en' });
const cards = fillBigMap(doc, { stages: 40, lanes: 12, cardsPerCell: 5 });
const json = mapToJson(doc);
doc.destroy();

const server = await startTestServer();
try {
  const owner = await signUpUser(server.url);
  const body = JSON.stringify(json);
  let started = performance.now();
  const imported = await owner.call('POST', '/api/maps/import', json);
  if (imported.status !== 201)
    throw new Error(`import: ${imported.status} ${await imported.text()}`);
  const { id } = (await imported.json()) as { id: string };
  console.log(
    `import: ${cards} cards, ${(body.length / 1024).toFixed(0)} KB, ${Math.round(performance.now() - started)} ms`,
  );
  const runs = [
    'json',
    'csv',
    'xlsx',
    'html&layout=pages',
    'pdf&layout=pages',
    'pdf&layout=pages',
    'pdf&layout=single',
    'png',
    'png',
  ];
  for (const query of runs) {
    started = performance.now();
    const response = await owner.call('GET', `/api/maps/${id}/export?format=${query}`);
    const data = new Uint8Array(await response.arrayBuffer());
    const bytes = data.byteLength;
    if (response.status !== 200) throw new Error(`${query}: ${response.status}`);
    const dir = process.env.EXPORT_BENCH_DIR;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `big-${query.replace(/\W+/g, '-')}`), data);
    }
    console.log(
      `${query.padEnd(18)} ${String(Math.round(performance.now() - started)).padStart(6)} ms  ${(bytes / 1024).toFixed(0).padStart(6)} KB`,
    );
  }
} finally {
  await server.dispose();
}
