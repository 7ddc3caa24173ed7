import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readMap, type MapView } from '../../../shared/index.ts';

/** The plain view of a map document, recomputed after every transaction that changes it. */
export function useMapView(doc: Y.Doc | undefined): MapView | null {
  const [view, setView] = useState<MapView | null>(() => (doc ? readMap(doc) : null));

  useEffect(() => {
    if (!doc) return;
    const refresh = () => setView(readMap(doc));
    refresh();
    doc.on('afterTransaction', refresh);
    return () => doc.off('afterTransaction', refresh);
  }, [doc]);

  return view;
}
