import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { useServerDoc } from '../collab/useServerDoc.ts';
import { asMapId, validationDocName } from '../../../shared/index.ts';
import { readValidation, type ValidationJson } from './validationJson.ts';

/** The live validation summary of a map. */
export interface ValidationState {
  /** null until the server's document arrived (or while the role may not read it). */
  data: ValidationJson | null;
}

/**
 * Follows the read-only, server-owned document `map:<id>/validation` through a provider on the map
 * page's socket (multiplexed beside the map's, like the comments mirror): each customer answer reaches the team's open map
 * as it is saved. Settings change through the HTTP API; the server rewrites the document.
 */
export function useValidation(
  mapId: string,
  enabled: boolean,
  socket: HocuspocusProviderWebsocket | null,
): ValidationState {
  const { value } = useServerDoc(
    enabled ? validationDocName(asMapId(mapId)) : null,
    socket,
    readValidation,
  );
  return { data: value };
}
