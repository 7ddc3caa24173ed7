import { useCallback, useEffect, useState } from 'react';
import { refreshInboxUnread } from '../inbox/unreadStore.ts';
import { commentsApi } from './commentsApi.ts';

/** My read state of a map's threads. */
export interface CommentReads {
  /** Per thread id, the time of the newest message I had seen; null while unknown. */
  reads: Readonly<Record<string, string>> | null;
  /** Marks a thread read up to `until` (its newest message), here at once and on the server. */
  markRead: (threadId: string, until: string) => void;
}

/**
 * Loads my read times of a map's threads once, then keeps them here as I open threads (a read
 * time never moves backwards, as on the server). While they cannot be read (a failed call),
 * nothing counts as unread rather than everything.
 */
export function useCommentReads(mapId: string, enabled: boolean): CommentReads {
  const [reads, setReads] = useState<Record<string, string> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    commentsApi.reads(mapId).then(
      (loaded) => !cancelled && setReads(loaded),
      () => !cancelled && setReads(null),
    );
    return () => {
      cancelled = true;
    };
  }, [mapId, enabled]);

  const markRead = useCallback((threadId: string, until: string) => {
    setReads((current) => {
      // Unknown read state stays unknown: one thread marked must not make the others all unread.
      if (current === null) return null;
      const previous = current?.[threadId];
      if (previous !== undefined && Date.parse(previous) >= Date.parse(until)) return current;
      return { ...current, [threadId]: until };
    });
    // A failure only leaves the thread unread for the next visit; nothing to tell the person.
    // Once stored, the top bar's inbox count follows at once rather than at its next poll.
    commentsApi.markRead(threadId, until).then(
      () => void refreshInboxUnread(),
      () => undefined,
    );
  }, []);

  return { reads: enabled ? reads : null, markRead };
}
