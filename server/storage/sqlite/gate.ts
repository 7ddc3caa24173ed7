/**
 * The synchronous form of an async store interface: what the SQLite repositories in server/db/
 * implement (node:sqlite answers at call time), so the adapter can wrap them without restating a
 * single query.
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** Runs a synchronous database call and hands back its settled promise. */
export type Runner = <R>(call: () => R) => Promise<R>;

/** Runs call now and returns an already-settled promise with its result or its error. */
export const settle: Runner = (call) => {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
};

/**
 * Turns a synchronous repository into its async store: every public method of its class becomes
 * a method that runs the original through `run`. `implements Synchronous<T>` on the repository
 * guarantees each method of T is there with the same parameters.
 */
export function asyncStore<T extends object>(sync: Synchronous<T>, run: Runner): T {
  const store: Record<string, unknown> = {};
  const prototype = Object.getPrototypeOf(sync) as object;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method: unknown = Reflect.get(sync, name);
    if (name === 'constructor' || typeof method !== 'function') continue;
    store[name] = (...args: unknown[]) => run(() => Reflect.apply(method, sync, args) as unknown);
  }
  return store as T;
}

/**
 * Who holds the one node:sqlite connection. A transaction takes it exclusively from BEGIN to
 * COMMIT/ROLLBACK, across the awaits of its function; calls on the outer stores that arrive
 * meanwhile wait in line (first come, first served with later transactions) instead of running
 * inside it, where they would be committed or rolled back with work that is not theirs. With no
 * transaction open and nobody waiting, a call runs at once, synchronously.
 */
export class ConnectionGate {
  #held = false;
  #closed = false;
  readonly #waiting: (() => void)[] = [];

  /** Runs an outer-store call: at once when the connection is free, else when its turn comes. */
  readonly run: Runner = (call) => {
    if (this.#closed) return Promise.reject(new Error('the storage is closed'));
    if (!this.#held && this.#waiting.length === 0) return settle(call);
    return new Promise((resolve, reject) => {
      this.#waiting.push(() => {
        const result = this.#closed
          ? Promise.reject(new Error('the storage is closed'))
          : settle(call);
        result.then(resolve, reject);
      });
    });
  };

  /** Runs fn holding the connection alone; later calls and transactions wait until it settles. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('the storage is closed');
    await this.#acquire();
    try {
      if (this.#closed) throw new Error('the storage is closed');
      return await fn();
    } finally {
      this.#held = false;
      this.#drain();
    }
  }

  /** Refuses every later call; calls still waiting are refused when their turn comes. */
  markClosed(): void {
    this.#closed = true;
  }

  #acquire(): Promise<void> {
    if (!this.#held && this.#waiting.length === 0) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#waiting.push(() => {
        this.#held = true;
        resolve();
      });
    });
  }

  /** Lets waiting calls run, in order, until one of them is a transaction taking the connection. */
  #drain(): void {
    while (!this.#held) {
      const next = this.#waiting.shift();
      if (!next) return;
      next();
    }
  }
}
