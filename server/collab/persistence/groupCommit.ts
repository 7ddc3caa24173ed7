import type { DocumentLog, LogEntry } from '../../storage/storage.ts';

/** What a group commit reports after each batch (metrics, storage health). */
export interface GroupCommitObserver {
  committed(batch: { entries: number; durationMs: number }): void;
  failed(error: unknown, batch: { entries: number }): void;
}

interface Batch {
  entries: LogEntry[];
  settle: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * Group commit of the document log: the updates that arrive in one event-loop turn (from any
 * connection, any document) are appended in ONE storage call, and each caller's promise settles
 * when that call has committed. While a batch is being written, new updates gather into the next
 * one, so under load the number of commits stays bounded by the storage's latency, not by the
 * number of keystrokes.
 *
 * A failed batch rejects every caller in it: none of those updates may be acknowledged.
 */
export class GroupCommitLog {
  readonly #log: DocumentLog;
  readonly #observer: GroupCommitObserver;
  #next: Batch | null = null;
  #writing = false;
  #scheduled = false;
  #idle: (() => void)[] = [];

  constructor(log: DocumentLog, observer: GroupCommitObserver) {
    this.#log = log;
    this.#observer = observer;
  }

  /** Appends one update; resolves once it is committed, rejects if it could not be stored. */
  append(name: string, update: Uint8Array): Promise<void> {
    const batch = (this.#next ??= { entries: [], settle: [] });
    batch.entries.push({ name, update });
    const done = new Promise<void>((resolve, reject) => batch.settle.push({ resolve, reject }));
    this.#schedule();
    return done;
  }

  /** Resolves when every update appended so far has been written or has failed. */
  drained(): Promise<void> {
    if (!this.#writing && !this.#next) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #schedule(): void {
    if (this.#writing || this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs after the I/O phase: every message read in this turn joins the batch.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#writeNext();
    });
  }

  async #writeNext(): Promise<void> {
    const batch = this.#next;
    if (!batch || this.#writing) return;
    this.#next = null;
    this.#writing = true;
    const started = performance.now();
    try {
      await this.#log.append(batch.entries);
      this.#observer.committed({
        entries: batch.entries.length,
        durationMs: performance.now() - started,
      });
      for (const { resolve } of batch.settle) resolve();
    } catch (error) {
      this.#observer.failed(error, { entries: batch.entries.length });
      for (const { reject } of batch.settle) reject(error);
    } finally {
      this.#writing = false;
    }
    if (this.#next) {
      this.#schedule();
    } else {
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }
}
