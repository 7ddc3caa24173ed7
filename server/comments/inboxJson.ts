import type { ThreadAnchor } from '../../shared/comments.ts';
import type { MapId } from '../../shared/ids.ts';
import type { InboxReason, InboxRow } from '../storage/rows.ts';
import { firstChars } from './anchorLabel.ts';
import { FORMER_MEMBER_NAME } from './threadJson.ts';

/** How much of a message body an inbox item shows, in characters. */
export const INBOX_BODY_CHARS = 280;

/** One item of `GET /api/me/inbox` (times are ISO 8601 strings). */
export interface InboxItemJson {
  /** The message id. */
  id: string;
  reason: InboxReason;
  mapId: MapId;
  mapTitle: string;
  threadId: string;
  anchor: ThreadAnchor;
  anchorLabel?: string;
  authorId: string | null;
  authorName: string;
  authorDepartment?: string;
  /** The first INBOX_BODY_CHARS characters of the message. */
  body: string;
  createdAt: string;
  read: boolean;
}

/** A stored inbox row as the API shows it. */
export function inboxItemJson(row: InboxRow): InboxItemJson {
  return {
    id: row.id,
    reason: row.reason,
    mapId: row.mapId,
    mapTitle: row.mapTitle,
    threadId: row.threadId,
    anchor: row.anchor.id === undefined ? { kind: row.anchor.kind } : { ...row.anchor },
    ...(row.anchorLabel !== null ? { anchorLabel: row.anchorLabel } : {}),
    authorId: row.authorId,
    authorName: row.authorName ?? FORMER_MEMBER_NAME,
    ...(row.authorDepartment !== null ? { authorDepartment: row.authorDepartment } : {}),
    body: firstChars(row.body, INBOX_BODY_CHARS),
    createdAt: new Date(row.createdAt).toISOString(),
    read: row.read,
  };
}
