import type { Logger } from 'pino';
import type { DigestStore } from '../storage/storage.ts';
import type { DigestConfig } from './digestConfig.ts';
import type { DigestInbox } from './digestRun.ts';
import { startDigestScheduler, type DigestScheduler } from './digestScheduler.ts';
import { createSmtpMailer } from './mailer.ts';
import { redact } from '../cluster/redisUrl.ts';

/** Default DigestConfig.settleMs. */
const DEFAULT_SETTLE_MS = 5_000;

/**
 * Where digest links point: PUBLIC_URL when set; otherwise the address the server listens on (a
 * wildcard host becomes `localhost`), which only works on this machine, so a warning says so.
 */
export function digestLinkBase(
  publicUrl: string | undefined,
  listen: { host: string; port: number },
  logger: Logger,
): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const wildcard = listen.host === '0.0.0.0' || listen.host === '::' || listen.host === '';
  const host = wildcard ? 'localhost' : listen.host;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${listen.port}`;
  logger.warn(
    { linkBase: base },
    'PUBLIC_URL is not set: links in email digests point to the listen address; set PUBLIC_URL to the origin people open',
  );
  return base;
}

/**
 * Starts the email digests of this instance when SMTP_URL is set; resolves null (and schedules
 * nothing) when it is not.
 */
export function startDigests(input: {
  config: DigestConfig | undefined;
  digests: DigestStore;
  inbox: DigestInbox;
  linkBase: () => string;
  logger: Logger;
}): DigestScheduler | null {
  const { config, logger } = input;
  if (!config) {
    logger.info('email digests are off (SMTP_URL is not set)');
    return null;
  }
  logger.info(
    { smtp: redact(config.smtpUrl), intervalSeconds: config.intervalMs / 1000 },
    'email digests are on',
  );
  return startDigestScheduler({
    digests: input.digests,
    inbox: input.inbox,
    mailer: createSmtpMailer(config.smtpUrl, config.from),
    logger,
    intervalMs: config.intervalMs,
    settleMs: config.settleMs ?? DEFAULT_SETTLE_MS,
    linkBase: input.linkBase(),
  });
}
