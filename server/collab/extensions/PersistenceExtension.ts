import type { Extension, onLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server';
import type { Logger } from 'pino';
import type { DocumentStore } from '../../db/documents.ts';
import { isLoadOrigin, isRedisOrigin, LOAD_ORIGIN } from '../origins.ts';
import type { Metrics } from '../../metrics.ts';

/** Settings of the durable update log. */
export interface PersistenceConfiguration {
  store: DocumentStore;
  logger: Logger;
  metrics: Metrics;
  /** False once a document's map was deleted: its last compaction must not resurrect it. */
  shouldPersist: (documentName: string) => boolean;
}

/**
 * Durability: loads snapshot + log tail, appends every update to the log synchronously inside the
 * Y.Doc 'update' event (so before Hocuspocus acknowledges it), and compacts the log into a
 * snapshot in the debounced onStoreDocument.
 */
export class PersistenceExtension implements Extension {
  readonly extensionName = 'persistence';
  readonly priority = 50;
  readonly #config: PersistenceConfiguration;

  constructor(config: PersistenceConfiguration) {
    this.#config = config;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const { store, metrics } = this.#config;
    store.loadInto(documentName, document, LOAD_ORIGIN);
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (isLoadOrigin(origin) || isRedisOrigin(origin)) return;
      const started = performance.now();
      store.append(documentName, update);
      metrics.observeLogAppend(performance.now() - started);
    });
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    if (!this.#config.shouldPersist(documentName)) return;
    const started = performance.now();
    this.#config.store.compact(documentName, document);
    this.#config.metrics.observeCompaction(performance.now() - started);
    this.#config.logger.debug({ documentName }, 'compacted document log');
  }
}
