import { useEffect, useState } from 'react';
import { can, type MapRole } from '../../../shared/policy.ts';
import { api } from '../api.ts';

/**
 * The departments of a map's members (null for guests), for "who is missing" in presence;
 * null while loading, when the list cannot be read, or for roles that may not read members.
 */
export function useMemberDepartments(
  mapId: string,
  role: MapRole | null | undefined,
): (string | null)[] | null {
  const [departments, setDepartments] = useState<(string | null)[] | null>(null);
  const allowed = !!role && can(role, 'members.read');
  useEffect(() => {
    if (!allowed) return;
    let cancelled = false;
    api.members(mapId).then(
      (members) => {
        if (!cancelled) setDepartments(members.filter((m) => !m.guest).map((m) => m.department));
      },
      () => {
        if (!cancelled) setDepartments(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [mapId, allowed]);
  return allowed ? departments : null;
}
