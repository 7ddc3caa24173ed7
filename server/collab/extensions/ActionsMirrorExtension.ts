import type { Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import { parseDocName } from '../../../shared/index.ts';
import { rebuildActionsMirror } from '../../actions/actionsMirror.ts';
import type { ActionStore } from '../../storage/storage.ts';

/** Settings of the actions mirror. */
export interface ActionsMirrorConfiguration {
  actions: Pick<ActionStore, 'list'>;
}

/**
 * Fills `map:<id>/actions` from the stored actions when it loads: the actions in storage are the
 * source of truth and the document is never stored itself (PersistenceExtension stores maps
 * only). Clients only ever read it (AuthenticationExtension makes every connection to it
 * read-only); the server's commands update it through ActionsMirror.
 */
export class ActionsMirrorExtension implements Extension {
  readonly extensionName = 'actions-mirror';
  readonly priority = 48;
  readonly #config: ActionsMirrorConfiguration;

  constructor(config: ActionsMirrorConfiguration) {
    this.#config = config;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'actions') return;
    await rebuildActionsMirror(document, this.#config.actions, target.mapId);
  }
}
