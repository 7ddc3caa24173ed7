import type { SessionRepository, SessionRow } from '../db/sessions.ts';
import type { UserRepository, UserRow } from '../db/users.ts';
import { generateSecureRandomString, hashSecret, secretMatches } from './tokens.ts';

/** A session lives this long without use; every use within the second half extends it. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** However often it is used, a session ends this long after sign-in (SESSION_MAX_AGE_DAYS). */
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

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
  readonly #sessions: SessionRepository;
  readonly #users: UserRepository;
  readonly #now: () => number;
  readonly #absoluteLifetimeMs: number;
  #lastSweep = 0;

  constructor(
    sessions: SessionRepository,
    users: UserRepository,
    now: () => number = Date.now,
    absoluteLifetimeMs: number = SESSION_ABSOLUTE_LIFETIME_MS,
  ) {
    this.#sessions = sessions;
    this.#users = users;
    this.#now = now;
    this.#absoluteLifetimeMs = absoluteLifetimeMs;
  }

  /** Starts a session for a user (and, at most hourly, deletes sessions that have expired). */
  create(userId: string): NewSession {
    const id = generateSecureRandomString();
    const secret = generateSecureRandomString();
    const now = this.#now();
    if (now - this.#lastSweep > SWEEP_INTERVAL_MS) {
      this.#lastSweep = now;
      this.#sessions.deleteExpired(now);
    }
    const session: SessionRow = {
      id,
      userId,
      secretHash: hashSecret(secret),
      createdAt: now,
      expiresAt: now + Math.min(SESSION_LIFETIME_MS, this.#absoluteLifetimeMs),
    };
    this.#sessions.insert(session);
    return { token: `${id}.${secret}`, session };
  }

  /** The session and user a token belongs to, or null when malformed, unknown, wrong or expired. */
  validate(token: string): ValidSession | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.') || token.length > 128) return null;
    const id = token.slice(0, dot);
    const secret = token.slice(dot + 1);
    const session = this.#sessions.get(id);
    if (!session || !secretMatches(secret, session.secretHash)) return null;
    const now = this.#now();
    if (session.expiresAt <= now || now - session.createdAt >= this.#absoluteLifetimeMs) {
      this.#sessions.delete(id);
      return null;
    }
    const user = this.#users.byId(session.userId);
    if (!user) return null;
    let refreshed = false;
    const extended = Math.min(
      now + SESSION_LIFETIME_MS,
      session.createdAt + this.#absoluteLifetimeMs,
    );
    if (session.expiresAt - now < SESSION_LIFETIME_MS / 2 && extended > session.expiresAt) {
      session.expiresAt = extended;
      this.#sessions.setExpiry(id, session.expiresAt);
      refreshed = true;
    }
    return { session, user, refreshed };
  }

  /** Ends one session (logout). */
  invalidate(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  /** Ends every session of a user (password change); returns the ended session ids. */
  invalidateAll(userId: string): string[] {
    return this.#sessions.deleteAllOf(userId);
  }
}
