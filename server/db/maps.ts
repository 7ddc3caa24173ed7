import { randomBytes } from 'node:crypto';
import type { MapId, MapState } from '../../shared/index.ts';
import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import { CUSTOMER_SECRET_BYTES, type MapStore, type NewMapRow } from '../storage/storage.ts';
import type { MapRow } from '../storage/rows.ts';

/** The catalogue row of a SQLite maps row (also read by the member store's list). */
export function toMapRow(row: Record<string, unknown>): MapRow {
  return {
    id: String(row.id) as MapId,
    title: String(row.title),
    template: row.template == null ? null : String(row.template),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    sourceMapId: row.source_map_id == null ? null : (String(row.source_map_id) as MapId),
    state: row.state === 'to-be' ? 'to-be' : 'as-is',
  };
}

/** The catalogue of maps: ids, titles and timestamps for lists. */
export class MapRepository implements Synchronous<MapStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Inserts a new map row. */
  create(input: NewMapRow): MapRow {
    const now = Date.now();
    const row: MapRow = {
      id: input.id,
      title: input.title,
      template: input.template,
      createdAt: now,
      updatedAt: now,
      sourceMapId: input.sourceMapId ?? null,
      state: input.state ?? 'as-is',
    };
    this.#db
      .prepare(
        `INSERT INTO maps (id, title, template, created_at, updated_at, source_map_id, state)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.title, row.template, now, now, row.sourceMapId, row.state);
    return row;
  }

  /** One map, or null. */
  get(id: string): MapRow | null {
    const row = this.#db.prepare('SELECT * FROM maps WHERE id = ?').get(id);
    return row ? toMapRow(row) : null;
  }

  /** Every map, most recently updated first. */
  list(): MapRow[] {
    return this.#db.prepare('SELECT * FROM maps ORDER BY updated_at DESC, id').all().map(toMapRow);
  }

  /** Number of maps (seeding decides on it). */
  count(): number {
    return Number(this.#db.prepare('SELECT COUNT(*) AS n FROM maps').get()?.n ?? 0);
  }

  /** Sets the catalogue title (kept equal to the document's meta.title). */
  setTitle(id: string, title: string): void {
    this.#db
      .prepare('UPDATE maps SET title = ?, updated_at = ? WHERE id = ?')
      .run(title, Date.now(), id);
  }

  /** Marks a map as changed now. */
  touch(id: string): void {
    this.#db.prepare('UPDATE maps SET updated_at = ? WHERE id = ?').run(Date.now(), id);
  }

  /** Sets the catalogue state (kept equal to the document's meta.state). */
  setState(id: string, state: MapState): void {
    this.#db
      .prepare('UPDATE maps SET state = ?, updated_at = ? WHERE id = ?')
      .run(state, Date.now(), id);
  }

  /** Deletes the catalogue row. */
  delete(id: string): void {
    this.#db.prepare('DELETE FROM maps WHERE id = ?').run(id);
  }

  /**
   * The map's customer-id key, created on first use. The conditional UPDATE sets it only while
   * still NULL, so whoever comes second keeps the first value.
   */
  customerSecret(mapId: MapId): Uint8Array {
    this.#db
      .prepare('UPDATE maps SET customer_secret = ? WHERE id = ? AND customer_secret IS NULL')
      .run(randomBytes(CUSTOMER_SECRET_BYTES), mapId);
    const row = this.#db.prepare('SELECT customer_secret FROM maps WHERE id = ?').get(mapId);
    const secret = row?.customer_secret;
    if (!(secret instanceof Uint8Array)) throw new Error(`unknown map ${mapId}`);
    return new Uint8Array(secret);
  }
}

export type { MapRow };
