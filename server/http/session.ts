import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { secureCookies, type AuthServices } from '../auth/authServices.ts';
import { classifyOrigin } from '../auth/origin.ts';
import { clientAddress } from '../collab/guards/clientAddress.ts';
import {
  bearerToken,
  SESSION_COOKIE,
  sessionTokenFromCookieHeader,
} from '../auth/sessionCookie.ts';
import type { NewSession } from '../auth/sessions.ts';
import type { AppEnv, AuthState } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie into c.var.auth,
 * and hands browsers a refreshed cookie when the sliding expiry moved.
 */
export function sessionMiddleware(auth: AuthServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = bearerToken(c.req.header('authorization') ?? null);
    const cookie = sessionTokenFromCookieHeader(c.req.header('cookie') ?? null);
    const token = bearer ?? cookie;
    const valid = token ? await auth.sessions.validate(token) : null;
    const state: AuthState | null = valid
      ? { user: valid.user, session: valid.session, via: bearer ? 'bearer' : 'cookie' }
      : null;
    c.set('auth', state);
    if (valid?.refreshed && state?.via === 'cookie' && token) {
      setSessionCookie(c, auth, { token, session: valid.session });
    }
    await next();
  };
}

/**
 * Refuses state-changing requests that are not same-origin (CSRF): the Origin header must be ours,
 * or, without Origin, Sec-Fetch-Site must be same-origin/none. A request with neither header is
 * a non-browser client and is let through only when it authenticated with a bearer token, which
 * a browser never attaches on its own.
 */
export function sameOriginMiddleware(auth: AuthServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const origin = classifyOrigin(c.req.raw.headers, auth.publicUrl);
    const allowed = origin === 'same' || (origin === 'absent' && c.var.auth?.via === 'bearer');
    if (!allowed) {
      return errorResponse(
        c,
        403,
        'cross_origin',
        origin === 'cross'
          ? 'cross-origin request refused: state-changing requests must come from this site'
          : 'request refused: send an Origin header, or authenticate with Authorization: Bearer <token>',
      );
    }
    return next();
  };
}

/** The caller, or a 401 when not signed in. */
export function requireAuth(c: Context<AppEnv>): AuthState {
  const state = c.var.auth;
  if (!state) throw new ApiError(401, 'unauthenticated', 'sign in to continue');
  return state;
}

/** The caller, who must have a real account (guests, i.e. invited customers, get 403). */
export function requireAccount(c: Context<AppEnv>): AuthState {
  const state = requireAuth(c);
  if (state.user.isGuest) {
    throw new ApiError(403, 'guest_forbidden', 'guests cannot do this: create an account first');
  }
  return state;
}

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https). */
export function setSessionCookie(
  c: Context,
  auth: AuthServices,
  { token, session }: NewSession,
): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(auth),
    expires: new Date(session.expiresAt),
  });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(c: Context, auth: AuthServices): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(auth), httpOnly: true });
}

/**
 * The key failed logins are counted under per client: the socket's address (IPv6 by /64), or the
 * last X-Forwarded-For hop when TRUST_PROXY is set, as the collaboration rate limits do.
 */
export function clientIp(c: Context, auth: Pick<AuthServices, 'trustProxy'>): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming ? clientAddress(incoming, auth.trustProxy) : 'unknown';
}
