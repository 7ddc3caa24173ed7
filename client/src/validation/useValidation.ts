import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { asMapId, validationDocName } from '../../../shared/index.ts';
import { readValidation, type ValidationJson } from './validationJson.ts';

/** The live validation summary of a map. */
export interface ValidationState {
  /** null until the server's document arrived (or while the role may not read it). */
  data: ValidationJson | null;
}

const EMPTY: ValidationState = { data: null };

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
  const [state, setState] = useState<ValidationState>(EMPTY);

  useEffect(() => {
    if (!enabled || !socket) return;
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: validationDocName(asMapId(mapId)),
      document: doc,
      token: '',
    });
    // A provider given a shared socket does not attach itself.
    provider.attach();
    const publish = () => setState({ data: readValidation(doc) });
    provider.on('synced', publish);
    doc.on('update', publish);
    return () => {
      doc.off('update', publish);
      provider.destroy();
      doc.destroy();
      setState(EMPTY);
    };
  }, [mapId, enabled, socket]);

  return state;
}
