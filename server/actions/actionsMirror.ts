import type { Hocuspocus } from '@hocuspocus/server';
import { StoredMirror } from '../collab/storedMirror.ts';
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

/** Keeps `map:<id>/actions` equal to the stored actions (see StoredMirror). */
export class ActionsMirror extends StoredMirror {
  constructor(hocuspocus: Hocuspocus, actions: Pick<ActionStore, 'list'>) {
    super(hocuspocus, actionsDocName, async (mapId) => {
      const rows = await actions.list(mapId);
      const json = rows.map(actionJson);
      return (doc) => syncActions(doc, json);
    });
  }
}
