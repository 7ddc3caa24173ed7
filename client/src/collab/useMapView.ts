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
    // 'update' fires only for transactions that changed the document (not for empty ones).
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
  }, [doc]);

  return view;
}
