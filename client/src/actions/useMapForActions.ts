import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { asMapId, mapDocName, readMap, type MapView } from '../../../shared/index.ts';
import { collabUrl } from '../collab/collabUrl.ts';
import { openProvider } from '../collab/openProvider.ts';

/** The map as the actions page reads it. */
export interface MapForActions {
  /** Null until the first sync (and after a refusal). */
  view: MapView | null;
  /** The server refused the map (not a member, or no such map). */
  denied: boolean;
  /** The page's socket, for the actions document beside the map's (null until open). */
  socket: HocuspocusProviderWebsocket | null;
}

/** At most one read per this many ms while edits stream in (a big map takes a while to read). */
const THROTTLE_MS = 200;

/**
 * Follows a map document read-only on its own socket, for the actions page: the cards to link,
 * the KPI lane's cards, and the priorities of linked cards (quick wins). Nothing is written.
 */
export function useMapForActions(mapId: string): MapForActions {
  const [state, setState] = useState<MapForActions>({ view: null, denied: false, socket: null });

  useEffect(() => {
    const socket = new HocuspocusProviderWebsocket({ url: collabUrl() });
    const doc = new Y.Doc();
    const provider = openProvider(socket, mapDocName(asMapId(mapId)), doc);
    let synced = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      setState({ view: readMap(doc), denied: false, socket });
    };
    const schedule = () => {
      if (synced && timer === null) timer = setTimeout(publish, THROTTLE_MS);
    };
    provider.on('synced', () => {
      synced = true;
      publish();
    });
    provider.on('authenticationFailed', () => setState({ view: null, denied: true, socket }));
    doc.on('update', schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      doc.off('update', schedule);
      provider.destroy();
      doc.destroy();
      socket.destroy();
      setState({ view: null, denied: false, socket: null });
    };
  }, [mapId]);

  return state;
}
