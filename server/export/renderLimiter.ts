/**
 * At most `limit` tasks at a time, the others wait in arrival order: each render holds a
 * Chromium page (tens of MB for a big map), so a burst of exports must not open them all at once.
 */
export class RenderLimiter {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
    this.#limit = limit;
  }

  /** Runs fn when a slot is free; the slot is released however fn ends. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter (the count stays), or free it.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  /** How many tasks hold a slot now (for tests). */
  get running(): number {
    return this.#running;
  }
}
