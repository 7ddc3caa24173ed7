import { useCallback, useEffect, useState } from 'react';
import { api, type Invite, type Member } from '../api.ts';

interface MembersState {
  members: Member[] | null;
  invites: Invite[];
  failed: boolean;
}

async function load(mapId: string, withInvites: boolean): Promise<MembersState> {
  try {
    const [members, invites] = await Promise.all([
      api.members(mapId),
      withInvites ? api.invites(mapId) : Promise.resolve([]),
    ]);
    return { members, invites, failed: false };
  } catch {
    return { members: null, invites: [], failed: true };
  }
}

/** The members (and, for owners, the invite links) of a map, reloadable after each change. */
export function useMembers(mapId: string, withInvites: boolean) {
  const [state, setState] = useState<MembersState>({ members: null, invites: [], failed: false });

  useEffect(() => {
    let cancelled = false;
    void load(mapId, withInvites).then((next) => !cancelled && setState(next));
    return () => {
      cancelled = true;
    };
  }, [mapId, withInvites]);

  const reload = useCallback(async () => {
    setState(await load(mapId, withInvites));
  }, [mapId, withInvites]);

  return { ...state, reload };
}
