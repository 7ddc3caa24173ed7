import type { ThreadAnchor } from '../../../shared/comments.ts';
import { request } from '../api.ts';

/** Why a message is in my inbox: it mentions me, or it replies in a thread I started. */
export type InboxReason = 'mention' | 'reply';

/** One message of my inbox (`GET /api/me/inbox`). */
export interface InboxItem {
  /** The message id. */
  id: string;
  reason: InboxReason;
  mapId: string;
  mapTitle: string;
  threadId: string;
  anchor: ThreadAnchor;
  /** The anchor's plain-text label when the thread was created; absent for the whole map. */
  anchorLabel?: string;
  authorId: string | null;
  authorName: string;
  /** The author's department id (see `GET /api/departments`). */
  authorDepartment?: string;
  /** The first 280 characters of the message. */
  body: string;
  createdAt: string;
  read: boolean;
}

/** My inbox: newest first, and how many of its items I have not read. */
export interface Inbox {
  unread: number;
  items: InboxItem[];
}

/** How many items the inbox page shows (the server's default page). */
export const INBOX_LIMIT = 50;

/** The most items one request may ask for (the server's INBOX_MAX_LIMIT). */
export const INBOX_MAX_LIMIT = 200;

/** Calls of the inbox API (marking a thread read is `commentsApi.markRead`). */
export const inboxApi = {
  inbox: (limit: number = INBOX_LIMIT) => request<Inbox>('GET', `/api/me/inbox?limit=${limit}`),
};
