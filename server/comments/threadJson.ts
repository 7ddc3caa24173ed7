import type { CommentMessageJson, CommentThreadJson } from '../../shared/comments.ts';
import type { MessageRow, ThreadRow } from '../storage/rows.ts';

/** The name shown for an author whose account is gone. */
export const FORMER_MEMBER_NAME = 'Former member';

const iso = (ms: number) => new Date(ms).toISOString();

/** A stored message as the API and the mirror show it (deleted: a placeholder, no body). */
export function messageJson(row: MessageRow): CommentMessageJson {
  return {
    id: row.id,
    authorId: row.authorId,
    authorName: row.authorName ?? FORMER_MEMBER_NAME,
    ...(row.authorDepartment !== null ? { authorDepartment: row.authorDepartment } : {}),
    body: row.deletedAt === null ? row.body : '',
    mentions: row.deletedAt === null ? row.mentions : [],
    createdAt: iso(row.createdAt),
    ...(row.editedAt !== null && row.deletedAt === null ? { editedAt: iso(row.editedAt) } : {}),
    ...(row.deletedAt !== null ? { deleted: true as const } : {}),
  };
}

/** A stored thread as `GET /api/maps/:id/threads` lists it and the mirror holds it. */
export function threadJson(row: ThreadRow): CommentThreadJson {
  return {
    id: row.id,
    anchor: row.anchor.id === undefined ? { kind: row.anchor.kind } : { ...row.anchor },
    ...(row.anchorLabel !== null ? { anchorLabel: row.anchorLabel } : {}),
    resolved: row.resolved,
    ...(row.resolvedBy !== null ? { resolvedBy: row.resolvedBy } : {}),
    ...(row.resolvedAt !== null ? { resolvedAt: iso(row.resolvedAt) } : {}),
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt),
    messages: row.messages.map(messageJson),
  };
}
