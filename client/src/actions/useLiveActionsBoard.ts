import { useMemo } from 'react';
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { can, type MapRole } from '../../../shared/policy.ts';
import { actionsByCard } from './actionsDoc.ts';
import type { ActionsBoard } from './ActionsBoardContext.tsx';
import { useMapActions } from './useMapActions.ts';

/**
 * The map page's view of its actions, for the board (status badges on linked cards, "Turn into
 * action" in the details): null until the live document arrived or when my role may not read it.
 */
export function useLiveActionsBoard(
  mapId: string,
  role: MapRole | null | undefined,
  socket: HocuspocusProviderWebsocket | null,
): ActionsBoard | null {
  const actions = useMapActions(mapId, can(role, 'actions.read'), socket);
  const canManage = can(role, 'actions.manage');
  return useMemo(
    () => (actions ? { mapId, byCard: actionsByCard(actions), canManage } : null),
    [actions, mapId, canManage],
  );
}
