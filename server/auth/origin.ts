/** Whether a request comes from our own origin, from another one, or says nothing (non-browser). */
export type RequestOrigin = 'same' | 'cross' | 'absent';

/**
 * Classifies a request by its `Origin` header (compared with PUBLIC_URL's origin, or with the Host
 * header when PUBLIC_URL is unset) or, without one, by `Sec-Fetch-Site` (`same-origin` and `none`
 * are ours). Browsers send at least one of them on every state-changing request and on WebSocket
 * upgrades; a request with neither comes from a non-browser client.
 */
export function classifyOrigin(headers: Headers, publicUrl: string | undefined): RequestOrigin {
  const origin = headers.get('origin');
  if (origin !== null) return originMatches(origin, headers, publicUrl) ? 'same' : 'cross';
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none' ? 'same' : 'cross';
  return 'absent';
}

function originMatches(origin: string, headers: Headers, publicUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  if (publicUrl) return url.origin === new URL(publicUrl).origin;
  const host = headers.get('host');
  return host !== null && url.host === host.toLowerCase();
}

/** The origin links (invites) should point to: PUBLIC_URL, else the origin the request reached. */
export function publicOrigin(requestUrl: string, publicUrl: string | undefined): string {
  return new URL(publicUrl ?? requestUrl).origin;
}
