import type { InboxItem } from './inboxApi.ts';

/**
 * The threads of the unread items, each with the time of its newest unread item listed: what
 * "mark all as read" sends, one call per thread, up to what the person actually saw in the list.
 */
export function unreadThreads(items: readonly InboxItem[]): { threadId: string; until: string }[] {
  const newest = new Map<string, string>();
  for (const item of items) {
    if (item.read) continue;
    const known = newest.get(item.threadId);
    if (!known || Date.parse(item.createdAt) > Date.parse(known)) {
      newest.set(item.threadId, item.createdAt);
    }
  }
  return [...newest].map(([threadId, until]) => ({ threadId, until }));
}
