import { newId, type MapId } from '../../shared/ids.ts';
import type { ThreadAnchor } from '../../shared/comments.ts';
import { inTransaction, type Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { MessageWithMap, ThreadStore } from '../storage/storage.ts';
import {
  INTERNAL_ROLES_SQL,
  toAnchor,
  toInboxReason,
  type InboxRow,
  type MessageRow,
  type ThreadRow,
} from '../storage/rows.ts';

const MESSAGE_COLUMNS = `m.id, m.thread_id, m.author_id, u.name AS author_name,
  u.department AS author_department, m.body, m.created_at, m.edited_at, m.deleted_at, t.map_id,
  (SELECT json_group_array(user_id) FROM
     (SELECT user_id FROM comment_mentions WHERE message_id = m.id ORDER BY position)) AS mentions
  FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
  LEFT JOIN users u ON u.id = m.author_id`;

function toMessageRow(row: Record<string, unknown>): MessageWithMap {
  return {
    id: String(row.id),
    threadId: String(row.thread_id),
    mapId: String(row.map_id) as MapId,
    authorId: row.author_id == null ? null : String(row.author_id),
    authorName: row.author_name == null ? null : String(row.author_name),
    authorDepartment: row.author_department == null ? null : String(row.author_department),
    body: String(row.body),
    mentions: (JSON.parse(String(row.mentions ?? '[]')) as unknown[]).map(String),
    createdAt: Number(row.created_at),
    editedAt: row.edited_at == null ? null : Number(row.edited_at),
    deletedAt: row.deleted_at == null ? null : Number(row.deleted_at),
  };
}

function withoutMap({ mapId: _mapId, ...message }: MessageWithMap): MessageRow {
  return message;
}

function toThreadRow(row: Record<string, unknown>, messages: MessageRow[]): ThreadRow {
  return {
    id: String(row.id),
    mapId: String(row.map_id) as MapId,
    anchor: toAnchor(row.anchor_kind, row.anchor_id),
    anchorLabel: row.anchor_label == null ? null : String(row.anchor_label),
    resolved: row.resolved_at != null,
    resolvedBy: row.resolved_by == null ? null : String(row.resolved_by),
    resolvedAt: row.resolved_at == null ? null : Number(row.resolved_at),
    createdBy: row.created_by == null ? null : String(row.created_by),
    createdAt: Number(row.created_at),
    messages,
  };
}

const INBOX_COLUMNS = `m.id, picked.reason, t.map_id, mp.title AS map_title, t.id AS thread_id,
  t.anchor_kind, t.anchor_id, t.anchor_label, m.author_id, u.name AS author_name,
  u.department AS author_department, m.body, m.created_at,
  (r.read_until IS NOT NULL AND m.created_at <= r.read_until) AS is_read`;

/**
 * FROM and joins of a person's inbox (the person's id bound three times): the messages that
 * mention them (through comment_mentions_by_user) or reply in a thread they opened (through
 * comment_threads_by_creator), each once, 'mention' winning ('mention' < 'reply'); live, by
 * someone else, in maps where they still hold an internal role; and `condition`.
 */
function inboxFrom(condition: string): string {
  return `FROM (
      SELECT id, MIN(reason) AS reason FROM (
        SELECT message_id AS id, 'mention' AS reason FROM comment_mentions WHERE user_id = ?
        UNION ALL
        SELECT m.id, 'reply' FROM comment_threads t
        JOIN comment_messages m ON m.thread_id = t.id WHERE t.created_by = ?
      ) GROUP BY id
    ) picked
    JOIN comment_messages m ON m.id = picked.id
    JOIN comment_threads t ON t.id = m.thread_id
    JOIN maps mp ON mp.id = t.map_id
    JOIN map_members mm ON mm.map_id = t.map_id AND mm.user_id = ?
      AND mm.role IN (${INTERNAL_ROLES_SQL})
    LEFT JOIN users u ON u.id = m.author_id
    LEFT JOIN comment_reads r ON r.thread_id = t.id AND r.user_id = mm.user_id
    WHERE m.deleted_at IS NULL AND m.author_id IS NOT mm.user_id AND (${condition})`;
}

function toInboxRow(row: Record<string, unknown>): InboxRow {
  return {
    id: String(row.id),
    reason: toInboxReason(row.reason),
    mapId: String(row.map_id) as MapId,
    mapTitle: String(row.map_title),
    threadId: String(row.thread_id),
    anchor: toAnchor(row.anchor_kind, row.anchor_id),
    anchorLabel: row.anchor_label == null ? null : String(row.anchor_label),
    authorId: row.author_id == null ? null : String(row.author_id),
    authorName: row.author_name == null ? null : String(row.author_name),
    authorDepartment: row.author_department == null ? null : String(row.author_department),
    body: String(row.body),
    createdAt: Number(row.created_at),
    read: Number(row.is_read) === 1,
  };
}

/** Comment threads and their messages on SQLite. */
export class ThreadRepository implements Synchronous<ThreadStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Creates a thread with its first message, atomically. */
  create(input: {
    mapId: MapId;
    anchor: ThreadAnchor;
    anchorLabel?: string | null;
    createdBy: string;
    body: string;
    mentions: readonly string[];
  }): ThreadRow {
    return inTransaction(this.#db, () => {
      const id = newId();
      this.#db
        .prepare(
          `INSERT INTO comment_threads
             (id, map_id, anchor_kind, anchor_id, anchor_label, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.mapId,
          input.anchor.kind,
          input.anchor.id ?? null,
          input.anchorLabel ?? null,
          input.createdBy,
          Date.now(),
        );
      this.addMessage({
        threadId: id,
        authorId: input.createdBy,
        body: input.body,
        mentions: input.mentions,
      });
      const thread = this.get(id);
      if (!thread) throw new Error('the new thread is gone');
      return thread;
    });
  }

  /** One thread with its messages, or null. */
  get(id: string): ThreadRow | null {
    const row = this.#db.prepare('SELECT * FROM comment_threads WHERE id = ?').get(id);
    if (!row) return null;
    const messages = this.#db
      .prepare(`SELECT ${MESSAGE_COLUMNS} WHERE m.thread_id = ? ORDER BY m.seq`)
      .all(id)
      .map((message) => withoutMap(toMessageRow(message)));
    return toThreadRow(row, messages);
  }

  /** Every thread of a map with its messages, oldest thread first. */
  list(mapId: MapId): ThreadRow[] {
    const byThread = new Map<string, MessageRow[]>();
    for (const row of this.#db
      .prepare(`SELECT ${MESSAGE_COLUMNS} WHERE t.map_id = ? ORDER BY m.seq`)
      .all(mapId)) {
      const message = withoutMap(toMessageRow(row));
      const list = byThread.get(message.threadId) ?? [];
      list.push(message);
      byThread.set(message.threadId, list);
    }
    return this.#db
      .prepare('SELECT * FROM comment_threads WHERE map_id = ? ORDER BY seq')
      .all(mapId)
      .map((row) => toThreadRow(row, byThread.get(String(row.id)) ?? []));
  }

  /** Appends a message to a thread. */
  addMessage(input: {
    threadId: string;
    authorId: string;
    body: string;
    mentions: readonly string[];
  }): MessageRow {
    return inTransaction(this.#db, () => {
      const id = newId();
      this.#db
        .prepare(
          `INSERT INTO comment_messages (id, thread_id, author_id, body, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(id, input.threadId, input.authorId, input.body, Date.now());
      this.#setMentions(id, input.mentions);
      const message = this.message(id);
      if (!message) throw new Error('the new message is gone');
      return withoutMap(message);
    });
  }

  /** One message with its thread's map, or null. */
  message(id: string): MessageWithMap | null {
    const row = this.#db.prepare(`SELECT ${MESSAGE_COLUMNS} WHERE m.id = ?`).get(id);
    return row ? toMessageRow(row) : null;
  }

  /** Replaces a live message's body and mentions and marks it edited now. */
  editMessage(id: string, input: { body: string; mentions: readonly string[] }): void {
    inTransaction(this.#db, () => {
      const result = this.#db
        .prepare(
          'UPDATE comment_messages SET body = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL',
        )
        .run(input.body, Date.now(), id);
      if (Number(result.changes) === 1) this.#setMentions(id, input.mentions);
    });
  }

  /** Marks a message deleted now, erasing its body and mentions. */
  deleteMessage(id: string): void {
    inTransaction(this.#db, () => {
      this.#db
        .prepare(
          `UPDATE comment_messages SET body = '', deleted_at = ?
           WHERE id = ? AND deleted_at IS NULL`,
        )
        .run(Date.now(), id);
      this.#setMentions(id, []);
    });
  }

  /** Resolves (by `by`, now) or reopens a thread. */
  setResolved(id: string, resolved: boolean, by: string): void {
    if (resolved) {
      this.#db
        .prepare(
          `UPDATE comment_threads SET resolved_at = ?, resolved_by = ?
           WHERE id = ? AND resolved_at IS NULL`,
        )
        .run(Date.now(), by, id);
    } else {
      this.#db
        .prepare('UPDATE comment_threads SET resolved_at = NULL, resolved_by = NULL WHERE id = ?')
        .run(id);
    }
  }

  /** Deletes a thread and its messages. */
  delete(id: string): void {
    this.#db.prepare('DELETE FROM comment_threads WHERE id = ?').run(id);
  }

  /** Thread id -> how far the person has read it, for the threads of a map they have read. */
  readsOf(mapId: MapId, userId: string): Map<string, number> {
    const rows = this.#db
      .prepare(
        `SELECT r.thread_id, r.read_until FROM comment_reads r
         JOIN comment_threads t ON t.id = r.thread_id
         WHERE t.map_id = ? AND r.user_id = ?`,
      )
      .all(mapId, userId);
    return new Map(rows.map((row) => [String(row.thread_id), Number(row.read_until)]));
  }

  /** Marks a thread read up to `until`, never backwards; nothing when the thread is gone. */
  markRead(threadId: string, userId: string, until: number): void {
    this.#db
      .prepare(
        `INSERT INTO comment_reads (user_id, thread_id, read_until)
         SELECT ?, id, ? FROM comment_threads WHERE id = ?
         ON CONFLICT (user_id, thread_id)
         DO UPDATE SET read_until = MAX(read_until, excluded.read_until)`,
      )
      .run(userId, until, threadId);
  }

  /** Map id -> unread messages, for the maps where the person holds an internal role. */
  unreadCounts(userId: string): Map<MapId, number> {
    const rows = this.#db
      .prepare(
        `SELECT t.map_id, COUNT(*) AS n
         FROM map_members mm
         JOIN comment_threads t ON t.map_id = mm.map_id
         JOIN comment_messages m ON m.thread_id = t.id
         LEFT JOIN comment_reads r ON r.thread_id = t.id AND r.user_id = mm.user_id
         WHERE mm.user_id = ? AND mm.role IN (${INTERNAL_ROLES_SQL})
           AND m.deleted_at IS NULL
           AND m.author_id IS NOT mm.user_id
           AND (r.read_until IS NULL OR m.created_at > r.read_until)
         GROUP BY t.map_id`,
      )
      .all(userId);
    return new Map(rows.map((row) => [String(row.map_id) as MapId, Number(row.n)]));
  }

  /** The person's inbox, newest first (see ThreadStore.inboxFor). */
  inboxFor(userId: string, options: { after?: number; limit: number }): InboxRow[] {
    return this.#db
      .prepare(
        `SELECT ${INBOX_COLUMNS} ${inboxFrom('m.created_at > ?')}
         ORDER BY m.created_at DESC, m.seq DESC
         LIMIT ?`,
      )
      .all(userId, userId, userId, options.after ?? -1, options.limit)
      .map(toInboxRow);
  }

  /** How many messages of the person's whole inbox they have not read. */
  inboxUnread(userId: string): number {
    const row = this.#db
      .prepare(
        `SELECT COUNT(*) AS n
         ${inboxFrom('r.read_until IS NULL OR m.created_at > r.read_until')}`,
      )
      .get(userId, userId, userId);
    return Number(row?.n ?? 0);
  }

  #setMentions(messageId: string, mentions: readonly string[]): void {
    this.#db.prepare('DELETE FROM comment_mentions WHERE message_id = ?').run(messageId);
    const insert = this.#db.prepare(
      'INSERT INTO comment_mentions (message_id, user_id, position) VALUES (?, ?, ?)',
    );
    [...new Set(mentions)].forEach((userId, position) => insert.run(messageId, userId, position));
  }
}
