import type { Database } from './database.ts';
import { digestCandidatesSql } from '../storage/digestCandidatesSql.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { DigestStore } from '../storage/storage.ts';
import type { DigestCandidateRow, DigestWatermarkRow } from '../storage/rows.ts';

const CANDIDATES = digestCandidatesSql({
  since: '?',
  until: '?',
  isAccount: 'u.is_guest = 0',
  byteOrder: '',
});

const nullableNumber = (value: unknown) => (value == null ? null : Number(value));

/** Email digest watermarks and claims on SQLite (see DigestStore). */
export class DigestRepository implements Synchronous<DigestStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** People who may have something new in (since, until] (a superset of their unread inbox). */
  candidates(window: { since: number; until: number }): DigestCandidateRow[] {
    return this.#db
      .prepare(CANDIDATES)
      .all(window.since, window.until)
      .map((row) => ({ userId: String(row.id), email: String(row.email), name: String(row.name) }));
  }

  /** Claims a person for one run; their watermark, or null when another claim or mail is recent. */
  claim(input: {
    userId: string;
    token: string;
    now: number;
    leaseMs: number;
    lastMailedBy: number;
  }): number | null {
    const row = this.#db
      .prepare(
        `INSERT INTO digest_watermarks (user_id, sent_until, claim_token, claim_expires_at)
         VALUES (?, 0, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET
           claim_token = excluded.claim_token, claim_expires_at = excluded.claim_expires_at
         WHERE (digest_watermarks.claim_expires_at IS NULL
                OR digest_watermarks.claim_expires_at <= ?)
           AND (digest_watermarks.last_mailed_at IS NULL
                OR digest_watermarks.last_mailed_at <= ?)
         RETURNING sent_until`,
      )
      .get(input.userId, input.token, input.now + input.leaseMs, input.now, input.lastMailedBy);
    return row ? Number(row.sent_until) : null;
  }

  /** Ends a claim, moving the watermark forward; false when the claim was no longer ours. */
  finish(input: {
    userId: string;
    token: string;
    sentUntil: number;
    mailedAt: number | null;
  }): boolean {
    const result = this.#db
      .prepare(
        `UPDATE digest_watermarks SET sent_until = MAX(sent_until, ?),
           last_mailed_at = COALESCE(?, last_mailed_at), claim_token = NULL, claim_expires_at = NULL
         WHERE user_id = ? AND claim_token = ?`,
      )
      .run(input.sentUntil, input.mailedAt, input.userId, input.token);
    return Number(result.changes) === 1;
  }

  /** Gives a claim up without moving anything. */
  release(userId: string, token: string): void {
    this.#db
      .prepare(
        `UPDATE digest_watermarks SET claim_token = NULL, claim_expires_at = NULL
         WHERE user_id = ? AND claim_token = ?`,
      )
      .run(userId, token);
  }

  /** A person's row, or null. */
  get(userId: string): DigestWatermarkRow | null {
    const row = this.#db.prepare('SELECT * FROM digest_watermarks WHERE user_id = ?').get(userId);
    if (!row) return null;
    return {
      userId: String(row.user_id),
      sentUntil: Number(row.sent_until),
      lastMailedAt: nullableNumber(row.last_mailed_at),
      claimExpiresAt: nullableNumber(row.claim_expires_at),
    };
  }
}
