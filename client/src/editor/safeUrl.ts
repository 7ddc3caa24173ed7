/** Link schemes a card may point to; anything else (javascript:, data:, file:...) is refused. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * The URL to store for what a person typed as a link target, or null when it is not a safe
 * link. A bare host such as `bank.example/help` becomes `https://bank.example/help`.
 */
export function safeLinkUrl(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return null;
  // Control characters and whitespace inside a URL are how scheme filters get bypassed
  // ("java\tscript:"), so a URL holding any is refused outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(trimmed)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  const candidate = hasScheme ? trimmed : `https://${trimmed.replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname.includes('.')) {
    if (url.hostname !== 'localhost') return null;
  }
  return hasScheme ? trimmed : url.href;
}

/** True when `href` may be rendered as a link (already stored, e.g. from a colleague). */
export function isSafeHref(href: unknown): href is string {
  return typeof href === 'string' && safeLinkUrl(href) === href;
}
