import { useEffect, useState } from 'react';
import type { MapRole } from '../../../shared/policy.ts';
import { api } from '../api.ts';

/**
 * My role on a map, from `GET /api/maps/:id`; asked again whenever `generation` changes (the
 * collaboration connection re-authenticated, e.g. after an owner changed my role).
 * undefined while loading, null when I am not a member (or the map is gone).
 */
export function useMapRole(mapId: string, generation: number): MapRole | null | undefined {
  const [role, setRole] = useState<MapRole | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    api.getMap(mapId).then(
      (map) => !cancelled && setRole(map.role),
      () => !cancelled && setRole(null),
    );
    return () => {
      cancelled = true;
    };
  }, [mapId, generation]);

  return role;
}
