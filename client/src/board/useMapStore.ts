import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from 'react';
import type * as Y from 'yjs';
import type {
  CardView,
  LaneId,
  LaneView,
  MapView,
  StageId,
  StageView,
} from '../../../shared/index.ts';
import { MapStore } from './mapStore.ts';

/** The open map's store, for components deep in the board (menus, details, panels). */
export const MapStoreContext = createContext<MapStore | null>(null);

/** The open map's store; throws outside a map page, where it would be a programming error. */
export function useMapStore(): MapStore {
  const store = useContext(MapStoreContext);
  if (!store) throw new Error('useMapStore outside a MapStoreContext');
  return store;
}

/** Creates the store of a document and follows it while mounted. */
export function useMapStoreOf(doc: Y.Doc | undefined): MapStore | null {
  const store = useMemo(() => (doc ? new MapStore(doc) : null), [doc]);
  useEffect(() => {
    if (!store) return;
    store.start();
    return () => store.stop();
  }, [store]);
  return store;
}

function useStoreValue<T>(
  store: MapStore | null,
  key: string,
  read: (store: MapStore) => T,
  empty: T,
): T {
  const subscribe = useCallback(
    (onChange: () => void) => (store ? store.subscribe(key, onChange) : () => {}),
    [store, key],
  );
  return useSyncExternalStore(subscribe, () => (store ? read(store) : empty));
}

const NO_STAGES: readonly StageView[] = [];
const NO_LANES: readonly LaneView[] = [];
const NO_CARDS: readonly CardView[] = [];
const readView = (store: MapStore) => store.map.view;
const readStages = (store: MapStore) => store.map.stages;
const readLanes = (store: MapStore) => store.map.lanes;

/** The whole map, republished on structural changes (and at most every 400 ms while typing). */
export function useStoreView(store: MapStore | null): MapView | null {
  return useStoreValue<MapView | null>(store, 'view', readView, null);
}

/** The stages, left to right; re-renders only when a stage changes. */
export function useStages(store: MapStore): readonly StageView[] {
  return useStoreValue(store, 'structure', readStages, NO_STAGES);
}

/** The lanes, top to bottom; re-renders only when a lane changes. */
export function useLanes(store: MapStore): readonly LaneView[] {
  return useStoreValue(store, 'structure', readLanes, NO_LANES);
}

/** The cards of one cell; re-renders only when that cell changes. */
export function useCell(store: MapStore, stageId: StageId, laneId: LaneId): readonly CardView[] {
  const read = useCallback((s: MapStore) => s.map.cell(stageId, laneId), [stageId, laneId]);
  return useStoreValue(store, MapStore.cellKey(stageId, laneId), read, NO_CARDS);
}
