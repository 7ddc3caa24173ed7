import type { MapId } from '../../shared/ids.ts';
import { inTransaction, type Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { ChangeStore, VisitStore } from '../storage/storage.ts';
import type {
  ChangedItemKind,
  ItemChangeKind,
  ItemChangeRecord,
  ItemChangeRow,
  VisitRow,
} from '../storage/rows.ts';

const nullableNumber = (value: unknown): number | null => (value == null ? null : Number(value));

/** Change attribution rows on SQLite. */
export class ChangeRepository implements Synchronous<ChangeStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Adds coalesced changes in one commit, widening rows already stored. */
  record(rows: readonly ItemChangeRecord[]): void {
    if (rows.length === 0) return;
    const upsert = this.#db.prepare(
      `INSERT INTO map_item_changes (map_id, user_id, department, item_kind, item_id, change, label,
         window_start, first_at, last_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
       WHERE EXISTS (SELECT 1 FROM maps WHERE id = ?1) AND EXISTS (SELECT 1 FROM users WHERE id = ?2)
       ON CONFLICT (map_id, user_id, item_kind, item_id, change, window_start) DO UPDATE SET
         first_at = min(first_at, excluded.first_at),
         label = CASE WHEN excluded.last_at >= last_at THEN excluded.label ELSE label END,
         department = CASE WHEN excluded.last_at >= last_at THEN excluded.department
           ELSE department END,
         last_at = max(last_at, excluded.last_at)`,
    );
    inTransaction(this.#db, () => {
      for (const row of rows) {
        upsert.run(
          row.mapId,
          row.userId,
          row.department,
          row.kind,
          row.itemId,
          row.change,
          row.label,
          row.windowStart,
          row.firstAt,
          row.lastAt,
        );
      }
    });
  }

  /** Every change row of a map whose last time is after `after`, oldest last time first. */
  since(mapId: MapId, after: number): ItemChangeRow[] {
    return this.#db
      .prepare(
        `SELECT c.*, u.name AS user_name FROM map_item_changes c
         LEFT JOIN users u ON u.id = c.user_id
         WHERE c.map_id = ? AND c.last_at > ?
         ORDER BY c.last_at, c.first_at`,
      )
      .all(mapId, after)
      .map((row) => ({
        mapId: String(row.map_id) as MapId,
        userId: String(row.user_id),
        userName: row.user_name == null ? null : String(row.user_name),
        department: row.department == null ? null : String(row.department),
        kind: String(row.item_kind) as ChangedItemKind,
        itemId: String(row.item_id),
        change: String(row.change) as ItemChangeKind,
        label: String(row.label),
        firstAt: Number(row.first_at),
        lastAt: Number(row.last_at),
      }));
  }

  /** Deletes the rows whose last time is before `before`. */
  prune(before: number): number {
    const result = this.#db.prepare('DELETE FROM map_item_changes WHERE last_at < ?').run(before);
    return Number(result.changes);
  }
}

/** Visits of maps on SQLite. */
export class VisitRepository implements Synchronous<VisitStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Starts or continues a visit (see VisitStore.arrive). */
  arrive(mapId: MapId, userId: string, now: number, gapMs: number): void {
    this.seen([{ mapId, userId }], now, gapMs);
  }

  /** Starts or continues each person's visit at `now` (see VisitStore.seen). */
  seen(entries: readonly { mapId: MapId; userId: string }[], now: number, gapMs: number): void {
    if (entries.length === 0) return;
    // Every SET expression reads the row as it was before this statement.
    const upsert = this.#db.prepare(
      `INSERT INTO map_visits (map_id, user_id, visit_started_at, last_seen_at)
       SELECT ?1, ?2, ?3, ?3
       WHERE EXISTS (SELECT 1 FROM maps WHERE id = ?1) AND EXISTS (SELECT 1 FROM users WHERE id = ?2)
       ON CONFLICT (map_id, user_id) DO UPDATE SET
         previous_ended_at = CASE WHEN last_seen_at IS NOT NULL AND ?3 - last_seen_at >= ?4
           THEN last_seen_at ELSE previous_ended_at END,
         visit_started_at = CASE WHEN last_seen_at IS NULL OR ?3 - last_seen_at >= ?4
           THEN ?3 ELSE visit_started_at END,
         last_seen_at = max(coalesce(last_seen_at, ?3), ?3)`,
    );
    inTransaction(this.#db, () => {
      for (const entry of entries) upsert.run(entry.mapId, entry.userId, now, gapMs);
    });
  }

  /** The person's visits of a map, or null. */
  get(mapId: MapId, userId: string): VisitRow | null {
    const row = this.#db
      .prepare('SELECT * FROM map_visits WHERE map_id = ? AND user_id = ?')
      .get(mapId, userId);
    if (!row) return null;
    return {
      startedAt: nullableNumber(row.visit_started_at),
      lastSeenAt: nullableNumber(row.last_seen_at),
      previousEndedAt: nullableNumber(row.previous_ended_at),
      dismissedAt: nullableNumber(row.dismissed_at),
    };
  }

  /** Records a dismissal of "since your last visit" at `now`. */
  dismiss(mapId: MapId, userId: string, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO map_visits (map_id, user_id, dismissed_at)
         SELECT ?1, ?2, ?3
         WHERE EXISTS (SELECT 1 FROM maps WHERE id = ?1) AND EXISTS (SELECT 1 FROM users WHERE id = ?2)
         ON CONFLICT (map_id, user_id) DO UPDATE SET
           dismissed_at = max(coalesce(dismissed_at, ?3), ?3)`,
      )
      .run(mapId, userId, now);
  }
}
