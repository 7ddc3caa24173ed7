import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { MapId } from '../../shared/index.ts';

/**
 * Reads what a map's server-owned document must hold from storage, and returns the write that
 * makes the document hold exactly that (writing only what differs, so an unchanged refresh sends
 * nothing to clients).
 */
export type ReadForMirror = (mapId: MapId) => Promise<(doc: Y.Doc) => void>;

/**
 * Keeps a map's server-owned document (`map:<id>/comments`, `/actions`, `/votes`) equal to what
 * storage holds. Storage is the source of truth: after each accepted command the server reads the
 * map's rows back and syncs the whole document through a direct Hocuspocus connection; the
 * update Hocuspocus broadcasts reaches this instance's clients and, with REDIS_URL, the Redis
 * extension sends it to every other instance. Refreshes of one map are serialised on this
 * instance, so a slower refresh never overwrites a newer one; a refresh from another instance
 * that raced this one is corrected by the next refresh on either, and a document that loads is
 * rebuilt from storage by its extension.
 */
export class StoredMirror {
  readonly #hocuspocus: Hocuspocus;
  readonly #docName: (mapId: MapId) => string;
  readonly #read: ReadForMirror;
  readonly #queues = new Map<MapId, Promise<void>>();

  constructor(hocuspocus: Hocuspocus, docName: (mapId: MapId) => string, read: ReadForMirror) {
    this.#hocuspocus = hocuspocus;
    this.#docName = docName;
    this.#read = read;
  }

  /** Brings the map's document up to date with storage; resolves once the change is applied. */
  refresh(mapId: MapId): Promise<void> {
    const previous = this.#queues.get(mapId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.#refreshNow(mapId));
    this.#queues.set(mapId, next);
    void next
      .finally(() => {
        if (this.#queues.get(mapId) === next) this.#queues.delete(mapId);
      })
      .catch(() => undefined);
    return next;
  }

  async #refreshNow(mapId: MapId): Promise<void> {
    const connection = await this.#hocuspocus.openDirectConnection(this.#docName(mapId), {});
    try {
      const write = await this.#read(mapId);
      await connection.transact(write);
    } finally {
      await connection.disconnect({ unloadImmediately: false });
    }
  }
}
