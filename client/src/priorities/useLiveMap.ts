import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { mapDocName, readMap, type MapId, type MapView } from '../../../shared/index.ts';
import { collabUrl } from '../collab/collabUrl.ts';
import { openProvider } from '../collab/openProvider.ts';

/** A map document followed live by a page other than the board. */
export interface LiveMap {
  /** The document (to write through shared operations), null until opened. */
  doc: Y.Doc | null;
  /** The plain view, null until the first sync. */
  view: MapView | null;
  /** The server refused the document (no access, or no such map). */
  denied: boolean;
  /** The server accepts only reads from this connection (commenter, viewer). */
  readOnly: boolean;
}

const CLOSED: LiveMap = { doc: null, view: null, denied: false, readOnly: true };

/** At most one view per this many ms while edits stream in (a big map takes a while to read). */
const THROTTLE_MS = 150;

/**
 * Follows a map document on its own socket, as compare/useMapPair does, reading it as a view
 * after its changes (throttled). Unlike the board it keeps no local copy: a page like this one
 * only shows derived figures and writes small settings, which need the server. Nothing is opened
 * while `mapId` is null (e.g. until the role is known: a customer never opens the internal map).
 */
export function useLiveMap(mapId: string | null): LiveMap {
  const [state, setState] = useState<LiveMap>(CLOSED);

  useEffect(() => {
    if (!mapId) return;
    const socket = new HocuspocusProviderWebsocket({ url: collabUrl() });
    const doc = new Y.Doc();
    const provider = openProvider(socket, mapDocName(mapId as MapId), doc);
    let synced = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      setState((prev) => ({ ...prev, doc, view: readMap(doc), denied: false }));
    };
    const schedule = () => {
      if (synced && timer === null) timer = setTimeout(publish, THROTTLE_MS);
    };
    provider.on('authenticated', ({ scope }: { scope: string }) =>
      setState((prev) => ({ ...prev, readOnly: scope === 'readonly' })),
    );
    provider.on('synced', () => {
      synced = true;
      publish();
    });
    provider.on('authenticationFailed', () =>
      setState((prev) => ({ ...prev, view: null, denied: true })),
    );
    doc.on('update', schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      doc.off('update', schedule);
      provider.destroy();
      socket.destroy();
      doc.destroy();
      setState(CLOSED);
    };
  }, [mapId]);

  return state;
}
