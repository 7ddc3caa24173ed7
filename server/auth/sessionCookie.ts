import { parse } from 'hono/utils/cookie';

/** Name of the session cookie (HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https). */
export const SESSION_COOKIE = 'recorrido_session';

/** The session token in a Cookie header, or null. Used for HTTP requests and WebSocket upgrades. */
export function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  return parse(header, SESSION_COOKIE)[SESSION_COOKIE] ?? null;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
