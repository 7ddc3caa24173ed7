import { useEffect, useState } from 'react';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { PRESENCE_FIELD, presentUsers, type PresenceUser } from '../../../shared/index.ts';

/**
 * The other people on this map right now, as the server vouches for them (it stamps each
 * awareness state with the account behind the connection). Announces us after every sync.
 */
export function usePresence(provider: HocuspocusProvider | undefined): PresenceUser[] {
  const [others, setOthers] = useState<PresenceUser[]>([]);

  useEffect(() => {
    const awareness = provider?.awareness;
    if (!provider || !awareness) return;
    const refresh = () => setOthers(presentUsers(awareness.getStates(), awareness.clientID));
    // Our state's content does not matter (the server overwrites it); setting it broadcasts it.
    const announce = () => provider.setAwarenessField(PRESENCE_FIELD, null);
    refresh();
    announce();
    awareness.on('change', refresh);
    provider.on('synced', announce);
    return () => {
      awareness.off('change', refresh);
      provider.off('synced', announce);
    };
  }, [provider]);

  return others;
}
