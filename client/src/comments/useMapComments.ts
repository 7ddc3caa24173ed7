import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { asMapId } from '../../../shared/index.ts';
import type { CommentMessageJson, CommentThreadJson } from '../../../shared/comments.ts';
import { can, type MapRole } from '../../../shared/policy.ts';
import { api, type Member } from '../api.ts';
import { newestMessageAt, openThreadCounts, unreadCount } from './threadFilters.ts';
import { useCommentReads } from './useCommentReads.ts';
import { useCommentThreads } from './useCommentThreads.ts';
import { useDepartmentNames } from './useDepartmentNames.ts';

/** Everything the comments UI of one open map works from. */
export interface MapComments {
  mapId: string;
  /** My user id. */
  me: string;
  threads: readonly CommentThreadJson[];
  /** The live mirror has arrived. */
  ready: boolean;
  /** Open threads per anchor key. */
  openCounts: ReadonlyMap<string, number>;
  /** Open threads in the whole map. */
  openCount: number;
  /** My unread messages in a thread. */
  unreadOf: (thread: CommentThreadJson) => number;
  /** My unread messages in every thread. */
  totalUnread: number;
  /** Marks a thread read up to its newest message. */
  markRead: (thread: CommentThreadJson) => void;
  /** The map's internal members (null while loading or unreadable). */
  members: readonly Member[] | null;
  /** A department id's name in the UI language. */
  departmentName: (id: string) => string;
  /** The department of a message's author, or null when unknown. */
  departmentOf: (message: CommentMessageJson) => string | null;
  /** Owner, editor and commenter write; a viewer reads only. */
  canComment: boolean;
  /** Owners and editors resolve any thread, its author their own (the server checks it too). */
  canResolve: (thread: CommentThreadJson) => boolean;
}

/** The members of a map for mentions and departments (customers are never mentionable). */
function useInternalMembers(mapId: string, allowed: boolean): Member[] | null {
  const [members, setMembers] = useState<Member[] | null>(null);
  useEffect(() => {
    if (!allowed) return;
    let cancelled = false;
    api.members(mapId).then(
      (all) => !cancelled && setMembers(all.filter((m) => !m.guest && m.role !== 'customer')),
      () => !cancelled && setMembers(null),
    );
    return () => {
      cancelled = true;
    };
  }, [mapId, allowed]);
  return allowed ? members : null;
}

/**
 * The comments of an open map for the panel, the bubbles and the title: the live threads, my
 * read state, the members (for mentions and departments) and what my role lets me do.
 */
export function useMapComments(
  mapId: string,
  me: string,
  role: MapRole | null | undefined,
  socket: HocuspocusProviderWebsocket | null,
): MapComments {
  const readable = !!role && can(role, 'comments.read');
  const { threads, ready } = useCommentThreads(asMapId(mapId), readable, socket);
  const { reads, markRead: markReadAt } = useCommentReads(mapId, readable);
  const members = useInternalMembers(mapId, !!role && can(role, 'members.read'));
  const departmentName = useDepartmentNames();
  const canComment = !!role && can(role, 'comments.write');
  const mayResolveAll = !!role && can(role, 'comments.resolve');

  const departmentOf = useCallback(
    (message: CommentMessageJson) =>
      message.authorDepartment ??
      members?.find((m) => m.userId === message.authorId)?.department ??
      null,
    [members],
  );
  const unreadOf = useCallback(
    (thread: CommentThreadJson) => (reads ? unreadCount(thread, me, reads[thread.id]) : 0),
    [reads, me],
  );
  const markRead = useCallback(
    (thread: CommentThreadJson) => {
      const newest = newestMessageAt(thread);
      if (newest && unreadOf(thread) > 0) markReadAt(thread.id, newest);
    },
    [markReadAt, unreadOf],
  );
  const openCounts = useMemo(() => openThreadCounts(threads), [threads]);

  return {
    mapId,
    me,
    threads,
    ready,
    openCounts,
    openCount: threads.filter((t) => !t.resolved).length,
    unreadOf,
    totalUnread: threads.reduce((sum, t) => sum + unreadOf(t), 0),
    markRead,
    members,
    departmentName,
    departmentOf,
    canComment,
    canResolve: (thread) => canComment && (mayResolveAll || thread.createdBy === me),
  };
}
