import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { errorResponse } from './errors.ts';

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d+\.\d+\.\d+$/.test(plain);
}

/**
 * True when a request comes from this machine itself: a loopback socket and no forwarding header
 * (a reverse proxy on the same host connects from loopback on behalf of anyone, and says so).
 */
export function isLocalRequest(request: IncomingMessage): boolean {
  const forwarded =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !forwarded && isLoopbackAddress(request.socket.remoteAddress);
}

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Guards /metrics: with METRICS_TOKEN set, only `Authorization: Bearer <token>` (401 otherwise);
 * without it, only requests from this machine (403 otherwise).
 */
export function metricsAccess(token: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (token) {
      const header = c.req.header('authorization') ?? '';
      const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
      if (!sameSecret(given, token)) {
        c.header('WWW-Authenticate', 'Bearer');
        return errorResponse(
          c,
          401,
          'unauthenticated',
          'metrics: a valid bearer token is required',
        );
      }
      return next();
    }
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || !isLocalRequest(incoming)) {
      return errorResponse(
        c,
        403,
        'forbidden',
        'metrics are only served to this machine unless METRICS_TOKEN is set',
      );
    }
    return next();
  };
}
