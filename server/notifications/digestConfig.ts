import { redact } from '../cluster/redisUrl.ts';

/** Email digest settings (SMTP_URL, MAIL_FROM, DIGEST_INTERVAL_SECONDS); see README.md here. */
export interface DigestConfig {
  /** `smtp://[user:password@]host[:port]` or `smtps://` (TLS from the first byte). */
  smtpUrl: string;
  /** The From header: `Name <address>` or a bare address. */
  from: string;
  /** Time between two digest runs, hence the shortest gap between two mails to one person. */
  intervalMs: number;
  /**
   * How old a message must be before a run mails it: a message's time is taken before its
   * transaction commits, so a younger one might still be invisible and be skipped for good.
   * Default 5 s; tests shrink it.
   */
  settleMs?: number;
}

/** The default From header. */
export const DEFAULT_MAIL_FROM = 'Recorrido <no-reply@localhost>';
/** The default DIGEST_INTERVAL_SECONDS: one mail per person every 15 minutes at most. */
export const DEFAULT_DIGEST_INTERVAL_SECONDS = 900;

/** A bare address or `Display Name <address>`, on one line (no header injection). */
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/**
 * Reads the digest settings. SMTP_URL unset (or blank): undefined, and nothing is ever sent or
 * scheduled. MAIL_FROM and DIGEST_INTERVAL_SECONDS are checked either way, so a typo fails at
 * start-up rather than the day SMTP_URL is added.
 */
export function readDigestConfig(env: NodeJS.ProcessEnv = process.env): DigestConfig | undefined {
  const from = (env.MAIL_FROM ?? '').trim() || DEFAULT_MAIL_FROM;
  if (!MAIL_FROM_PATTERN.test(from)) {
    throw new Error(
      `MAIL_FROM must be an address or "Name <address>" on one line, got "${env.MAIL_FROM}"`,
    );
  }
  const rawInterval = (env.DIGEST_INTERVAL_SECONDS ?? '').trim();
  const seconds = rawInterval === '' ? DEFAULT_DIGEST_INTERVAL_SECONDS : Number(rawInterval);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 7 * 24 * 3600) {
    throw new Error(
      `DIGEST_INTERVAL_SECONDS must be a number of seconds from 1 to 604800, got "${env.DIGEST_INTERVAL_SECONDS}"`,
    );
  }
  const raw = (env.SMTP_URL ?? '').trim();
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SMTP_URL must be an smtp:// or smtps:// URL, got "${redact(raw)}"`);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new Error(
      `SMTP_URL must be an smtp:// or smtps:// URL with a host, got "${redact(raw)}"`,
    );
  }
  return { smtpUrl: raw, from, intervalMs: Math.round(seconds * 1000) };
}
