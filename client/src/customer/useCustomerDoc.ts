import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { customerDocName, type MapId } from '../../../shared/index.ts';
import { collabUrl } from '../collab/collabUrl.ts';
import { isStorageUnavailable } from '../collab/mapUnavailable.ts';

/** The customer's live copy of the journey. */
export interface CustomerDoc {
  doc: Y.Doc;
  /** The server's projection has been received at least once. */
  ready: boolean;
  /** The server refused it (the link's access was taken away). */
  denied: boolean;
}

/**
 * Follows the server-owned projection `map:<id>/customer`: the map in its own schema, holding only
 * what customers may see, kept live as the team edits. It is read-only and rebuilt by the server,
 * so there is no local copy to keep (nothing of the map stays in the customer's browser).
 */
export function useCustomerDoc(mapId: MapId): CustomerDoc | null {
  const [state, setState] = useState<CustomerDoc | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: collabUrl(),
      name: customerDocName(mapId),
      document: doc,
      token: '',
    });
    let current: CustomerDoc = { doc, ready: false, denied: false };
    const update = (patch: Partial<CustomerDoc>) => {
      current = { ...current, ...patch };
      setState(current);
    };
    update({});
    provider.on('synced', () => update({ ready: true, denied: false }));
    // A server that could not read the session or role closes the socket and the provider
    // tries again: that is no refusal.
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      if (!isStorageUnavailable(null, reason)) update({ denied: true });
    });
    return () => {
      provider.destroy();
      doc.destroy();
      setState(null);
    };
  }, [mapId]);

  return state;
}
