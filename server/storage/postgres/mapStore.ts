import { randomBytes } from 'node:crypto';
import type { MapId } from '../../../shared/ids.ts';
import type { MapRow } from '../rows.ts';
import { CUSTOMER_SECRET_BYTES, type MapStore } from '../storage.ts';
import type { Executor } from './executor.ts';

/** A maps row as pg returns it (bigint columns come as strings). */
export interface PgMapRow {
  id: string;
  title: string;
  template: string | null;
  created_at: string;
  updated_at: string;
  source_map_id: string | null;
  state: string;
}

/** The catalogue row of a pg maps row. */
export function toMapRow(row: PgMapRow): MapRow {
  return {
    id: row.id as MapId,
    title: row.title,
    template: row.template,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    sourceMapId: row.source_map_id as MapId | null,
    state: row.state === 'to-be' ? 'to-be' : 'as-is',
  };
}

/** The catalogue of maps on PostgreSQL. */
export function postgresMapStore(exec: Executor): MapStore {
  return {
    async create(input) {
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
      await exec.query(
        `INSERT INTO maps (id, title, template, created_at, updated_at, source_map_id, state)
         VALUES ($1, $2, $3, $4, $4, $5, $6)`,
        [row.id, row.title, row.template, now, row.sourceMapId, row.state],
      );
      return row;
    },

    async get(id) {
      const { rows } = await exec.query<PgMapRow>('SELECT * FROM maps WHERE id = $1', [id]);
      return rows[0] ? toMapRow(rows[0]) : null;
    },

    async list() {
      // COLLATE "C": ids tie-break byte-wise, as in SQLite, whatever the database's locale.
      const { rows } = await exec.query<PgMapRow>(
        'SELECT * FROM maps ORDER BY updated_at DESC, id COLLATE "C"',
      );
      return rows.map(toMapRow);
    },

    async count() {
      const { rows } = await exec.query<{ n: string }>('SELECT COUNT(*) AS n FROM maps');
      return Number(rows[0]?.n ?? 0);
    },

    async setTitle(id, title) {
      await exec.query('UPDATE maps SET title = $1, updated_at = $2 WHERE id = $3', [
        title,
        Date.now(),
        id,
      ]);
    },

    async touch(id) {
      await exec.query('UPDATE maps SET updated_at = $1 WHERE id = $2', [Date.now(), id]);
    },

    async setState(id, state) {
      await exec.query('UPDATE maps SET state = $1, updated_at = $2 WHERE id = $3', [
        state,
        Date.now(),
        id,
      ]);
    },

    async delete(id) {
      await exec.query('DELETE FROM maps WHERE id = $1', [id]);
    },

    async customerSecret(mapId) {
      // The conditional UPDATE sets the key only while it is NULL (the row lock serialises
      // concurrent first calls), so every caller reads back the one value that won.
      await exec.query(
        'UPDATE maps SET customer_secret = $1 WHERE id = $2 AND customer_secret IS NULL',
        [randomBytes(CUSTOMER_SECRET_BYTES), mapId],
      );
      const { rows } = await exec.query<{ customer_secret: Buffer | null }>(
        'SELECT customer_secret FROM maps WHERE id = $1',
        [mapId],
      );
      const secret = rows[0]?.customer_secret;
      if (!secret) throw new Error(`unknown map ${mapId}`);
      return new Uint8Array(secret);
    },
  };
}
