import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DigestStore } from '../storage/storage.ts';
import { buildDigestMail, type DigestItem } from './digestMail.ts';
import { isRecipientRefusal, type Mailer } from './mailer.ts';

/** An inbox row as a digest reads it (the fields it needs of ThreadStore.inboxFor's rows). */
export interface DigestInboxRow extends DigestItem {
  /** The message id. */
  id: string;
  read: boolean;
}

/** Where a digest reads a person's inbox: ThreadStore.inboxFor. */
export interface DigestInbox {
  inboxFor(
    userId: string,
    options: { after?: number; limit: number },
  ): Promise<readonly DigestInboxRow[]>;
}

/** What one digest run needs. */
export interface DigestRunDeps {
  digests: DigestStore;
  inbox: DigestInbox;
  mailer: Mailer;
  logger: Logger;
  /** One mail per person per interval at most. */
  intervalMs: number;
  /** Messages younger than this wait for the next run (see DigestConfig.settleMs). */
  settleMs: number;
  /** Where links point (PUBLIC_URL, or the listen address). */
  linkBase: string;
  /** Checked between two people: true ends the run early (shutdown). */
  stopping?: () => boolean;
}

/** What a run did, for logs and tests. */
export interface DigestRunReport {
  candidates: number;
  mailed: number;
  /** People whose watermark moved without a mail (everything new was read, or not theirs). */
  caughtUp: number;
  /** People another run holds, or mailed less than an interval ago. */
  busy: number;
  failed: number;
}

/**
 * How long a run's claim on a person holds: longer than a send can take (the mailer's timeouts),
 * short enough that a crashed instance's people are mailed by another soon after.
 */
export const DIGEST_CLAIM_LEASE_MS = 5 * 60_000;
/** Older unread items are not mailed (they stay in the in-app inbox): bounds each run's scan. */
export const DIGEST_MAX_AGE_MS = 7 * 24 * 60 * 60_000;
/** Inbox rows read per person, and items listed in one mail at most. */
const INBOX_LIMIT = 200;
const MAIL_ITEM_LIMIT = 50;

/**
 * One digest run at `now`: for each person who may have something new, claim them (only one run
 * of all instances gets them, and only an interval after their last mail), read their unread
 * inbox items in (watermark, now - settle], mail them grouped by map, and only once the SMTP
 * server accepted the mail move their watermark to now - settle. A failed send keeps the
 * watermark and releases the claim, so the next interval retries: at-least-once delivery (a crash
 * between the SMTP server's acceptance and the watermark update mails those items again).
 */
export async function runDigests(deps: DigestRunDeps, now: number): Promise<DigestRunReport> {
  const until = now - deps.settleMs;
  const floor = now - DIGEST_MAX_AGE_MS;
  const candidates = await deps.digests.candidates({ since: floor, until });
  const report: DigestRunReport = {
    candidates: candidates.length,
    mailed: 0,
    caughtUp: 0,
    busy: 0,
    failed: 0,
  };
  for (const person of candidates) {
    if (deps.stopping?.()) break;
    const token = randomUUID();
    const sentUntil = await deps.digests.claim({
      userId: person.userId,
      token,
      now,
      leaseMs: DIGEST_CLAIM_LEASE_MS,
      lastMailedBy: now - deps.intervalMs,
    });
    if (sentUntil === null) {
      report.busy += 1;
      continue;
    }
    let outcome: 'mailed' | 'caught-up' | 'failed' | 'smtp-down';
    try {
      outcome = await digestOne(deps, person, Math.max(sentUntil, floor), until, now);
    } catch (error) {
      // Storage trouble or a bug for this person: keep their watermark, try the others.
      deps.logger.warn({ err: error, userId: person.userId }, 'email digest failed');
      outcome = 'failed';
    }
    if (outcome === 'mailed' || outcome === 'caught-up') {
      const finished = await deps.digests.finish({
        userId: person.userId,
        token,
        sentUntil: until,
        mailedAt: outcome === 'mailed' ? now : null,
      });
      if (!finished) {
        deps.logger.warn(
          { userId: person.userId },
          'email digest claim lapsed before its watermark moved: the items may be mailed again',
        );
      }
      if (outcome === 'mailed') report.mailed += 1;
      else report.caughtUp += 1;
      continue;
    }
    await deps.digests.release(person.userId, token);
    report.failed += 1;
    // The SMTP server is unreachable: everyone else would fail the same way; next interval.
    if (outcome === 'smtp-down') break;
  }
  return report;
}

/** Mails one claimed person their unread items in (after, until]; says how it went. */
async function digestOne(
  deps: DigestRunDeps,
  person: { userId: string; email: string; name: string },
  after: number,
  until: number,
  now: number,
): Promise<'mailed' | 'caught-up' | 'failed' | 'smtp-down'> {
  const rows = await deps.inbox.inboxFor(person.userId, { after, limit: INBOX_LIMIT });
  const unread = rows.filter((row) => !row.read && row.createdAt > after && row.createdAt <= until);
  if (unread.length === 0) return 'caught-up';
  const newestFirst = [...unread].sort((a, b) => b.createdAt - a.createdAt);
  const items = newestFirst.slice(0, MAIL_ITEM_LIMIT);
  const mail = buildDigestMail({
    recipientName: person.name,
    items,
    linkBase: deps.linkBase,
    more: unread.length > items.length || rows.length >= INBOX_LIMIT,
  });
  try {
    await deps.mailer.send({ to: person.email, ...mail });
  } catch (error) {
    const refused = isRecipientRefusal(error);
    deps.logger.warn(
      { err: error, userId: person.userId, items: items.length },
      refused
        ? 'email digest refused by the SMTP server for this recipient; retrying next interval'
        : 'email digest not sent: SMTP server unavailable; retrying next interval',
    );
    return refused ? 'failed' : 'smtp-down';
  }
  deps.logger.info(
    { userId: person.userId, items: items.length, lagMs: now - (items.at(-1)?.createdAt ?? now) },
    'email digest sent',
  );
  return 'mailed';
}
