import type { SessionRow, UserRow } from '../storage/rows.ts';

/** Who is calling, resolved once per request by the session middleware. */
export interface AuthState {
  user: UserRow;
  session: SessionRow;
  /** How the token arrived: browsers use the cookie, other clients a bearer header. */
  via: 'cookie' | 'bearer';
}

/** The Hono environment of every API route. */
export interface AppEnv {
  Variables: {
    /** Null for anonymous requests (and for invalid or expired tokens). */
    auth: AuthState | null;
  };
}
