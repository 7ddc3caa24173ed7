import { digestCandidatesSql } from '../digestCandidatesSql.ts';
import type { DigestStore } from '../storage.ts';
import type { Executor } from './executor.ts';

const CANDIDATES = digestCandidatesSql({
  since: '$1',
  until: '$2',
  isAccount: 'NOT u.is_guest',
  // byte-wise, as SQLite orders text
  byteOrder: ' COLLATE "C"',
});

interface PgWatermarkRow {
  user_id: string;
  sent_until: string;
  last_mailed_at: string | null;
  claim_expires_at: string | null;
}

const nullableNumber = (value: string | null) => (value == null ? null : Number(value));

/**
 * Email digest watermarks and claims on PostgreSQL. The claim is one INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE: under READ COMMITTED a concurrent claim waits for the row and re-checks the
 * WHERE against the committed version, so of several instances exactly one gets the person.
 */
export function postgresDigestStore(exec: Executor): DigestStore {
  return {
    async candidates(window) {
      const { rows } = await exec.query<{ id: string; email: string; name: string }>(CANDIDATES, [
        window.since,
        window.until,
      ]);
      return rows.map((row) => ({ userId: row.id, email: row.email, name: row.name }));
    },

    async claim(input) {
      const { rows } = await exec.query<{ sent_until: string }>(
        `INSERT INTO digest_watermarks (user_id, sent_until, claim_token, claim_expires_at)
         VALUES ($1, 0, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET
           claim_token = excluded.claim_token, claim_expires_at = excluded.claim_expires_at
         WHERE (digest_watermarks.claim_expires_at IS NULL
                OR digest_watermarks.claim_expires_at <= $4)
           AND (digest_watermarks.last_mailed_at IS NULL
                OR digest_watermarks.last_mailed_at <= $5)
         RETURNING sent_until`,
        [input.userId, input.token, input.now + input.leaseMs, input.now, input.lastMailedBy],
      );
      return rows[0] ? Number(rows[0].sent_until) : null;
    },

    async finish(input) {
      const result = await exec.query(
        `UPDATE digest_watermarks SET sent_until = GREATEST(sent_until, $1),
           last_mailed_at = COALESCE($2, last_mailed_at), claim_token = NULL,
           claim_expires_at = NULL
         WHERE user_id = $3 AND claim_token = $4`,
        [input.sentUntil, input.mailedAt, input.userId, input.token],
      );
      return result.rowCount === 1;
    },

    async release(userId, token) {
      await exec.query(
        `UPDATE digest_watermarks SET claim_token = NULL, claim_expires_at = NULL
         WHERE user_id = $1 AND claim_token = $2`,
        [userId, token],
      );
    },

    async get(userId) {
      const { rows } = await exec.query<PgWatermarkRow>(
        'SELECT * FROM digest_watermarks WHERE user_id = $1',
        [userId],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        userId: row.user_id,
        sentUntil: Number(row.sent_until),
        lastMailedAt: nullableNumber(row.last_mailed_at),
        claimExpiresAt: nullableNumber(row.claim_expires_at),
      };
    },
  };
}
