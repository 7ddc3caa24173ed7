import { describe, expect, it, vi } from 'vitest';
import { SaveQueue, type SaveState } from './saveQueue.ts';

/** A request that resolves or rejects when the test says so. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function queue() {
  const states: SaveState[] = [];
  const q = new SaveQueue((state) => states.push(state));
  const last = () => states.at(-1);
  return { q, states, last };
}

describe('SaveQueue', () => {
  it('sends only the latest change of an answer while an older one is in flight', async () => {
    const { q, last } = queue();
    const first = deferred();
    const sent: string[] = [];
    q.schedule('card:a', () => {
      sent.push('yes');
      return first.promise;
    });
    q.schedule('card:a', async () => void sent.push('different'));
    q.schedule('card:a', async () => void sent.push('not-me'));
    expect(last()).toBe('saving');
    first.resolve();
    await q.flush();
    expect(sent).toEqual(['yes', 'not-me']);
    expect(last()).toBe('saved');
  });

  it('keeps a failed save for retry, and a newer change replaces it', async () => {
    const { q, last } = queue();
    let fail = true;
    const sent: string[] = [];
    q.schedule('stage:s', async () => {
      sent.push('1');
      if (fail) throw new Error('offline');
    });
    await q.flush();
    expect(last()).toBe('error');
    expect(q.failing).toBe(true);
    fail = false;
    q.retry();
    await q.flush();
    expect(sent).toEqual(['1', '1']);
    expect(last()).toBe('saved');

    q.schedule('card:b', () => Promise.reject(new Error('offline')));
    await q.flush();
    expect(last()).toBe('error');
    q.schedule('card:b', async () => void sent.push('newer'));
    await q.flush();
    expect(q.failing).toBe(false);
    expect(last()).toBe('saved');
  });

  it('waits for a pause in typing, and flush sends at once', async () => {
    vi.useFakeTimers();
    try {
      const { q, last } = queue();
      const sent: string[] = [];
      q.schedule('about:comment', async () => void sent.push('Ho'), 500);
      q.schedule('about:comment', async () => void sent.push('Hola'), 500);
      expect(sent).toEqual([]);
      expect(last()).toBe('idle');
      await vi.advanceTimersByTimeAsync(500);
      expect(sent).toEqual(['Hola']);
      q.schedule('about:comment', async () => void sent.push('Hola!'), 500);
      await q.flush();
      expect(sent).toEqual(['Hola', 'Hola!']);
    } finally {
      vi.useRealTimers();
    }
  });
});
