/**
 * REDIS_URL: `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS). Set, it switches on
 * multi-instance mode; unset means one instance with in-memory limiters and local-only closes.
 */
export function readRedisUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${redact(raw)}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${redact(raw)}"`);
  }
  return url.toString();
}

/** The URL without its password, for logs and error messages. */
export function redact(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable)';
  }
}
