import type {
  Extension,
  Hocuspocus,
  onChangePayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import { parseDocName, validationDocName, type MapId } from '../../../shared/index.ts';
import { rebuildValidationMirror } from '../../feedback/validationMirror.ts';
import type { StorageStores } from '../../storage/storage.ts';

/** Settings of the validation document. */
export interface ValidationMirrorConfiguration {
  storage: Pick<StorageStores, 'feedback' | 'maps'>;
  logger: Logger;
  /** How long map changes are gathered before an open validation is recomputed (ms). */
  mapChangeDelayMs?: number;
}

/** Default gathering of map changes: a burst of typing costs one recomputation. */
export const VALIDATION_MAP_CHANGE_DELAY_MS = 300;

/**
 * Computes `map:<id>/validation` when it loads, from the stored responses and thresholds and the
 * map's document (read through this Hocuspocus instance): the responses in storage are the source
 * of truth and the document is never stored itself (PersistenceExtension skips it). Internal
 * roles only ever read it (the policy makes every connection to it read-only and refuses
 * customers); the server's feedback commands update it through ValidationMirror. While it is
 * open, changes of the map (a card added to or hidden from the customer view) recompute it too,
 * gathered over VALIDATION_MAP_CHANGE_DELAY_MS.
 */
export class ValidationMirrorExtension implements Extension {
  readonly extensionName = 'validation-mirror';
  readonly priority = 46;
  readonly #config: ValidationMirrorConfiguration;
  readonly #pending = new Map<MapId, ReturnType<typeof setTimeout>>();

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

  async onChange({ documentName, instance }: onChangePayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'map' || this.#pending.has(target.mapId)) return;
    if (!instance.documents.has(validationDocName(target.mapId))) return;
    const { mapId } = target;
    const timer = setTimeout(() => {
      this.#pending.delete(mapId);
      void this.#recompute(instance, mapId);
    }, this.#config.mapChangeDelayMs ?? VALIDATION_MAP_CHANGE_DELAY_MS);
    timer.unref();
    this.#pending.set(mapId, timer);
  }

  async onDestroy(): Promise<void> {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }

  async #recompute(instance: Hocuspocus, mapId: MapId): Promise<void> {
    const document = instance.documents.get(validationDocName(mapId));
    if (!document) return;
    try {
      await rebuildValidationMirror(
        document,
        { storage: this.#config.storage, hocuspocus: instance },
        mapId,
      );
    } catch (error) {
      this.#config.logger.warn({ err: error, mapId }, 'recomputing a validation document failed');
    }
  }
}
