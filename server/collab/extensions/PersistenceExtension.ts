import {
  isTransactionOrigin,
  type beforeSyncPayload,
  type Document,
  type afterUnloadDocumentPayload,
  type Extension,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { STORAGE_UNAVAILABLE } from '../../../shared/close-codes.ts';
import type { Metrics } from '../../metrics.ts';
import type { DocumentLog } from '../../storage/storage.ts';
import type { StorageHealth } from '../../storage/storageHealth.ts';
import { isLoadOrigin, isRedisOrigin, LOAD_ORIGIN } from '../origins.ts';
import { closeConnection } from '../access.ts';
import { GroupCommitLog } from '../persistence/groupCommit.ts';
import { EMPTY_UPDATE_BYTES } from '../guards/frameProtocol.ts';
import { withoutUpdateListeners } from '../withoutUpdateListeners.ts';

/** Settings of the durable update log. */
export interface PersistenceConfiguration {
  documents: DocumentLog;
  health: StorageHealth;
  logger: Logger;
  metrics: Metrics;
  /**
   * False once a document's map was deleted: its last compaction must not resurrect it, and what
   * was appended after the deletion is removed.
   */
  shouldPersist: (documentName: string) => Promise<boolean>;
  /**
   * False for documents derived from other stored data and rebuilt when they load (the comments
   * mirror, rebuilt from the stored threads): nothing is loaded, logged or compacted for them.
   * Default: every document is stored.
   */
  isStored?: (documentName: string) => boolean;
}

/** y-protocols sync message types that carry an update. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * Thrown to Hocuspocus from beforeSync when an update could not be stored: it closes the
 * connection with this code and reason instead of applying and acknowledging the update.
 */
export class StorageUnavailableError extends Error {
  readonly code = STORAGE_UNAVAILABLE.code;
  readonly reason = STORAGE_UNAVAILABLE.reason;

  constructor(documentName: string, options: { cause: unknown }) {
    super(`an update to ${documentName} could not be stored`, options);
    this.name = 'StorageUnavailableError';
  }
}

function isConnectionOrigin(origin: unknown): boolean {
  return isTransactionOrigin(origin) && origin.source === 'connection';
}

/**
 * Durability: what a client sends is in the database before the server applies, broadcasts or
 * acknowledges it.
 *
 * - `beforeSync` (awaited by Hocuspocus before it applies a sync-step-2 or update message and
 *   sends the acknowledgement) appends the update through a group commit: the updates of one
 *   event-loop turn, from every connection, in one storage call. If the write fails (disk full,
 *   database gone), the update is neither applied nor acknowledged: the connections of that
 *   document are closed with STORAGE_UNAVAILABLE, the client keeps its changes and reconnects,
 *   and its next sync sends them again; storage health and metrics report the failure until a
 *   write succeeds.
 * - Changes the server makes itself (migrations, direct connections) are appended from the
 *   Y.Doc 'update' event; updates from Redis were stored by the instance that received them, and
 *   the load's own changes are already stored.
 * - `onStoreDocument` (debounced) folds the log into the snapshot (DocumentLog.compact, safe with
 *   several processes), when this process logged something for the document since its last
 *   compaction or loaded it with a log. Hocuspocus also stores after every direct connection
 *   (the validation and comment commands read the map through one) and at every unload: on a
 *   2,400-card map, compacting an unchanged document took about 150 ms of CPU each time.
 */
export class PersistenceExtension implements Extension {
  readonly extensionName = 'persistence';
  readonly priority = 50;
  readonly #config: PersistenceConfiguration;
  readonly #log: GroupCommitLog;
  /** Documents with log rows this process has not folded into their snapshot yet. */
  readonly #unfolded = new Set<string>();

  constructor(config: PersistenceConfiguration) {
    this.#config = config;
    this.#log = new GroupCommitLog(config.documents, {
      committed: ({ entries, durationMs }) => {
        config.health.writeSucceeded();
        config.metrics.observeLogAppend(durationMs, entries);
      },
      failed: (error, { entries }) => {
        config.health.writeFailed(error);
        config.metrics.observeStorageWriteFailure();
        config.logger.error({ err: error, updates: entries }, 'storing updates failed');
      },
    });
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    if (!this.#isStored(documentName)) return;
    const { snapshot, tail } = await this.#config.documents.load(documentName);
    // A log left by a process that stopped before compacting it is folded at the first store.
    if (tail.length > 0) this.#unfolded.add(documentName);
    if (snapshot || tail.length > 0) {
      // What is stored goes in without being encoded again for a broadcast to nobody.
      withoutUpdateListeners(document, () =>
        document.transact(() => {
          if (snapshot) Y.applyUpdate(document, snapshot);
          for (const update of tail) Y.applyUpdate(document, update);
        }, LOAD_ORIGIN),
      );
    }
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (isLoadOrigin(origin) || isRedisOrigin(origin) || isConnectionOrigin(origin)) return;
      this.#unfolded.add(documentName);
      this.#log.append(documentName, update).catch(() => this.#refuseAll(document));
    });
  }

  async beforeSync({ type, payload, connection, document, documentName }: beforeSyncPayload) {
    if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
    if (!this.#isStored(documentName)) return;
    // Hocuspocus refuses a read-only connection's changes itself; an empty update changes nothing.
    if (connection.readOnly || payload.byteLength <= EMPTY_UPDATE_BYTES) return;
    this.#unfolded.add(documentName);
    try {
      await this.#log.append(documentName, payload);
    } catch (error) {
      this.#refuseAll(document);
      throw new StorageUnavailableError(documentName, { cause: error });
    }
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    if (!this.#isStored(documentName)) return;
    await this.#log.drained();
    if (!(await this.#config.shouldPersist(documentName))) {
      // The map was deleted. Updates its clients sent before their connections closed (on this
      // or another instance) may have been appended after the deletion: remove them too, so
      // nothing stays stored under the name.
      await this.#config.documents.remove(documentName);
      return;
    }
    if (!this.#unfolded.delete(documentName)) {
      this.#config.metrics.observeCompactionSkipped();
      return;
    }
    const started = performance.now();
    try {
      await this.#config.documents.compact(documentName, Y.encodeStateAsUpdate(document));
    } catch (error) {
      this.#unfolded.add(documentName);
      throw error;
    }
    this.#config.metrics.observeCompaction(performance.now() - started);
    this.#config.logger.debug({ documentName }, 'compacted document log');
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    // A log still unfolded (its compaction failed) is seen again by the next load.
    this.#unfolded.delete(documentName);
  }

  #isStored(documentName: string): boolean {
    return this.#config.isStored?.(documentName) ?? true;
  }

  /** Closes every connection of a document whose changes cannot be stored now. */
  #refuseAll(document: Document): void {
    for (const connection of document.getConnections()) {
      closeConnection(connection, STORAGE_UNAVAILABLE);
    }
  }
}
