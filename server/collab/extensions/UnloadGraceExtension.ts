import type {
  beforeUnloadDocumentPayload,
  connectedPayload,
  Document,
  Extension,
  Hocuspocus,
} from '@hocuspocus/server';

/** Settings of the unload grace period. */
export interface UnloadGraceConfiguration {
  /** How long a document stays loaded after its last connection left; 0 unloads at once. */
  graceMs: number;
}

/**
 * Thrown to keep a document loaded. Its message is empty on purpose: Hocuspocus logs the message of
 * an error thrown by a hook, and a grace period is not an error.
 */
class GracePeriodRunning extends Error {
  constructor() {
    super('');
    this.name = 'GracePeriodRunning';
  }
}

/** How long a map stays loaded after its last client left, unless configured (UNLOAD_GRACE_MS). */
export const DEFAULT_UNLOAD_GRACE_MS = 30_000;

/**
 * Keeps a document loaded for a grace period after its last connection left. A reload, or going
 * back to a map from the list, then finds it in memory: no load from storage, no decoding of the
 * stored state (on a 2,400-card map 100-350 ms of the open). Changes are stored as before (the
 * update log and the debounced snapshot do not wait for the unload); only the memory is returned
 * later.
 *
 * Hocuspocus asks `beforeUnloadDocument` before it unloads, and a hook that throws keeps the
 * document. This extension runs first (highest priority), so the other extensions' unload work
 * (an end-of-session version, attribution flushes) runs once, at the real unload, after the grace
 * period. A connection arriving meanwhile starts a new session: the next unload waits again.
 */
export class UnloadGraceExtension implements Extension {
  readonly extensionName = 'unload-grace';
  readonly priority = 1_000;
  #graceMs: number;
  /** Documents whose grace period is running: when it ends. */
  readonly #deadlines = new WeakMap<Document, number>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(config: UnloadGraceConfiguration) {
    this.#graceMs = config.graceMs;
  }

  async connected({ documentName, instance }: connectedPayload): Promise<void> {
    const document = instance.documents.get(documentName);
    if (document) this.#deadlines.delete(document);
  }

  async beforeUnloadDocument({ document, instance }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.#graceMs <= 0) return;
    const now = Date.now();
    let deadline = this.#deadlines.get(document);
    if (deadline === undefined) {
      deadline = now + this.#graceMs;
      this.#deadlines.set(document, deadline);
      this.#retryAt(instance, document, deadline);
    }
    if (now >= deadline) {
      this.#deadlines.delete(document);
      return;
    }
    throw new GracePeriodRunning();
  }

  async onDestroy(): Promise<void> {
    this.#clearTimers();
  }

  /**
   * Ends every grace period now and for good (the server is shutting down): documents without
   * connections unload at once, the others as soon as their last connection leaves.
   */
  release(instance: Hocuspocus): void {
    this.#graceMs = 0;
    this.#clearTimers();
    for (const document of instance.documents.values()) {
      if (document.getConnectionsCount() === 0) void instance.unloadDocument(document);
    }
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #retryAt(instance: Hocuspocus, document: Document, deadline: number): void {
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        // Unloads only if nobody connected meanwhile (and Hocuspocus: if nothing is being stored;
        // the store's end asks again).
        if (this.#deadlines.get(document) !== deadline) return;
        // The grace is over, whatever the clock says: a timer may fire a millisecond before
        // Date.now() reaches the deadline, and a refusal then would keep the map for good.
        this.#deadlines.set(document, Number.NEGATIVE_INFINITY);
        void instance.unloadDocument(document);
      },
      Math.max(0, deadline - Date.now()),
    );
    timer.unref();
    this.#timers.add(timer);
  }
}

/** Ends the grace periods of an instance that has the extension (see UnloadGraceExtension.release). */
export function releaseUnloadGrace(instance: Hocuspocus): void {
  for (const extension of instance.configuration.extensions) {
    if (extension instanceof UnloadGraceExtension) extension.release(instance);
  }
}
