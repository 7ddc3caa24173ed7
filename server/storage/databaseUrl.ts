import { redact } from '../cluster/redisUrl.ts';

/**
 * DATABASE_URL: `postgres://user:password@host:port/database` (or `postgresql://`). Set, the
 * server stores everything in PostgreSQL (server/storage/postgres/) and several instances may
 * share it; unset means the embedded SQLite file under DATA_DIR.
 */
export function readDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got "${redact(raw)}"`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got "${redact(raw)}"`);
  }
  return url.toString();
}
