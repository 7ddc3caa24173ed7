import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { asMapId, mapDocName, readMap, type MapView } from '../../../shared/index.ts';
import { collabUrl } from '../collab/collabUrl.ts';
import { openProvider } from '../collab/openProvider.ts';

/**
 * The maps of my actions, read once each (through one socket, multiplexed, then closed): the
 * names of linked cards and their priorities for the quick wins. A snapshot is enough here: the
 * page is read again when the tab comes back.
 */
export function useMapViews(mapIds: readonly string[]): ReadonlyMap<string, MapView> {
  const [views, setViews] = useState<ReadonlyMap<string, MapView>>(new Map());
  // One key for the set of ids, so a new array with the same maps opens nothing again.
  const key = [...mapIds].sort().join(',');

  useEffect(() => {
    const ids = key ? key.split(',') : [];
    if (ids.length === 0) return;
    const socket = new HocuspocusProviderWebsocket({ url: collabUrl() });
    const stops = ids.map((mapId) => {
      const doc = new Y.Doc();
      const provider = openProvider(socket, mapDocName(asMapId(mapId)), doc);
      provider.on('synced', () => {
        const view = readMap(doc);
        setViews((prev) => new Map(prev).set(mapId, view));
      });
      return () => {
        provider.destroy();
        doc.destroy();
      };
    });
    return () => {
      for (const stop of stops) stop();
      socket.destroy();
    };
  }, [key]);

  return views;
}
