import type { Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { migrateDoc, parseDocName } from '../../../shared/index.ts';

/**
 * Brings a map document up to the current schema right after it is loaded, before any client syncs.
 * Runs after persistence (lower priority), so the migration's writes go through the durable log.
 */
export class MigrationExtension implements Extension {
  readonly extensionName = 'migration';
  readonly priority = 45;
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    if (parseDocName(documentName)?.kind !== 'map') return;
    const result = migrateDoc(document);
    if (result.applied.length > 0) {
      this.#logger.info({ documentName, ...result }, 'migrated map document');
    }
    if (result.newerThanCode) {
      this.#logger.warn(
        { documentName, version: result.from },
        'map document is newer than this server',
      );
    }
  }
}
