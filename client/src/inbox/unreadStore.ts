import { useSyncExternalStore } from 'react';
import { inboxApi } from './inboxApi.ts';

/**
 * My inbox's unread count, shared by the header badge and the inbox page: whoever reads the inbox
 * last publishes the count, so marking items read on the page updates the badge at once.
 */
let unread: number | null = null;
const listeners = new Set<() => void>();
// Answers can arrive out of order (a slow poll after a fresh mark-as-read): only the newest counts.
let latestRequest = 0;

/** Publishes a count just read from the server. */
export function publishInboxUnread(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const listener of listeners) listener();
}

/** Starts a fetch whose answer will be published, unless a newer one started meanwhile. */
export function beginInboxRequest(): () => boolean {
  const id = ++latestRequest;
  return () => id === latestRequest;
}

/** Reads the inbox again and publishes its unread count; failures keep the last known count. */
export async function refreshInboxUnread(): Promise<void> {
  const isLatest = beginInboxRequest();
  try {
    // `unread` counts the whole inbox whatever the limit: one item is enough for the badge.
    const inbox = await inboxApi.inbox(1);
    if (isLatest()) publishInboxUnread(inbox.unread);
  } catch {
    // Offline or a server hiccup: the badge keeps its count until the next refresh.
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The unread count of my inbox; null until it was first read. */
export function useInboxUnread(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => unread,
    () => null,
  );
}
