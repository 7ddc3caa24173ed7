import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { useServerDoc } from '../collab/useServerDoc.ts';
import { commentsDocName, type MapId } from '../../../shared/index.ts';
import { readCommentThreads, type CommentThreadJson } from '../../../shared/comments.ts';

/** The live comment threads of a map. */
export interface CommentThreadsState {
  /** Every thread, oldest first (as the mirror lists them). */
  threads: readonly CommentThreadJson[];
  /** The server's mirror has been received at least once. */
  ready: boolean;
}

const EMPTY: CommentThreadsState = { threads: [], ready: false };

/**
 * Follows the read-only mirror `map:<id>/comments` through a second provider on the map page's
 * socket (multiplexed beside the map's provider; nothing until that socket exists):
 * every new, edited, deleted or resolved message reaches this browser as the server writes it.
 * Writes go through the HTTP commands (the server refuses writes to this document), so there is
 * no local copy to keep: the mirror is rebuilt from storage on the server.
 */
export function useCommentThreads(
  mapId: MapId,
  enabled: boolean,
  socket: HocuspocusProviderWebsocket | null,
): CommentThreadsState {
  const { value, ready } = useServerDoc(
    enabled ? commentsDocName(mapId) : null,
    socket,
    readCommentThreads,
  );
  return ready && value ? { threads: value, ready } : EMPTY;
}
