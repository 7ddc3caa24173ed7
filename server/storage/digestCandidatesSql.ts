/**
 * The candidates query of DigestStore, shared by both adapters (standard SQL: `$since`/`$until`
 * are rewritten into each driver's placeholders). It starts from the messages of the window
 * (index comment_messages_by_time), so its cost follows recent activity, not the number of people.
 */
export function digestCandidatesSql(placeholders: {
  since: string;
  until: string;
  isAccount: string;
  byteOrder: string;
}): string {
  return `
    WITH recent AS (
      SELECT m.id, m.author_id, m.created_at, t.created_by
      FROM comment_messages m JOIN comment_threads t ON t.id = m.thread_id
      WHERE m.created_at > ${placeholders.since} AND m.created_at <= ${placeholders.until}
        AND m.deleted_at IS NULL
    ), concerned AS (
      SELECT created_by AS user_id, author_id, created_at FROM recent WHERE created_by IS NOT NULL
      UNION ALL
      SELECT c.user_id, r.author_id, r.created_at
      FROM recent r JOIN comment_mentions c ON c.message_id = r.id
    )
    SELECT u.id, u.email, u.name
    FROM concerned x
    JOIN users u ON u.id = x.user_id
    LEFT JOIN digest_watermarks w ON w.user_id = x.user_id
    WHERE ${placeholders.isAccount} AND u.email IS NOT NULL
      AND (x.author_id IS NULL OR x.author_id <> x.user_id)
      AND x.created_at > COALESCE(w.sent_until, 0)
    GROUP BY u.id, u.email, u.name
    ORDER BY u.id${placeholders.byteOrder}`;
}
