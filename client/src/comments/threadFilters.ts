import type {
  CommentMessageJson,
  CommentThreadJson,
  ThreadAnchor,
} from '../../../shared/comments.ts';
import { anchorKey } from './anchors.ts';

/** Which threads the panel lists. */
export interface ThreadFilters {
  /** Open threads (the default), resolved ones, or both. */
  status: 'open' | 'resolved' | 'all';
  /** Only threads I started or wrote in. */
  mine: boolean;
  /** Only threads with a message that mentions me. */
  mentioningMe: boolean;
  /** Only threads where someone of this department wrote; null: any. */
  department: string | null;
  /** Only the threads of this card, stage, lane, persona or the map; null: all. */
  anchor: ThreadAnchor | null;
}

/** The filters the panel opens with: open threads, everywhere, by anyone. */
export const DEFAULT_FILTERS: ThreadFilters = {
  status: 'open',
  mine: false,
  mentioningMe: false,
  department: null,
  anchor: null,
};

/** What filtering needs to know besides the threads. */
export interface FilterContext {
  /** My user id. */
  me: string;
  /** The department of a message's author (from the message, or the members list), or null. */
  departmentOf: (message: CommentMessageJson) => string | null;
}

/** The messages still shown with their text (deleted ones are placeholders). */
function live(thread: CommentThreadJson): CommentMessageJson[] {
  return thread.messages.filter((message) => !message.deleted);
}

/** True when the thread passes every filter. */
export function matchesFilters(
  thread: CommentThreadJson,
  filters: ThreadFilters,
  context: FilterContext,
): boolean {
  if (filters.status === 'open' && thread.resolved) return false;
  if (filters.status === 'resolved' && !thread.resolved) return false;
  if (filters.anchor && anchorKey(filters.anchor) !== anchorKey(thread.anchor)) return false;
  if (
    filters.mine &&
    thread.createdBy !== context.me &&
    !thread.messages.some((message) => message.authorId === context.me)
  ) {
    return false;
  }
  if (filters.mentioningMe && !live(thread).some((m) => m.mentions.includes(context.me))) {
    return false;
  }
  if (
    filters.department !== null &&
    !thread.messages.some((message) => context.departmentOf(message) === filters.department)
  ) {
    return false;
  }
  return true;
}

/** When anything last happened in a thread: its newest message, edit or resolution. */
export function lastActivity(thread: CommentThreadJson): string {
  let newest = thread.createdAt;
  for (const message of thread.messages) {
    if (message.createdAt > newest) newest = message.createdAt;
    if (message.editedAt && message.editedAt > newest) newest = message.editedAt;
  }
  if (thread.resolvedAt && thread.resolvedAt > newest) newest = thread.resolvedAt;
  return newest;
}

/** The threads that pass the filters, newest activity first (ties by id, for a stable list). */
export function filterThreads(
  threads: readonly CommentThreadJson[],
  filters: ThreadFilters,
  context: FilterContext,
): CommentThreadJson[] {
  return threads
    .filter((thread) => matchesFilters(thread, filters, context))
    .map((thread) => ({ thread, at: lastActivity(thread) }))
    .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.thread.id < b.thread.id ? -1 : 1))
    .map(({ thread }) => thread);
}

/**
 * My unread messages in a thread (the contract's rule): not deleted, not mine, written after the
 * time I had read it up to (all of them when I never read it).
 */
export function unreadCount(
  thread: CommentThreadJson,
  me: string,
  readUntil: string | undefined,
): number {
  const until = readUntil === undefined ? null : Date.parse(readUntil);
  return thread.messages.filter(
    (message) =>
      !message.deleted &&
      message.authorId !== me &&
      (until === null || Date.parse(message.createdAt) > until),
  ).length;
}

/** The time of a thread's newest message (what "read up to" marks), or null with none. */
export function newestMessageAt(thread: CommentThreadJson): string | null {
  let newest: string | null = null;
  for (const message of thread.messages) {
    if (newest === null || message.createdAt > newest) newest = message.createdAt;
  }
  return newest;
}

/** The number of open threads on each anchor, by `anchorKey` (for the bubbles on the board). */
export function openThreadCounts(threads: readonly CommentThreadJson[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    if (thread.resolved) continue;
    const key = anchorKey(thread.anchor);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
