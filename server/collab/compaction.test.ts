import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapRoots } from '../../shared/doc-schema.ts';
import { mapDocName, readMap, type MapId } from '../../shared/index.ts';
import { withMapDocument } from '../feedback/mapDocument.ts';
import { startCollabFixture, type CollabFixture } from '../test/collabFixture.ts';
import { metricValue, scrapeMetrics } from '../test/metrics.ts';

let f: CollabFixture | undefined;

afterEach(async () => {
  await f?.dispose();
  f = undefined;
});

async function metric(fixture: CollabFixture, name: string): Promise<number> {
  return metricValue(await scrapeMetrics(fixture.server.url), name) ?? 0;
}

describe('compaction of a document log', () => {
  it('folds what was logged, and writes nothing again for a document nobody changed since', async () => {
    f = await startCollabFixture();
    const fixture = f;
    const name = mapDocName(fixture.mapId as MapId);
    const documents = fixture.server.storage.documents;
    await fixture.addAcknowledgedCard(fixture.honest, 'antes');
    // The store after the edit folds the log.
    await expect.poll(() => documents.tailLength(name), { timeout: 15_000 }).toBe(0);
    const compactions = await metric(fixture, 'recorrido_log_compaction_seconds_count');
    const skipped = await metric(fixture, 'recorrido_log_compactions_skipped_total');
    expect(compactions).toBeGreaterThan(0);

    // Reading the map through a direct connection (as the validation and comment commands do)
    // makes Hocuspocus store it when the connection closes: there is nothing to fold.
    for (let i = 0; i < 3; i += 1) {
      const cards = await withMapDocument(
        fixture.server.hocuspocus,
        fixture.mapId as MapId,
        (doc) => readMap(doc).cards.length,
      );
      expect(cards).toBeGreaterThan(0);
    }
    await expect
      .poll(() => metric(fixture, 'recorrido_log_compactions_skipped_total'), { timeout: 15_000 })
      .toBeGreaterThan(skipped);
    expect(await metric(fixture, 'recorrido_log_compaction_seconds_count')).toBe(compactions);

    // A new edit is folded again, and the stored state is the client's.
    await fixture.addAcknowledgedCard(fixture.honest, 'después');
    await expect
      .poll(() => metric(fixture, 'recorrido_log_compaction_seconds_count'), { timeout: 15_000 })
      .toBeGreaterThan(compactions);
    expect(await documents.tailLength(name)).toBe(0);
    const { snapshot, tail } = await documents.load(name);
    const stored = new Y.Doc();
    for (const update of snapshot ? [snapshot, ...tail] : tail) Y.applyUpdate(stored, update);
    expect(readMap(stored)).toEqual(readMap(fixture.honest.doc));
  });

  it('folds a log left by a process that stopped before compacting, at its next store', async () => {
    f = await startCollabFixture();
    const fixture = f;
    const name = mapDocName(fixture.mapId as MapId);
    const documents = fixture.server.storage.documents;
    const card = await fixture.addAcknowledgedCard(fixture.honest, 'de otro proceso');
    await expect.poll(() => documents.tailLength(name), { timeout: 15_000 }).toBe(0);
    fixture.honest.destroy();
    await expect.poll(() => fixture.server.hocuspocus.documents.has(name)).toBe(false);

    // What another process logged and never folded: an update on top of the stored state.
    const { snapshot } = await documents.load(name);
    const other = new Y.Doc();
    if (snapshot) Y.applyUpdate(other, snapshot);
    const before = Y.encodeStateVector(other);
    mapRoots(other).cards.delete(card);
    await documents.append([{ name, update: Y.encodeStateAsUpdate(other, before) }]);
    expect(await documents.tailLength(name)).toBe(1);

    const cards = await withMapDocument(fixture.server.hocuspocus, fixture.mapId as MapId, (doc) =>
      readMap(doc).cards.map((c) => c.id),
    );
    expect(cards).not.toContain(card);
    await expect.poll(() => documents.tailLength(name), { timeout: 15_000 }).toBe(0);
  });
});
