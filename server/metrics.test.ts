import { afterEach, describe, expect, it } from 'vitest';
import { MALFORMED_MESSAGE } from '../shared/close-codes.ts';
import { startCollabFixture, type CollabFixture } from './test/collabFixture.ts';
import { metricValue, scrapeMetrics } from './test/metrics.ts';
import { openRawSocket } from './test/rawSocket.ts';

let f: CollabFixture | undefined;

afterEach(async () => {
  await f?.dispose();
  f = undefined;
});

describe('/metrics', () => {
  it('exposes connections, loaded documents, updates, log append and compaction latency, and rejections by reason', async () => {
    f = await startCollabFixture();
    const second = f.connect();
    await second.synced;
    for (let i = 0; i < 5; i++) await f.addAcknowledgedCard(second, `tarjeta ${i}`);
    const raw = openRawSocket(f.server.url);
    await raw.opened;
    raw.send(new Uint8Array([0xff]));
    expect((await raw.closed).code).toBe(MALFORMED_MESSAGE.code);

    const response = await fetch(`${f.server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (name: string, labels: Record<string, string> = {}) =>
      metricValue(text, name, labels);

    expect(value('recorrido_collab_connections')).toBeGreaterThanOrEqual(2);
    expect(value('recorrido_collab_loaded_documents')).toBeGreaterThanOrEqual(1);
    expect(value('recorrido_collab_updates_total')).toBeGreaterThanOrEqual(5);
    expect(value('recorrido_log_append_seconds_count')).toBeGreaterThanOrEqual(5);
    expect(value('recorrido_log_append_seconds_bucket', { le: '+Inf' })).toBeGreaterThanOrEqual(5);
    expect(value('recorrido_collab_rejected_messages_total', { reason: 'malformed' })).toBe(1);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0);
    // Compaction runs once activity settles (debounced onStoreDocument) or the last client leaves.
    second.destroy();
    f.honest.destroy();
    await expect
      .poll(
        async () =>
          metricValue(
            await scrapeMetrics(f?.server.url ?? ''),
            'recorrido_log_compaction_seconds_count',
          ) ?? 0,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(async () =>
        metricValue(await scrapeMetrics(f?.server.url ?? ''), 'recorrido_collab_connections'),
      )
      .toBe(0);
  });
});
