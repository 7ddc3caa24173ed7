import type { Extension, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocumentLog } from '../../storage/storage.ts';
import { isLoadOrigin, isRedisOrigin, LOAD_ORIGIN } from '../origins.ts';
import type { Metrics } from '../../metrics.ts';

/** Settings of the durable update log. */
export interface PersistenceConfiguration {
  documents: DocumentLog;
  logger: Logger;
  metrics: Metrics;
  /** False once a document's map was deleted: its last compaction must not resurrect it. */
  shouldPersist: (documentName: string) => Promise<boolean>;
}

/**
 * Durability: loads snapshot + log tail, appends every update to the log inside the Y.Doc
 * 'update' event, and compacts the log into a snapshot in the debounced onStoreDocument.
 *
 * The append is not awaited: on SQLite it commits synchronously when called (outside a storage
 * transaction, see sqliteStorage.ts), so an update is on disk before Hocuspocus acknowledges it.
 */
export class PersistenceExtension implements Extension {
  readonly extensionName = 'persistence';
  readonly priority = 50;
  readonly #config: PersistenceConfiguration;

  constructor(config: PersistenceConfiguration) {
    this.#config = config;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const { documents, metrics, logger } = this.#config;
    const { snapshot, tail } = await documents.load(documentName);
    if (snapshot || tail.length > 0) {
      document.transact(() => {
        if (snapshot) Y.applyUpdate(document, snapshot);
        for (const update of tail) Y.applyUpdate(document, update);
      }, LOAD_ORIGIN);
    }
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (isLoadOrigin(origin) || isRedisOrigin(origin)) return;
      const started = performance.now();
      documents.append([{ name: documentName, update }]).catch((error: unknown) => {
        logger.error({ err: error, documentName }, 'could not append an update to the log');
      });
      metrics.observeLogAppend(performance.now() - started);
    });
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    if (!(await this.#config.shouldPersist(documentName))) return;
    const started = performance.now();
    await this.#config.documents.compact(documentName, Y.encodeStateAsUpdate(document));
    this.#config.metrics.observeCompaction(performance.now() - started);
    this.#config.logger.debug({ documentName }, 'compacted document log');
  }
}
