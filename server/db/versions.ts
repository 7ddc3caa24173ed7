import type { MapId } from '../../shared/ids.ts';
import { newId } from '../../shared/ids.ts';
import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { NewVersion, VersionStore } from '../storage/storage.ts';
import type { VersionRow, VersionWithState } from '../storage/rows.ts';

const COLUMNS = `v.id, v.map_id, v.created_at, v.name, v.author_id, v.auto, u.name AS author_name`;

function toVersionRow(row: Record<string, unknown>): VersionRow {
  return {
    id: String(row.id),
    mapId: String(row.map_id) as MapId,
    createdAt: Number(row.created_at),
    name: row.name == null ? null : String(row.name),
    authorId: row.author_id == null ? null : String(row.author_id),
    authorName: row.author_name == null ? null : String(row.author_name),
    auto: Number(row.auto) === 1,
  };
}

/** Map versions on SQLite. */
export class VersionRepository implements Synchronous<VersionStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Stores a version (the map must exist: the foreign key refuses it otherwise). */
  add(version: NewVersion): VersionRow {
    const id = newId();
    const createdAt = version.createdAt ?? Date.now();
    this.#db
      .prepare(
        `INSERT INTO map_versions (id, map_id, created_at, name, author_id, auto, state)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        version.mapId,
        createdAt,
        version.name,
        version.authorId,
        version.auto ? 1 : 0,
        version.state,
      );
    const row = this.#select(version.mapId, id);
    if (!row) throw new Error('the version just stored cannot be read back');
    return toVersionRow(row);
  }

  /** Every version of a map, newest first (ties: the later stored first), without state. */
  list(mapId: MapId): VersionRow[] {
    return this.#db
      .prepare(
        `SELECT ${COLUMNS} FROM map_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.map_id = ? ORDER BY v.created_at DESC, v.seq DESC`,
      )
      .all(mapId)
      .map(toVersionRow);
  }

  /** One version of the map with its state, or null. */
  get(mapId: MapId, id: string): VersionWithState | null {
    const row = this.#select(mapId, id);
    if (!row) return null;
    return { ...toVersionRow(row), state: row.state as Uint8Array };
  }

  /** When the map's newest version was taken, or null. */
  latestCreatedAt(mapId: MapId): number | null {
    const row = this.#db
      .prepare('SELECT max(created_at) AS latest FROM map_versions WHERE map_id = ?')
      .get(mapId);
    return row?.latest == null ? null : Number(row.latest);
  }

  /** Deletes the auto versions taken before `before`; named ones stay. */
  pruneAuto(before: number): number {
    const result = this.#db
      .prepare('DELETE FROM map_versions WHERE auto = 1 AND created_at < ?')
      .run(before);
    return Number(result.changes);
  }

  #select(mapId: MapId, id: string): Record<string, unknown> | undefined {
    return this.#db
      .prepare(
        `SELECT ${COLUMNS}, v.state FROM map_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.map_id = ? AND v.id = ?`,
      )
      .get(mapId, id);
  }
}
