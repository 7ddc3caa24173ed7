import { newId } from '../../shared/ids.ts';
import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { UserStore } from '../storage/storage.ts';
import type { UserRow, PublicUser } from '../storage/rows.ts';

function toUserRow(row: Record<string, unknown>): UserRow {
  return {
    id: String(row.id),
    email: row.email == null ? null : String(row.email),
    name: String(row.name),
    department: row.department == null ? null : String(row.department),
    passwordHash: row.password_hash == null ? null : String(row.password_hash),
    isGuest: Number(row.is_guest) === 1,
    createdAt: Number(row.created_at),
  };
}

/** The API view of a user. */
export function publicUser(user: UserRow): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    department: user.department,
    guest: user.isGuest,
  };
}

/** Accounts and guests. Emails are unique regardless of case. */
export class UserRepository implements Synchronous<UserStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Inserts a person with an account. */
  createAccount(input: {
    email: string;
    name: string;
    department: string;
    passwordHash: string;
  }): UserRow {
    const row: UserRow = {
      id: newId(),
      ...input,
      isGuest: false,
      createdAt: Date.now(),
    };
    this.#db
      .prepare(
        'INSERT INTO users (id, email, name, department, password_hash, is_guest, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
      )
      .run(row.id, row.email, row.name, row.department, row.passwordHash, row.createdAt);
    return row;
  }

  /** Inserts a guest: an invited customer with no email and no password. */
  createGuest(name: string): UserRow {
    const row: UserRow = {
      id: newId(),
      email: null,
      name,
      department: null,
      passwordHash: null,
      isGuest: true,
      createdAt: Date.now(),
    };
    this.#db
      .prepare('INSERT INTO users (id, name, is_guest, created_at) VALUES (?, ?, 1, ?)')
      .run(row.id, row.name, row.createdAt);
    return row;
  }

  /** One user by id, or null. */
  byId(id: string): UserRow | null {
    const row = this.#db.prepare('SELECT * FROM users WHERE id = ?').get(id);
    return row ? toUserRow(row) : null;
  }

  /** One user by email (case-insensitive), or null. */
  byEmail(email: string): UserRow | null {
    const row = this.#db.prepare('SELECT * FROM users WHERE email = ?').get(email);
    return row ? toUserRow(row) : null;
  }

  /** Number of people with an account (guests excluded). */
  countAccounts(): number {
    return Number(
      this.#db.prepare('SELECT COUNT(*) AS n FROM users WHERE is_guest = 0').get()?.n ?? 0,
    );
  }

  /** Replaces a user's password hash. */
  setPasswordHash(id: string, passwordHash: string): void {
    this.#db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }
}

export type { UserRow, PublicUser };
