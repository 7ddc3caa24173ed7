import { newId, type MapId } from '../../shared/ids.ts';
import type { ThreadAnchor } from '../../shared/comments.ts';
import { inTransaction, type Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { MessageWithMap, ThreadStore } from '../storage/storage.ts';
import { toAnchor, type MessageRow, type ThreadRow } from '../storage/rows.ts';

const MESSAGE_COLUMNS = `m.id, m.thread_id, m.author_id, u.name AS author_name, m.body, m.created_at,
  m.edited_at, m.deleted_at, t.map_id,
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
    resolved: row.resolved_at != null,
    resolvedBy: row.resolved_by == null ? null : String(row.resolved_by),
    resolvedAt: row.resolved_at == null ? null : Number(row.resolved_at),
    createdBy: row.created_by == null ? null : String(row.created_by),
    createdAt: Number(row.created_at),
    messages,
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
    createdBy: string;
    body: string;
    mentions: readonly string[];
  }): ThreadRow {
    return inTransaction(this.#db, () => {
      const id = newId();
      this.#db
        .prepare(
          `INSERT INTO comment_threads (id, map_id, anchor_kind, anchor_id, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.mapId,
          input.anchor.kind,
          input.anchor.id ?? null,
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

  #setMentions(messageId: string, mentions: readonly string[]): void {
    this.#db.prepare('DELETE FROM comment_mentions WHERE message_id = ?').run(messageId);
    const insert = this.#db.prepare(
      'INSERT INTO comment_mentions (message_id, user_id, position) VALUES (?, ?, ?)',
    );
    [...new Set(mentions)].forEach((userId, position) => insert.run(messageId, userId, position));
  }
}
