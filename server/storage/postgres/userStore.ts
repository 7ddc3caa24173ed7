import { newId } from '../../../shared/ids.ts';
import type { UserRow } from '../rows.ts';
import type { UserStore } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgUserRow {
  id: string;
  email: string | null;
  name: string;
  department: string | null;
  password_hash: string | null;
  is_guest: boolean;
  created_at: string;
}

function toUserRow(row: PgUserRow): UserRow {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    department: row.department,
    passwordHash: row.password_hash,
    isGuest: row.is_guest,
    createdAt: Number(row.created_at),
  };
}

/**
 * Accounts and guests on PostgreSQL. Emails are unique regardless of case (a unique index on
 * lower(email)); a second account with the same email rejects with UniqueViolationError.
 */
export function postgresUserStore(exec: Executor): UserStore {
  return {
    async createAccount(input) {
      const row: UserRow = { id: newId(), ...input, isGuest: false, createdAt: Date.now() };
      await exec.query(
        `INSERT INTO users (id, email, name, department, password_hash, is_guest, created_at)
         VALUES ($1, $2, $3, $4, $5, false, $6)`,
        [row.id, row.email, row.name, row.department, row.passwordHash, row.createdAt],
      );
      return row;
    },

    async createGuest(name) {
      const row: UserRow = {
        id: newId(),
        email: null,
        name,
        department: null,
        passwordHash: null,
        isGuest: true,
        createdAt: Date.now(),
      };
      await exec.query(
        'INSERT INTO users (id, name, is_guest, created_at) VALUES ($1, $2, true, $3)',
        [row.id, row.name, row.createdAt],
      );
      return row;
    },

    async byId(id) {
      const { rows } = await exec.query<PgUserRow>('SELECT * FROM users WHERE id = $1', [id]);
      return rows[0] ? toUserRow(rows[0]) : null;
    },

    async byEmail(email) {
      const { rows } = await exec.query<PgUserRow>(
        'SELECT * FROM users WHERE lower(email) = lower($1)',
        [email],
      );
      return rows[0] ? toUserRow(rows[0]) : null;
    },

    async countAccounts() {
      const { rows } = await exec.query<{ n: string }>(
        'SELECT COUNT(*) AS n FROM users WHERE NOT is_guest',
      );
      return Number(rows[0]?.n ?? 0);
    },

    async setPasswordHash(id, passwordHash) {
      await exec.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, id]);
    },
  };
}
