import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { parseDocName } from '../../../shared/index.ts';
import type { MapStore } from '../../storage/storage.ts';
import type { CollabContext } from '../context.ts';

/** Settings of the document-target check. */
export interface DocumentTargetConfiguration {
  maps: MapStore;
}

/**
 * Parses the document name once into a typed target and refuses names that are not a known map's
 * document. Runs first among the onAuthenticate hooks; later hooks read context.target.
 */
export class DocumentTargetExtension implements Extension {
  readonly extensionName = 'document-target';
  readonly priority = 200;
  readonly #config: DocumentTargetConfiguration;

  constructor(config: DocumentTargetConfiguration) {
    this.#config = config;
  }

  async onAuthenticate({ documentName, context }: onAuthenticatePayload<CollabContext>) {
    const target = parseDocName(documentName);
    if (!target || !(await this.#config.maps.get(target.mapId))) {
      throw new Error(`unknown document "${documentName}"`);
    }
    context.target = target;
    return context;
  }
}
