import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { actionsDocName, asMapId } from '../../../shared/index.ts';
import { useServerDoc } from '../collab/useServerDoc.ts';
import type { Action } from './actionTypes.ts';
import { readActions } from '../../../shared/actions.ts';

/**
 * The live actions of a map, from the read-only, server-owned document `map:<id>/actions`
 * (multiplexed on the given socket, like the comments and validation mirrors). Null until the
 * server's state arrived, or while the role may not read it. Changes go through the HTTP API; the
 * server rewrites the document after each accepted command.
 */
export function useMapActions(
  mapId: string,
  enabled: boolean,
  socket: HocuspocusProviderWebsocket | null,
): Action[] | null {
  const { value } = useServerDoc(
    enabled ? actionsDocName(asMapId(mapId)) : null,
    socket,
    readActions,
  );
  return value;
}
