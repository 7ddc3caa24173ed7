import type { InboxItem } from './inboxApi.ts';

/**
 * The threads of the unread items no newer than `upTo` (when given), each with the time of its
 * newest such item: what "mark all as read" sends, one call per thread, so that a message that
 * arrived after the person looked at the list stays unread.
 */
export function unreadThreads(
  items: readonly InboxItem[],
  upTo?: string,
): { threadId: string; until: string }[] {
  const limit = upTo === undefined ? Infinity : Date.parse(upTo);
  const newest = new Map<string, string>();
  for (const item of items) {
    if (item.read || Date.parse(item.createdAt) > limit) continue;
    const known = newest.get(item.threadId);
    if (!known || Date.parse(item.createdAt) > Date.parse(known)) {
      newest.set(item.threadId, item.createdAt);
    }
  }
  return [...newest].map(([threadId, until]) => ({ threadId, until }));
}
