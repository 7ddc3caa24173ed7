import { createContext, useContext, type ReactNode } from 'react';
import type { ThreadAnchor } from '../../../shared/comments.ts';
import { anchorKey } from './anchors.ts';

/** What the board needs from the comments: counts on each anchor, and ways into the panel. */
export interface CommentsBoardApi {
  /** Open threads per anchor, by `anchorKey`. */
  readonly openCounts: ReadonlyMap<string, number>;
  /** The person may start threads and reply (owner, editor, commenter). */
  readonly canComment: boolean;
  /** Opens the panel on the threads of one anchor. */
  readonly showThreadsOf: (anchor: ThreadAnchor) => void;
  /** Opens the panel on one anchor with the composer focused, to start a thread on it. */
  readonly commentOn: (anchor: ThreadAnchor) => void;
}

const CommentsBoardContext = createContext<CommentsBoardApi | null>(null);

/** Gives the board (cards, headers, personas) access to the map's comments. */
export function CommentsBoardProvider({
  value,
  children,
}: {
  value: CommentsBoardApi;
  children: ReactNode;
}) {
  return <CommentsBoardContext.Provider value={value}>{children}</CommentsBoardContext.Provider>;
}

/** The comments of the open map, or null outside a map page (then nothing comment-related shows). */
export function useCommentsBoard(): CommentsBoardApi | null {
  return useContext(CommentsBoardContext);
}

/** The number of open threads on an anchor (0 outside a map page). */
export function useOpenThreadCount(anchor: ThreadAnchor): number {
  return useCommentsBoard()?.openCounts.get(anchorKey(anchor)) ?? 0;
}
