import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { SessionStore } from '../storage/storage.ts';
import type { SessionRow } from '../storage/rows.ts';

function toSessionRow(row: Record<string, unknown>): SessionRow {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    secretHash: row.secret_hash as Uint8Array,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Session rows; the token logic lives in server/auth/sessions.ts. */
export class SessionRepository implements Synchronous<SessionStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Inserts a session. */
  insert(session: SessionRow): void {
    this.#db
      .prepare(
        'INSERT INTO sessions (id, user_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(session.id, session.userId, session.secretHash, session.createdAt, session.expiresAt);
  }

  /** One session by id, or null. */
  get(id: string): SessionRow | null {
    const row = this.#db.prepare('SELECT * FROM sessions WHERE id = ?').get(id);
    return row ? toSessionRow(row) : null;
  }

  /** Moves a session's expiry (sliding expiration). */
  setExpiry(id: string, expiresAt: number): void {
    this.#db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }

  /** Deletes one session. */
  delete(id: string): void {
    this.#db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  /** Deletes every session of a user; returns the deleted ids. */
  deleteAllOf(userId: string): string[] {
    return this.#db
      .prepare('DELETE FROM sessions WHERE user_id = ? RETURNING id')
      .all(userId)
      .map((row) => String(row.id));
  }

  /** Deletes expired sessions (housekeeping). */
  deleteExpired(now: number): void {
    this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }
}

export type { SessionRow };
