import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { ThreadAnchor } from '../../../shared/comments.ts';
import { anchorKey, parseAnchorKey } from './anchors.ts';

/** Where the comments panel is, kept in the address so a link can open it. */
export interface CommentsRoute {
  /** The panel is open (`?comments`, `?comments=<anchor>` or `?thread=<id>`). */
  open: boolean;
  /** The anchor its list is filtered to (`?comments=card:<id>`), or null for every thread. */
  anchor: ThreadAnchor | null;
  /** The thread open in it (`?thread=<id>`), or null for the list. */
  threadId: string | null;
  /** Opens the list, on one anchor's threads or on all. */
  showList: (anchor: ThreadAnchor | null) => void;
  /** Opens one thread (keeping the anchor filter for the way back). */
  showThread: (threadId: string) => void;
  /** Closes the panel. */
  close: () => void;
}

/**
 * The comments panel's place in the URL of the map page: `?thread=<id>` opens a thread (links
 * from the inbox and e-mails), `?comments=card:<id>` a card's threads. Other parameters are kept;
 * the history is replaced, so Back leaves the map rather than stepping through the panel.
 */
export function useCommentsRoute(mapId: string): CommentsRoute {
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const threadId = params.get('thread');
  const anchor = parseAnchorKey(params.get('comments'));
  const open = params.has('comments') || threadId !== null;

  const go = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(search);
      change(next);
      const query = next.toString().replace(/=(&|$)/g, '$1');
      navigate(`/maps/${encodeURIComponent(mapId)}${query ? `?${query}` : ''}`, { replace: true });
    },
    [mapId, navigate, search],
  );

  const showList = useCallback(
    (to: ThreadAnchor | null) =>
      go((next) => {
        next.delete('thread');
        next.set('comments', to ? anchorKey(to) : '');
      }),
    [go],
  );
  const showThread = useCallback(
    (id: string) =>
      go((next) => {
        if (!next.has('comments')) next.set('comments', '');
        next.set('thread', id);
      }),
    [go],
  );
  const close = useCallback(
    () =>
      go((next) => {
        next.delete('thread');
        next.delete('comments');
      }),
    [go],
  );

  return { open, anchor, threadId, showList, showThread, close };
}
