import type { MiddlewareHandler } from 'hono';

/** HSTS lifetime: one year, without includeSubDomains (sibling hosts of a deployment are not ours). */
export const HSTS_VALUE = 'max-age=31536000';

/** Referrer policy: no URL (invite links carry tokens) ever leaves in a Referer header. */
export const REFERRER_POLICY = 'no-referrer';

/** A bare `host[:port]` (DNS name, IPv4 or bracketed IPv6): nothing that could smuggle a directive. */
const HOST_PATTERN = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The WebSocket origins the collaboration socket (`/collab`, same host as the page) may use.
 * CSP `'self'` covers ws:/wss: to the same host only in CSP Level 3 browsers, so they are listed
 * explicitly: PUBLIC_URL's host with its matching scheme when set; otherwise the request's Host
 * with both schemes, since a TLS-terminating proxy may sit in front of a plain-HTTP server.
 */
export function socketOrigins(host: string | undefined, publicUrl: string | undefined): string[] {
  if (publicUrl) {
    const url = new URL(publicUrl);
    return [`${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`];
  }
  if (!host || !HOST_PATTERN.test(host)) return [];
  const bare = host.toLowerCase();
  return [`ws://${bare}`, `wss://${bare}`];
}

/**
 * The Content-Security-Policy: everything from our own origin only, no inline script or style
 * element, no plugins, no framing. Inline `style` attributes set through the CSSOM (React's `style`
 * prop, ProseMirror decorations, which write `style.cssText`) are not governed by CSP, so
 * `style-src` needs no `'unsafe-inline'`; Tiptap's injected <style> is turned off in the client
 * (`injectCSS: false`) and its rules live in styles.css.
 */
export function contentSecurityPolicy(socket: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    ['connect-src', "'self'", ...socket].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Sets the security headers on every response (HTML, API, assets, errors): CSP, nosniff,
 * Referrer-Policy, X-Frame-Options for browsers without `frame-ancestors`, and HSTS when
 * PUBLIC_URL is https (over plain HTTP the header is ignored, and would pin a wrong origin).
 */
export function securityHeaders(publicUrl: string | undefined): MiddlewareHandler {
  const hsts = publicUrl?.startsWith('https:') ?? false;
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    // A route may set a policy of its own for its response (the print export's is stricter:
    // no script or connection at all, only its inline <style>); every other response gets ours.
    if (!headers.has('Content-Security-Policy')) {
      headers.set(
        'Content-Security-Policy',
        contentSecurityPolicy(socketOrigins(c.req.header('host'), publicUrl)),
      );
    }
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', REFERRER_POLICY);
    if (!headers.has('X-Frame-Options')) headers.set('X-Frame-Options', 'DENY');
    if (hsts) headers.set('Strict-Transport-Security', HSTS_VALUE);
  };
}
