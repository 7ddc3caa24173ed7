import { useEffect, useState } from 'react';

/** What the board measured: heights by key (see `sizeKey`), and a version that grows with them. */
export interface CellSizes {
  readonly measured: ReadonlyMap<string, number>;
  readonly version: number;
  /** A stable ref callback that measures the element under `key` while it is mounted. */
  observe(key: string): (element: HTMLElement | null) => void;
}

/** The heights measured so far, with one ResizeObserver for every element. */
class SizeCache {
  readonly measured = new Map<string, number>();
  private readonly keys = new WeakMap<Element, string>();
  private readonly callbacks = new Map<string, (element: HTMLElement | null) => void>();
  private readonly observer: ResizeObserver;

  constructor(onChange: () => void) {
    this.observer = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const key = this.keys.get(entry.target);
        if (!key || !(entry.target instanceof HTMLElement)) continue;
        const height = entry.target.offsetHeight + Number(entry.target.dataset.extra ?? 0);
        // offsetHeight is 0 while detached or hidden: keep the last real measure.
        if (height <= 0) continue;
        const before = this.measured.get(key);
        if (before !== undefined && Math.abs(before - height) < 1) continue;
        this.measured.set(key, height);
        changed = true;
      }
      if (changed) onChange();
    });
  }

  observe = (key: string): ((element: HTMLElement | null) => void) => {
    let callback = this.callbacks.get(key);
    if (!callback) {
      let current: HTMLElement | null = null;
      callback = (element: HTMLElement | null) => {
        if (current) this.observer.unobserve(current);
        current = element;
        if (element) {
          this.keys.set(element, key);
          this.observer.observe(element);
        }
      };
      this.callbacks.set(key, callback);
    }
    return callback;
  };

  disconnect(): void {
    this.observer.disconnect();
  }
}

/**
 * Measures the natural height of the board's cells and row headers with one ResizeObserver.
 * An element's `data-extra` pixels (its cell's padding) are added to its own height. Heights are
 * layout pixels (unaffected by the board's zoom). A height is kept after its element unmounts:
 * that is what keeps far-away rows their size.
 */
export function useCellSizes(): CellSizes {
  const [version, setVersion] = useState(0);
  const [cache] = useState(() => new SizeCache(() => setVersion((n) => n + 1)));
  useEffect(() => () => cache.disconnect(), [cache]);
  return { measured: cache.measured, version, observe: cache.observe };
}
