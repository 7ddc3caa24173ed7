import { newId, type MapId } from '../../../shared/ids.ts';
import {
  INTERNAL_ROLES_SQL,
  toAnchor,
  toInboxReason,
  type InboxRow,
  type MessageRow,
  type ThreadRow,
} from '../rows.ts';
import type { MessageWithMap, ThreadStore } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgThreadRow {
  id: string;
  map_id: string;
  anchor_kind: string;
  anchor_id: string | null;
  anchor_label: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  created_by: string | null;
  created_at: string;
}

interface PgMessageRow {
  id: string;
  thread_id: string;
  map_id: string;
  author_id: string | null;
  author_name: string | null;
  author_department: string | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  mentions: string[];
}

const MESSAGE_COLUMNS = `m.id, m.thread_id, m.author_id, u.name AS author_name,
  u.department AS author_department, m.body, m.created_at, m.edited_at, m.deleted_at, t.map_id,
  ARRAY(SELECT user_id FROM comment_mentions WHERE message_id = m.id ORDER BY position) AS mentions
  FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
  LEFT JOIN users u ON u.id = m.author_id`;

function toMessageRow(row: PgMessageRow): MessageWithMap {
  return {
    id: row.id,
    threadId: row.thread_id,
    mapId: row.map_id as MapId,
    authorId: row.author_id,
    authorName: row.author_name,
    authorDepartment: row.author_department,
    body: row.body,
    mentions: row.mentions,
    createdAt: Number(row.created_at),
    editedAt: row.edited_at == null ? null : Number(row.edited_at),
    deletedAt: row.deleted_at == null ? null : Number(row.deleted_at),
  };
}

function withoutMap({ mapId: _mapId, ...message }: MessageWithMap): MessageRow {
  return message;
}

function toThreadRow(row: PgThreadRow, messages: MessageRow[]): ThreadRow {
  return {
    id: row.id,
    mapId: row.map_id as MapId,
    anchor: toAnchor(row.anchor_kind, row.anchor_id),
    anchorLabel: row.anchor_label,
    resolved: row.resolved_at != null,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at == null ? null : Number(row.resolved_at),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    messages,
  };
}

async function setMentions(
  exec: Executor,
  messageId: string,
  mentions: readonly string[],
): Promise<void> {
  await exec.query('DELETE FROM comment_mentions WHERE message_id = $1', [messageId]);
  const unique = [...new Set(mentions)];
  if (unique.length === 0) return;
  await exec.query(
    `INSERT INTO comment_mentions (message_id, user_id, position)
     SELECT $1, user_id, position::integer - 1
     FROM unnest($2::text[]) WITH ORDINALITY AS m(user_id, position)`,
    [messageId, unique],
  );
}

async function messageById(exec: Executor, id: string): Promise<MessageWithMap | null> {
  const { rows } = await exec.query<PgMessageRow>(`SELECT ${MESSAGE_COLUMNS} WHERE m.id = $1`, [
    id,
  ]);
  return rows[0] ? toMessageRow(rows[0]) : null;
}

async function insertMessage(
  exec: Executor,
  input: { threadId: string; authorId: string; body: string; mentions: readonly string[] },
): Promise<MessageRow> {
  const id = newId();
  await exec.query(
    `INSERT INTO comment_messages (id, thread_id, author_id, body, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [id, input.threadId, input.authorId, input.body, Date.now()],
  );
  await setMentions(exec, id, input.mentions);
  const message = await messageById(exec, id);
  if (!message) throw new Error('the new message is gone');
  return withoutMap(message);
}

async function threadById(exec: Executor, id: string): Promise<ThreadRow | null> {
  const { rows } = await exec.query<PgThreadRow>('SELECT * FROM comment_threads WHERE id = $1', [
    id,
  ]);
  const row = rows[0];
  if (!row) return null;
  const messages = await exec.query<PgMessageRow>(
    `SELECT ${MESSAGE_COLUMNS} WHERE m.thread_id = $1 ORDER BY m.seq`,
    [id],
  );
  return toThreadRow(
    row,
    messages.rows.map((message) => withoutMap(toMessageRow(message))),
  );
}

interface PgInboxRow {
  id: string;
  reason: string;
  map_id: string;
  map_title: string;
  thread_id: string;
  anchor_kind: string;
  anchor_id: string | null;
  anchor_label: string | null;
  author_id: string | null;
  author_name: string | null;
  author_department: string | null;
  body: string;
  created_at: string;
  is_read: boolean;
}

const INBOX_COLUMNS = `m.id, picked.reason, t.map_id, mp.title AS map_title, t.id AS thread_id,
  t.anchor_kind, t.anchor_id, t.anchor_label, m.author_id, u.name AS author_name,
  u.department AS author_department, m.body, m.created_at,
  (r.read_until IS NOT NULL AND m.created_at <= r.read_until) AS is_read`;

/**
 * FROM and joins of a person's inbox (the person's id is $1): the messages that mention them
 * (through comment_mentions_by_user) or reply in a thread they opened (through
 * comment_threads_by_creator), each once, 'mention' winning ('mention' < 'reply'); live, by
 * someone else, in maps where they still hold an internal role; and `condition`.
 */
function inboxFrom(condition: string): string {
  return `FROM (
      SELECT id, MIN(reason) AS reason FROM (
        SELECT message_id AS id, 'mention' AS reason FROM comment_mentions WHERE user_id = $1
        UNION ALL
        SELECT m.id, 'reply' FROM comment_threads t
        JOIN comment_messages m ON m.thread_id = t.id WHERE t.created_by = $1
      ) AS mine GROUP BY id
    ) AS picked
    JOIN comment_messages m ON m.id = picked.id
    JOIN comment_threads t ON t.id = m.thread_id
    JOIN maps mp ON mp.id = t.map_id
    JOIN map_members mm ON mm.map_id = t.map_id AND mm.user_id = $1
      AND mm.role IN (${INTERNAL_ROLES_SQL})
    LEFT JOIN users u ON u.id = m.author_id
    LEFT JOIN comment_reads r ON r.thread_id = t.id AND r.user_id = mm.user_id
    WHERE m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM mm.user_id AND (${condition})`;
}

function toInboxRow(row: PgInboxRow): InboxRow {
  return {
    id: row.id,
    reason: toInboxReason(row.reason),
    mapId: row.map_id as MapId,
    mapTitle: row.map_title,
    threadId: row.thread_id,
    anchor: toAnchor(row.anchor_kind, row.anchor_id),
    anchorLabel: row.anchor_label,
    authorId: row.author_id,
    authorName: row.author_name,
    authorDepartment: row.author_department,
    body: row.body,
    createdAt: Number(row.created_at),
    read: row.is_read,
  };
}

/** Comment threads and their messages on PostgreSQL. */
export function postgresThreadStore(exec: Executor): ThreadStore {
  return {
    create: (input) =>
      exec.atomic(async (tx) => {
        const id = newId();
        await tx.query(
          `INSERT INTO comment_threads
             (id, map_id, anchor_kind, anchor_id, anchor_label, created_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            id,
            input.mapId,
            input.anchor.kind,
            input.anchor.id ?? null,
            input.anchorLabel ?? null,
            input.createdBy,
            Date.now(),
          ],
        );
        await insertMessage(tx, {
          threadId: id,
          authorId: input.createdBy,
          body: input.body,
          mentions: input.mentions,
        });
        const thread = await threadById(tx, id);
        if (!thread) throw new Error('the new thread is gone');
        return thread;
      }),

    get: (id) => threadById(exec, id),

    async list(mapId) {
      const messages = await exec.query<PgMessageRow>(
        `SELECT ${MESSAGE_COLUMNS} WHERE t.map_id = $1 ORDER BY m.seq`,
        [mapId],
      );
      const byThread = new Map<string, MessageRow[]>();
      for (const row of messages.rows) {
        const message = withoutMap(toMessageRow(row));
        const list = byThread.get(message.threadId) ?? [];
        list.push(message);
        byThread.set(message.threadId, list);
      }
      const { rows } = await exec.query<PgThreadRow>(
        'SELECT * FROM comment_threads WHERE map_id = $1 ORDER BY seq',
        [mapId],
      );
      return rows.map((row) => toThreadRow(row, byThread.get(row.id) ?? []));
    },

    addMessage: (input) => exec.atomic((tx) => insertMessage(tx, input)),

    message: (id) => messageById(exec, id),

    editMessage: (id, input) =>
      exec.atomic(async (tx) => {
        const result = await tx.query(
          `UPDATE comment_messages SET body = $1, edited_at = $2
           WHERE id = $3 AND deleted_at IS NULL`,
          [input.body, Date.now(), id],
        );
        if (result.rowCount === 1) await setMentions(tx, id, input.mentions);
      }),

    deleteMessage: (id) =>
      exec.atomic(async (tx) => {
        await tx.query(
          `UPDATE comment_messages SET body = '', deleted_at = $1
           WHERE id = $2 AND deleted_at IS NULL`,
          [Date.now(), id],
        );
        await setMentions(tx, id, []);
      }),

    async setResolved(id, resolved, by) {
      if (resolved) {
        await exec.query(
          `UPDATE comment_threads SET resolved_at = $1, resolved_by = $2
           WHERE id = $3 AND resolved_at IS NULL`,
          [Date.now(), by, id],
        );
      } else {
        await exec.query(
          'UPDATE comment_threads SET resolved_at = NULL, resolved_by = NULL WHERE id = $1',
          [id],
        );
      }
    },

    async delete(id) {
      await exec.query('DELETE FROM comment_threads WHERE id = $1', [id]);
    },

    async readsOf(mapId, userId) {
      const { rows } = await exec.query<{ thread_id: string; read_until: string }>(
        `SELECT r.thread_id, r.read_until FROM comment_reads r
         JOIN comment_threads t ON t.id = r.thread_id
         WHERE t.map_id = $1 AND r.user_id = $2`,
        [mapId, userId],
      );
      return new Map(rows.map((row) => [row.thread_id, Number(row.read_until)]));
    },

    async markRead(threadId, userId, until) {
      await exec.query(
        `INSERT INTO comment_reads (user_id, thread_id, read_until)
         SELECT $1, id, $2 FROM comment_threads WHERE id = $3
         ON CONFLICT (user_id, thread_id)
         DO UPDATE SET read_until = GREATEST(comment_reads.read_until, EXCLUDED.read_until)`,
        [userId, until, threadId],
      );
    },

    async unreadCounts(userId) {
      const { rows } = await exec.query<{ map_id: string; n: string }>(
        `SELECT t.map_id, COUNT(*) AS n
         FROM map_members mm
         JOIN comment_threads t ON t.map_id = mm.map_id
         JOIN comment_messages m ON m.thread_id = t.id
         LEFT JOIN comment_reads r ON r.thread_id = t.id AND r.user_id = mm.user_id
         WHERE mm.user_id = $1 AND mm.role IN (${INTERNAL_ROLES_SQL})
           AND m.deleted_at IS NULL
           AND m.author_id IS DISTINCT FROM mm.user_id
           AND (r.read_until IS NULL OR m.created_at > r.read_until)
         GROUP BY t.map_id`,
        [userId],
      );
      return new Map(rows.map((row) => [row.map_id as MapId, Number(row.n)]));
    },

    async inboxFor(userId, options) {
      const { rows } = await exec.query<PgInboxRow>(
        `SELECT ${INBOX_COLUMNS} ${inboxFrom('($2::bigint IS NULL OR m.created_at > $2)')}
         ORDER BY m.created_at DESC, m.seq DESC
         LIMIT $3`,
        [userId, options.after ?? null, options.limit],
      );
      return rows.map(toInboxRow);
    },

    async inboxUnread(userId) {
      const { rows } = await exec.query<{ n: string }>(
        `SELECT COUNT(*) AS n
         ${inboxFrom('r.read_until IS NULL OR m.created_at > r.read_until')}`,
        [userId],
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}
