import type { SessionRow } from '../rows.ts';
import type { SessionStore } from '../storage.ts';
import { toBytes } from './documentLog.ts';
import type { Executor } from './executor.ts';

interface PgSessionRow {
  id: string;
  user_id: string;
  secret_hash: Uint8Array;
  created_at: string;
  expires_at: string;
}

function toSessionRow(row: PgSessionRow): SessionRow {
  return {
    id: row.id,
    userId: row.user_id,
    secretHash: toBytes(row.secret_hash),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Session rows on PostgreSQL. */
export function postgresSessionStore(exec: Executor): SessionStore {
  return {
    async insert(session) {
      await exec.query(
        `INSERT INTO sessions (id, user_id, secret_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [session.id, session.userId, session.secretHash, session.createdAt, session.expiresAt],
      );
    },

    async get(id) {
      const { rows } = await exec.query<PgSessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
      return rows[0] ? toSessionRow(rows[0]) : null;
    },

    async setExpiry(id, expiresAt) {
      await exec.query('UPDATE sessions SET expires_at = $1 WHERE id = $2', [expiresAt, id]);
    },

    async delete(id) {
      await exec.query('DELETE FROM sessions WHERE id = $1', [id]);
    },

    async deleteAllOf(userId) {
      const { rows } = await exec.query<{ id: string }>(
        'DELETE FROM sessions WHERE user_id = $1 RETURNING id',
        [userId],
      );
      return rows.map((row) => row.id);
    },

    async deleteExpired(now) {
      await exec.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    },
  };
}
