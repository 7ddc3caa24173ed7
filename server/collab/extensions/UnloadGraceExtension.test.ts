import { afterEach, describe, expect, it, vi } from 'vitest';
import { Document, type Hocuspocus } from '@hocuspocus/server';
import { UnloadGraceExtension } from './UnloadGraceExtension.ts';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * The part of Hocuspocus the extension calls back: unloadDocument, which asks the
 * beforeUnloadDocument hooks first and unloads when none throws (as Hocuspocus does).
 */
function instanceWith(extension: UnloadGraceExtension) {
  const unloaded: Document[] = [];
  const instance = {
    async unloadDocument(document: Document) {
      try {
        await extension.beforeUnloadDocument({
          document,
          documentName: document.name,
          instance: instance as unknown as Hocuspocus,
        });
      } catch {
        return;
      }
      unloaded.push(document);
    },
  };
  return { instance, unloaded };
}

describe('UnloadGraceExtension', () => {
  it('unloads when its timer fires, even a millisecond before the clock reaches the deadline', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const extension = new UnloadGraceExtension({ graceMs: 5_000 });
    const { instance, unloaded } = instanceWith(extension);
    const document = new Document('map:grace');
    await instance.unloadDocument(document);
    expect(unloaded).toEqual([]);

    // The clock lags the timer by 2 ms: the timer fires at 1,004,998 for a deadline of 1,005,000.
    vi.setSystemTime(1_000_000 - 2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(Date.now()).toBeLessThan(1_005_000);
    expect(unloaded).toEqual([document]);
  });

  it('keeps the document while the grace runs, and a connection meanwhile starts it over', async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const extension = new UnloadGraceExtension({ graceMs: 5_000 });
    const { instance, unloaded } = instanceWith(extension);
    const document = new Document('map:grace');
    await instance.unloadDocument(document);
    await vi.advanceTimersByTimeAsync(3_000);
    await extension.connected({
      documentName: document.name,
      instance: { documents: new Map([[document.name, document]]) },
    } as unknown as Parameters<UnloadGraceExtension['connected']>[0]);
    // The old timer finds its deadline gone; the next unload starts a new grace.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(unloaded).toEqual([]);
    await instance.unloadDocument(document);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(unloaded).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(unloaded).toEqual([document]);
  });
});
