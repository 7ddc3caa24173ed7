import { afterEach, describe, expect, it, vi } from 'vitest';
import { Hocuspocus } from '@hocuspocus/server';
import { UnloadGraceExtension } from './UnloadGraceExtension.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A real Hocuspocus (no server, no storage) with the extension, and one loaded document. */
async function loaded(graceMs: number) {
  const extension = new UnloadGraceExtension({ graceMs });
  const hocuspocus = new Hocuspocus({ extensions: [extension], quiet: true });
  const name = 'map:grace';
  const document = await hocuspocus.createDocument(
    name,
    new Request('http://localhost/test'),
    'socket',
    { isAuthenticated: true, readOnly: false },
    {},
  );
  return { extension, hocuspocus, name, document };
}

describe('UnloadGraceExtension', () => {
  it('unloads when its timer fires, even a millisecond before the clock reaches the deadline', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { hocuspocus, name, document } = await loaded(5_000);
    await hocuspocus.unloadDocument(document);
    expect(hocuspocus.documents.has(name)).toBe(true);

    // The clock lags the timer by 2 ms: the timer fires at 1,004,998 for a deadline of 1,005,000.
    vi.setSystemTime(1_000_000 - 2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(Date.now()).toBeLessThan(1_005_000);
    expect(hocuspocus.documents.has(name)).toBe(false);
  });

  it('keeps the document while the grace runs, and a connection meanwhile starts it over', async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const { extension, hocuspocus, name, document } = await loaded(5_000);
    await hocuspocus.unloadDocument(document);
    await vi.advanceTimersByTimeAsync(3_000);
    await extension.connected({
      documentName: name,
      instance: hocuspocus,
    } as unknown as Parameters<UnloadGraceExtension['connected']>[0]);
    // The old timer finds its deadline gone; the next unload starts a new grace.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(hocuspocus.documents.has(name)).toBe(true);
    await hocuspocus.unloadDocument(document);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(hocuspocus.documents.has(name)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(hocuspocus.documents.has(name)).toBe(false);
  });
});
