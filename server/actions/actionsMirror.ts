import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { syncActions } from '../../shared/actions.ts';
import { actionsDocName, type MapId } from '../../shared/index.ts';
import { serverOrigin } from '../../shared/origins.ts';
import type { ActionStore } from '../storage/storage.ts';
import { actionJson } from './actionJson.ts';

/** Origin of the server's writes to an actions document (labelled for hooks and logs). */
export const ACTIONS_MIRROR_ORIGIN = Object.freeze(serverOrigin('actions-mirror'));

/** Makes a loaded actions document hold exactly the stored actions of its map. */
export async function rebuildActionsMirror(
  doc: Y.Doc,
  actions: Pick<ActionStore, 'list'>,
  mapId: MapId,
): Promise<void> {
  const rows = await actions.list(mapId);
  doc.transact(() => syncActions(doc, rows.map(actionJson)), ACTIONS_MIRROR_ORIGIN);
}

/**
 * Keeps `map:<id>/actions` equal to the stored actions, as CommentsMirror keeps the comments: the
 * stored rows are the source of truth; after each accepted command the server reads the map's
 * actions back and syncs the whole document through a direct Hocuspocus connection (only
 * differing actions produce an update, which Hocuspocus broadcasts to this instance's clients
 * and, with REDIS_URL, the Redis extension to every other instance). Refreshes of one map are
 * serialised on this instance, so a slower refresh never overwrites a newer one; a document that
 * loads is rebuilt from storage (ActionsMirrorExtension).
 */
export class ActionsMirror {
  readonly #hocuspocus: Hocuspocus;
  readonly #actions: Pick<ActionStore, 'list'>;
  readonly #queues = new Map<MapId, Promise<void>>();

  constructor(hocuspocus: Hocuspocus, actions: Pick<ActionStore, 'list'>) {
    this.#hocuspocus = hocuspocus;
    this.#actions = actions;
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
    const connection = await this.#hocuspocus.openDirectConnection(actionsDocName(mapId), {});
    try {
      const rows = await this.#actions.list(mapId);
      const actions = rows.map(actionJson);
      await connection.transact((doc) => syncActions(doc, actions));
    } finally {
      await connection.disconnect({ unloadImmediately: false });
    }
  }
}
