import type { SessionRow, UserRow } from '../storage/rows.ts';
import type { StorageStores } from '../storage/storage.ts';
import { generateSecureRandomString, hashSecret, secretMatches } from './tokens.ts';

/** A session lives this long without use; every use within the second half extends it. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** However often it is used, a session ends this long after sign-in (SESSION_MAX_AGE_DAYS). */
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** The stores sessions are kept in (the storage's, or a transaction's). */
export type SessionStores = Pick<StorageStores, 'sessions' | 'users'>;

/** A freshly created session and the token to hand to the client (shown once, never stored). */
export interface NewSession {
  token: string;
  session: SessionRow;
}

/** The outcome of validating a token. */
export interface ValidSession {
  session: SessionRow;
  user: UserRow;
  /** True when the expiry moved forward: browsers should receive a refreshed cookie. */
  refreshed: boolean;
}

/**
 * Lucia-style sessions (lucia-auth.com): the token is `<id>.<secret>`, both random; only
 * SHA-256(secret) is stored and compared in constant time, so a database leak yields no usable
 * token. Expiry slides: a session used when less than half of its lifetime remains is extended,
 * but never beyond its absolute lifetime counted from its creation.
 */
export class SessionManager {
  readonly #stores: SessionStores;
  readonly #now: () => number;
  readonly #absoluteLifetimeMs: number;
  readonly #sweep: { last: number };

  constructor(
    stores: SessionStores,
    now: () => number = Date.now,
    absoluteLifetimeMs: number = SESSION_ABSOLUTE_LIFETIME_MS,
    sweep: { last: number } = { last: 0 },
  ) {
    this.#stores = stores;
    this.#now = now;
    this.#absoluteLifetimeMs = absoluteLifetimeMs;
    this.#sweep = sweep;
  }

  /** The same manager working through other stores, e.g. a transaction's (`storage.transaction`). */
  using(stores: SessionStores): SessionManager {
    return new SessionManager(stores, this.#now, this.#absoluteLifetimeMs, this.#sweep);
  }

  /** Starts a session for a user (and, at most hourly, deletes sessions that have expired). */
  async create(userId: string): Promise<NewSession> {
    const id = generateSecureRandomString();
    const secret = generateSecureRandomString();
    const now = this.#now();
    if (now - this.#sweep.last > SWEEP_INTERVAL_MS) {
      this.#sweep.last = now;
      await this.#stores.sessions.deleteExpired(now);
    }
    const session: SessionRow = {
      id,
      userId,
      secretHash: hashSecret(secret),
      createdAt: now,
      expiresAt: now + Math.min(SESSION_LIFETIME_MS, this.#absoluteLifetimeMs),
    };
    await this.#stores.sessions.insert(session);
    return { token: `${id}.${secret}`, session };
  }

  /** The session and user a token belongs to, or null when malformed, unknown, wrong or expired. */
  async validate(token: string): Promise<ValidSession | null> {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.') || token.length > 128) return null;
    const id = token.slice(0, dot);
    const secret = token.slice(dot + 1);
    const session = await this.#stores.sessions.get(id);
    if (!session || !secretMatches(secret, session.secretHash)) return null;
    const now = this.#now();
    if (session.expiresAt <= now || now - session.createdAt >= this.#absoluteLifetimeMs) {
      await this.#stores.sessions.delete(id);
      return null;
    }
    const user = await this.#stores.users.byId(session.userId);
    if (!user) return null;
    let refreshed = false;
    const extended = Math.min(
      now + SESSION_LIFETIME_MS,
      session.createdAt + this.#absoluteLifetimeMs,
    );
    if (session.expiresAt - now < SESSION_LIFETIME_MS / 2 && extended > session.expiresAt) {
      session.expiresAt = extended;
      await this.#stores.sessions.setExpiry(id, session.expiresAt);
      refreshed = true;
    }
    return { session, user, refreshed };
  }

  /** Ends one session (logout). */
  async invalidate(sessionId: string): Promise<void> {
    await this.#stores.sessions.delete(sessionId);
  }

  /** Ends every session of a user (password change); returns the ended session ids. */
  invalidateAll(userId: string): Promise<string[]> {
    return this.#stores.sessions.deleteAllOf(userId);
  }
}
