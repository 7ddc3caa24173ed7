import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { mapDocName, mapToJson, type MapId, type MapJson } from '../../../shared/index.ts';
import { collabUrl } from '../collab/collabUrl.ts';
import { openProvider } from '../collab/openProvider.ts';

/** A map document followed read-only, as interchange JSON. */
export interface MapJsonState {
  /** Null until the first sync (and after a refusal). */
  json: MapJson | null;
  /** The server refused the document (no access any more, or no such map). */
  denied: boolean;
}

/** Both maps of a comparison. */
export interface MapPairState {
  asIs: MapJsonState;
  toBe: MapJsonState;
}

const EMPTY: MapPairState = {
  asIs: { json: null, denied: false },
  toBe: { json: null, denied: false },
};

/** At most one JSON per this many ms while edits stream in (a big map takes a while to read). */
const THROTTLE_MS = 200;

/**
 * Follows two map documents through one WebSocket (multiplexed, as the map page does with its
 * mirrors) and reads each as JSON after its changes (throttled). They are only read: nothing is
 * written, no local copy is kept, and the server lets any member with `map.read` follow them.
 * Nothing is opened until both ids are known.
 */
export function useMapPair(asIsId: string | null, toBeId: string | null): MapPairState {
  const [state, setState] = useState<MapPairState>(EMPTY);

  useEffect(() => {
    if (!asIsId || !toBeId) return;
    const socket = new HocuspocusProviderWebsocket({ url: collabUrl() });
    const stops = (['asIs', 'toBe'] as const).map((side) => {
      const doc = new Y.Doc();
      const provider = openProvider(
        socket,
        mapDocName((side === 'asIs' ? asIsId : toBeId) as MapId),
        doc,
      );
      const set = (value: MapJsonState) => setState((prev) => ({ ...prev, [side]: value }));
      let synced = false;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const publish = () => {
        timer = null;
        set({ json: mapToJson(doc), denied: false });
      };
      const schedule = () => {
        if (synced && timer === null) timer = setTimeout(publish, THROTTLE_MS);
      };
      provider.on('synced', () => {
        synced = true;
        publish();
      });
      provider.on('authenticationFailed', () => set({ json: null, denied: true }));
      doc.on('update', schedule);
      return () => {
        if (timer !== null) clearTimeout(timer);
        doc.off('update', schedule);
        provider.destroy();
        doc.destroy();
      };
    });
    return () => {
      for (const stop of stops) stop();
      socket.destroy();
      setState(EMPTY);
    };
  }, [asIsId, toBeId]);

  return state;
}
