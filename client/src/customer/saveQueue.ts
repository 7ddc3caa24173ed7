/** What the customer is told about their answers being saved. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** One save: a request that may be sent again if it failed. */
export type SaveOp = () => Promise<void>;

interface Slot {
  /** The newest save not started yet (a newer one replaces it: only the latest state matters). */
  pending: SaveOp | null;
  /** When the pending save may start (text is saved once typing pauses). */
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  /** The save that failed last, kept for "retry" unless a newer one replaces it. */
  failed: SaveOp | null;
}

/**
 * Saves answers as they change, one request at a time per answer (a step, a stage, a comment...),
 * so a slow request can never overwrite a newer answer: while one runs, only the latest change
 * waits behind it. A failed save is kept until retried or replaced by a newer change.
 */
export class SaveQueue {
  readonly #slots = new Map<string, Slot>();
  readonly #onState: (state: SaveState, error: unknown) => void;
  #lastError: unknown = null;
  #saved = false;
  #idleWaiters: Array<() => void> = [];

  constructor(onState: (state: SaveState, error: unknown) => void) {
    this.#onState = onState;
  }

  /** Saves under `key`, now or `delayMs` after the last change of that key. */
  schedule(key: string, op: SaveOp, delayMs = 0): void {
    const slot = this.#slot(key);
    slot.pending = op;
    slot.failed = null;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    if (delayMs > 0) {
      slot.timer = setTimeout(() => {
        slot.timer = null;
        void this.#pump(key);
      }, delayMs);
    } else {
      void this.#pump(key);
    }
    this.#publish();
  }

  /** Drops what waits under `key` (not a request already sent). */
  cancel(key: string): void {
    const slot = this.#slots.get(key);
    if (!slot) return;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.pending = null;
    slot.failed = null;
    this.#publish();
  }

  /** Sends again every save that failed. */
  retry(): void {
    for (const [key, slot] of this.#slots) {
      if (slot.failed && !slot.pending) {
        slot.pending = slot.failed;
        slot.failed = null;
        void this.#pump(key);
      }
    }
    this.#publish();
  }

  /** Starts the saves waiting for a pause in typing, and resolves once nothing is left to send. */
  flush(): Promise<void> {
    for (const [key, slot] of this.#slots) {
      if (slot.timer !== null) {
        clearTimeout(slot.timer);
        slot.timer = null;
        void this.#pump(key);
      }
    }
    if (this.#busy()) return new Promise((resolve) => this.#idleWaiters.push(resolve));
    return Promise.resolve();
  }

  /** True when a save failed and was not retried or replaced since. */
  get failing(): boolean {
    return [...this.#slots.values()].some((s) => s.failed !== null);
  }

  /** Stops every timer (the page is going away). */
  dispose(): void {
    for (const slot of this.#slots.values()) {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = null;
    }
  }

  #slot(key: string): Slot {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = { pending: null, timer: null, running: false, failed: null };
      this.#slots.set(key, slot);
    }
    return slot;
  }

  async #pump(key: string): Promise<void> {
    const slot = this.#slot(key);
    if (slot.running || slot.timer !== null) return;
    while (slot.pending && slot.timer === null) {
      const op = slot.pending;
      slot.pending = null;
      slot.running = true;
      this.#publish();
      try {
        await op();
        this.#saved = true;
      } catch (error) {
        // A newer change waiting behind this one replaces it; otherwise it waits for "retry".
        if (!slot.pending) slot.failed = op;
        this.#lastError = error;
      } finally {
        slot.running = false;
      }
    }
    this.#publish();
  }

  /** Sending, or about to (a save still waiting for a pause in typing does not count). */
  #busy(): boolean {
    return [...this.#slots.values()].some(
      (s) => s.running || (s.pending !== null && s.timer === null),
    );
  }

  #publish(): void {
    const busy = this.#busy();
    if (this.failing) this.#onState('error', this.#lastError);
    else if (busy) this.#onState('saving', null);
    else this.#onState(this.#saved ? 'saved' : 'idle', null);
    if (!busy) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
