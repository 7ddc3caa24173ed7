import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { syncCommentThreads } from '../../shared/comments.ts';
import { commentsDocName, type MapId } from '../../shared/index.ts';
import { serverOrigin } from '../../shared/origins.ts';
import type { ThreadStore } from '../storage/storage.ts';
import { threadJson } from './threadJson.ts';

/** Makes a loaded comments document hold exactly the stored threads of its map. */
export async function rebuildCommentsMirror(
  doc: Y.Doc,
  threads: Pick<ThreadStore, 'list'>,
  mapId: MapId,
): Promise<void> {
  const rows = await threads.list(mapId);
  doc.transact(() => syncCommentThreads(doc, rows.map(threadJson)), COMMENTS_MIRROR_ORIGIN);
}

/** Origin of the server's writes to a comments mirror (labelled for hooks and logs). */
export const COMMENTS_MIRROR_ORIGIN = Object.freeze(serverOrigin('comments-mirror'));

/**
 * Keeps `map:<id>/comments` equal to the stored threads. The stored threads are the source of
 * truth: after each accepted command the server reads the map's threads back and syncs the
 * whole mirror through a direct Hocuspocus connection (only differing threads produce an update,
 * which Hocuspocus broadcasts to this instance's clients and, with REDIS_URL, the Redis extension
 * to every other instance). Refreshes of one map are serialised on this instance, so a slower
 * refresh never overwrites a newer one; a refresh from another instance that raced this one is
 * corrected by the next refresh on either, and a document that loads is rebuilt from storage
 * (CommentsMirrorExtension).
 */
export class CommentsMirror {
  readonly #hocuspocus: Hocuspocus;
  readonly #threads: Pick<ThreadStore, 'list'>;
  readonly #queues = new Map<MapId, Promise<void>>();

  constructor(hocuspocus: Hocuspocus, threads: Pick<ThreadStore, 'list'>) {
    this.#hocuspocus = hocuspocus;
    this.#threads = threads;
  }

  /** Brings the map's mirror up to date with storage; resolves once the change is applied. */
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
    const connection = await this.#hocuspocus.openDirectConnection(commentsDocName(mapId), {});
    try {
      const rows = await this.#threads.list(mapId);
      const threads = rows.map(threadJson);
      await connection.transact((doc) => syncCommentThreads(doc, threads));
    } finally {
      await connection.disconnect({ unloadImmediately: false });
    }
  }
}
