/** How storage writes are going, as /healthz and the metrics report it. */
export interface StorageHealthStatus {
  /** False from a failed write until the next write succeeds. */
  writable: boolean;
  /** When writes started failing (ms since epoch), if they are failing. */
  failingSince: number | null;
  /** The last failure's message, if writes are failing. */
  lastError: string | null;
}

/**
 * Tracks whether the storage accepts writes: a failed write (disk full, database gone) marks it
 * failing until a later write succeeds, which happens by itself as clients retry.
 */
export class StorageHealth {
  #failingSince: number | null = null;
  #lastError: string | null = null;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** A write committed. */
  writeSucceeded(): void {
    this.#failingSince = null;
    this.#lastError = null;
  }

  /** A write failed with this error. */
  writeFailed(error: unknown): void {
    this.#failingSince ??= this.#now();
    this.#lastError = error instanceof Error ? error.message : String(error);
  }

  status(): StorageHealthStatus {
    return {
      writable: this.#failingSince === null,
      failingSince: this.#failingSince,
      lastError: this.#lastError,
    };
  }
}
