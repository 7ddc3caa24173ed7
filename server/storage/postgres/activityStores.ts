import type { MapId } from '../../../shared/ids.ts';
import type { ChangedItemKind, ItemChangeKind, VisitRow } from '../rows.ts';
import type { ChangeStore, VisitStore } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgChangeRow {
  map_id: string;
  user_id: string;
  user_name: string | null;
  department: string | null;
  item_kind: string;
  item_id: string;
  change: string;
  label: string;
  first_at: string;
  last_at: string;
}

interface PgVisitRow {
  visit_started_at: string | null;
  last_seen_at: string | null;
  previous_ended_at: string | null;
  dismissed_at: string | null;
}

const nullableNumber = (value: string | null): number | null =>
  value == null ? null : Number(value);

/** Change attribution rows on PostgreSQL. */
export function postgresChangeStore(exec: Executor): ChangeStore {
  return {
    async record(rows) {
      if (rows.length === 0) return;
      // Sorted by key, so two instances upserting overlapping batches lock rows in one order.
      const sorted = [...rows].sort((a, b) =>
        `${a.mapId}|${a.userId}|${a.kind}|${a.itemId}|${a.change}|${a.windowStart}`.localeCompare(
          `${b.mapId}|${b.userId}|${b.kind}|${b.itemId}|${b.change}|${b.windowStart}`,
        ),
      );
      const column = <T>(pick: (row: (typeof sorted)[number]) => T) => sorted.map(pick);
      await exec.query(
        `INSERT INTO map_item_changes AS c (map_id, user_id, department, item_kind, item_id, change,
           label, window_start, first_at, last_at)
         SELECT r.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
           $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[])
           AS r(map_id, user_id, department, item_kind, item_id, change, label, window_start,
             first_at, last_at)
         JOIN maps m ON m.id = r.map_id JOIN users u ON u.id = r.user_id
         ON CONFLICT (map_id, user_id, item_kind, item_id, change, window_start) DO UPDATE SET
           first_at = LEAST(c.first_at, excluded.first_at),
           label = CASE WHEN excluded.last_at >= c.last_at THEN excluded.label ELSE c.label END,
           department = CASE WHEN excluded.last_at >= c.last_at THEN excluded.department
             ELSE c.department END,
           last_at = GREATEST(c.last_at, excluded.last_at)`,
        [
          column((row) => row.mapId),
          column((row) => row.userId),
          column((row) => row.department),
          column((row) => row.kind),
          column((row) => row.itemId),
          column((row) => row.change),
          column((row) => row.label),
          column((row) => row.windowStart),
          column((row) => row.firstAt),
          column((row) => row.lastAt),
        ],
      );
    },

    async since(mapId, after) {
      const { rows } = await exec.query<PgChangeRow>(
        `SELECT c.*, u.name AS user_name FROM map_item_changes c
         LEFT JOIN users u ON u.id = c.user_id
         WHERE c.map_id = $1 AND c.last_at > $2
         ORDER BY c.last_at, c.first_at`,
        [mapId, after],
      );
      return rows.map((row) => ({
        mapId: row.map_id as MapId,
        userId: row.user_id,
        userName: row.user_name,
        department: row.department,
        kind: row.item_kind as ChangedItemKind,
        itemId: row.item_id,
        change: row.change as ItemChangeKind,
        label: row.label,
        firstAt: Number(row.first_at),
        lastAt: Number(row.last_at),
      }));
    },

    async prune(before) {
      const result = await exec.query('DELETE FROM map_item_changes WHERE last_at < $1', [before]);
      return result.rowCount ?? 0;
    },
  };
}

/** Visits of maps on PostgreSQL. */
export function postgresVisitStore(exec: Executor): VisitStore {
  const store: VisitStore = {
    async arrive(mapId, userId, now, gapMs) {
      await store.seen([{ mapId, userId }], now, gapMs);
    },

    async seen(entries, now, gapMs) {
      if (entries.length === 0) return;
      // Every SET expression reads the row as it was before this statement. Sorted, so two
      // instances refreshing overlapping sets lock rows in one order.
      const sorted = [...entries].sort((a, b) =>
        `${a.mapId}|${a.userId}`.localeCompare(`${b.mapId}|${b.userId}`),
      );
      await exec.query(
        `INSERT INTO map_visits AS v (map_id, user_id, visit_started_at, last_seen_at)
         SELECT m.id, u.id, $3::bigint, $3::bigint
         FROM unnest($1::text[], $2::text[]) AS e(map_id, user_id)
         JOIN maps m ON m.id = e.map_id JOIN users u ON u.id = e.user_id
         ON CONFLICT (map_id, user_id) DO UPDATE SET
           previous_ended_at = CASE WHEN v.last_seen_at IS NOT NULL
             AND $3::bigint - v.last_seen_at >= $4::bigint
             THEN v.last_seen_at ELSE v.previous_ended_at END,
           visit_started_at = CASE WHEN v.last_seen_at IS NULL
             OR $3::bigint - v.last_seen_at >= $4::bigint
             THEN $3::bigint ELSE v.visit_started_at END,
           last_seen_at = GREATEST(COALESCE(v.last_seen_at, $3::bigint), $3::bigint)`,
        [sorted.map((entry) => entry.mapId), sorted.map((entry) => entry.userId), now, gapMs],
      );
    },

    async get(mapId, userId): Promise<VisitRow | null> {
      const { rows } = await exec.query<PgVisitRow>(
        'SELECT * FROM map_visits WHERE map_id = $1 AND user_id = $2',
        [mapId, userId],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        startedAt: nullableNumber(row.visit_started_at),
        lastSeenAt: nullableNumber(row.last_seen_at),
        previousEndedAt: nullableNumber(row.previous_ended_at),
        dismissedAt: nullableNumber(row.dismissed_at),
      };
    },

    async dismiss(mapId, userId, now) {
      await exec.query(
        `INSERT INTO map_visits AS v (map_id, user_id, dismissed_at)
         SELECT m.id, u.id, $3::bigint FROM maps m, users u WHERE m.id = $1 AND u.id = $2
         ON CONFLICT (map_id, user_id) DO UPDATE SET
           dismissed_at = GREATEST(COALESCE(v.dismissed_at, $3), $3)`,
        [mapId, userId, now],
      );
    },
  };
  return store;
}
