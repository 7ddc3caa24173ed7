import { useMemo } from 'react';
import * as Y from 'yjs';
import { applyMapJson, type MapJson } from '../../../shared/interchange.ts';
import { MapStoreContext, useMapStoreOf, useStoreView } from '../board/useMapStore.ts';
import {
  MapSessionProvider,
  useMapSession,
  useMapUndoManager,
  type MapSession,
} from '../collab/MapSession.tsx';
import { MapBoard } from '../map/MapBoard.tsx';
import { UnplacedTray } from '../map/UnplacedTray.tsx';

const NO_EDITORS: MapSession['editors'] = new Map();
const KEEP_REOPEN = () => undefined;

/**
 * The board of a version, read-only: a document of its own filled from the version's JSON
 * (never connected, so nothing typed here could reach the map) shown by the same board as the
 * live map with `editable={false}`.
 */
export function VersionBoard({ map }: { map: MapJson }) {
  const live = useMapSession();
  const doc = useMemo(() => {
    const made = new Y.Doc();
    applyMapJson(made, map);
    return made;
  }, [map]);
  const store = useMapStoreOf(doc);
  const view = useStoreView(store);
  const undo = useMapUndoManager(doc);
  // The live session with this document: nobody edits a version, so no carets and no editors.
  const session = useMemo<MapSession | null>(
    () =>
      undo
        ? { ...live, doc, undo, editors: NO_EDITORS, reopen: null, setReopen: KEEP_REOPEN }
        : null,
    [live, doc, undo],
  );
  if (!store || !view || !session) return null;
  return (
    <MapStoreContext.Provider value={store}>
      <MapSessionProvider value={session}>
        <MapBoard store={store} doc={doc} editable={false} cardCount={view.cards.length} />
        {view.unplaced.length > 0 && <UnplacedTray doc={doc} view={view} editable={false} />}
      </MapSessionProvider>
    </MapStoreContext.Provider>
  );
}
