import type { Hocuspocus } from '@hocuspocus/server';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { validationDocName, type MapId } from '../../shared/index.ts';
import { serverOrigin } from '../../shared/origins.ts';
import { writeValidation } from '../../shared/validation.ts';
import { buildValidation, type ValidationDeps } from './validationJson.ts';

/** Origin of the server's writes to a validation document (labelled for hooks and logs). */
export const VALIDATION_MIRROR_ORIGIN = Object.freeze(serverOrigin('validation-mirror'));

/** Makes a loaded validation document hold the map's validation now. */
export async function rebuildValidationMirror(
  doc: Y.Doc,
  deps: ValidationDeps,
  mapId: MapId,
): Promise<void> {
  const validation = await buildValidation(deps, mapId);
  doc.transact(() => writeValidation(doc, validation), VALIDATION_MIRROR_ORIGIN);
}

/**
 * Keeps `map:<id>/validation` equal to the validation computed from the stored responses, the
 * map's thresholds and its document, like CommentsMirror keeps the comments: after each feedback
 * command and each change of thresholds the server recomputes it and writes it through a direct
 * Hocuspocus connection (no update when nothing changed; Hocuspocus broadcasts it to this
 * instance's clients and, with REDIS_URL, the Redis extension to the others). Refreshes of one
 * map are serialised on this instance, so a slower one never overwrites a newer one; a document
 * that loads is computed afresh (ValidationMirrorExtension). Never stored.
 */
export class ValidationMirror {
  readonly #deps: ValidationDeps;
  readonly #logger: Logger;
  readonly #queues = new Map<MapId, Promise<void>>();

  constructor(deps: ValidationDeps, logger: Logger) {
    this.#deps = deps;
    this.#logger = logger;
  }

  /**
   * Brings the map's validation document up to date; resolves once applied. Storage already
   * holds the change that asked for it, so a failure is logged, never thrown.
   */
  refresh(mapId: MapId): Promise<void> {
    const previous = this.#queues.get(mapId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => this.#refreshNow(mapId))
      .catch((error: unknown) => {
        this.#logger.error({ err: error, mapId }, 'updating the validation document failed');
      });
    this.#queues.set(mapId, next);
    void next.finally(() => {
      if (this.#queues.get(mapId) === next) this.#queues.delete(mapId);
    });
    return next;
  }

  async #refreshNow(mapId: MapId): Promise<void> {
    const hocuspocus: Hocuspocus = this.#deps.hocuspocus;
    const connection = await hocuspocus.openDirectConnection(validationDocName(mapId), {});
    try {
      const validation = await buildValidation(this.#deps, mapId);
      await connection.transact((doc) => writeValidation(doc, validation));
    } finally {
      await connection.disconnect({ unloadImmediately: false });
    }
  }
}
