import type { Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import { parseDocName } from '../../../shared/index.ts';
import { rebuildValidationMirror } from '../../feedback/validationMirror.ts';
import type { StorageStores } from '../../storage/storage.ts';

/** Settings of the validation document. */
export interface ValidationMirrorConfiguration {
  storage: Pick<StorageStores, 'feedback' | 'maps'>;
}

/**
 * Computes `map:<id>/validation` when it loads, from the stored responses and thresholds and the
 * map's document (read through this Hocuspocus instance): the responses in storage are the source
 * of truth and the document is never stored itself (PersistenceExtension skips it). Internal
 * roles only ever read it (the policy makes every connection to it read-only and refuses
 * customers); the server's feedback commands update it through ValidationMirror.
 */
export class ValidationMirrorExtension implements Extension {
  readonly extensionName = 'validation-mirror';
  readonly priority = 47;
  readonly #config: ValidationMirrorConfiguration;

  constructor(config: ValidationMirrorConfiguration) {
    this.#config = config;
  }

  async onLoadDocument({ document, documentName, instance }: onLoadDocumentPayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'validation') return;
    await rebuildValidationMirror(
      document,
      { storage: this.#config.storage, hocuspocus: instance },
      target.mapId,
    );
  }
}
