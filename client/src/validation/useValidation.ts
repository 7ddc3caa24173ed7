import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { asMapId, validationDocName } from '../../../shared/index.ts';
import { collabUrl } from '../collab/collabUrl.ts';
import { readValidation, type ValidationJson } from './validationJson.ts';

/** The live validation summary of a map. */
export interface ValidationState {
  /** null until the server's document arrived (or while the role may not read it). */
  data: ValidationJson | null;
}

const EMPTY: ValidationState = { data: null };

/**
 * Follows the read-only, server-owned document `map:<id>/validation` through its own provider
 * beside the map's (like the comments mirror): each customer answer reaches the team's open map
 * as it is saved. Settings change through the HTTP API; the server rewrites the document.
 */
export function useValidation(mapId: string, enabled: boolean): ValidationState {
  const [state, setState] = useState<ValidationState>(EMPTY);

  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: validationDocName(asMapId(mapId)),
      document: doc,
      token: '',
    });
    const publish = () => setState({ data: readValidation(doc) });
    provider.on('synced', publish);
    doc.on('update', publish);
    return () => {
      doc.off('update', publish);
      provider.destroy();
      doc.destroy();
      setState(EMPTY);
    };
  }, [mapId, enabled]);

  return state;
}
