import type { MapId } from '../../../shared/ids.ts';
import { newId } from '../../../shared/ids.ts';
import type { VersionRow } from '../rows.ts';
import type { VersionStore } from '../storage.ts';
import { toBytes } from './documentLog.ts';
import type { Executor } from './executor.ts';

interface PgVersionRow {
  id: string;
  map_id: string;
  created_at: string;
  name: string | null;
  author_id: string | null;
  author_name: string | null;
  auto: boolean;
}

const COLUMNS = `v.id, v.map_id, v.created_at, v.name, v.author_id, v.auto, u.name AS author_name`;

function toVersionRow(row: PgVersionRow): VersionRow {
  return {
    id: row.id,
    mapId: row.map_id as MapId,
    createdAt: Number(row.created_at),
    name: row.name,
    authorId: row.author_id,
    authorName: row.author_name,
    auto: row.auto,
  };
}

/** Map versions on PostgreSQL. */
export function postgresVersionStore(exec: Executor): VersionStore {
  return {
    async add(version) {
      const id = newId();
      // One statement: the insert and the author's name (a CTE's row is visible to the SELECT).
      const { rows } = await exec.query<PgVersionRow>(
        `WITH v AS (
           INSERT INTO map_versions (id, map_id, created_at, name, author_id, auto, state)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           RETURNING id, map_id, created_at, name, author_id, auto
         )
         SELECT ${COLUMNS} FROM v LEFT JOIN users u ON u.id = v.author_id`,
        [
          id,
          version.mapId,
          version.createdAt ?? Date.now(),
          version.name,
          version.authorId,
          version.auto,
          version.state,
        ],
      );
      const row = rows[0];
      if (!row) throw new Error('the version just stored cannot be read back');
      return toVersionRow(row);
    },

    async list(mapId) {
      const { rows } = await exec.query<PgVersionRow>(
        `SELECT ${COLUMNS} FROM map_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.map_id = $1 ORDER BY v.created_at DESC, v.seq DESC`,
        [mapId],
      );
      return rows.map(toVersionRow);
    },

    async get(mapId, id) {
      const { rows } = await exec.query<PgVersionRow & { state: Uint8Array }>(
        `SELECT ${COLUMNS}, v.state FROM map_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.map_id = $1 AND v.id = $2`,
        [mapId, id],
      );
      const row = rows[0];
      return row ? { ...toVersionRow(row), state: toBytes(row.state) } : null;
    },

    async latestCreatedAt(mapId) {
      const { rows } = await exec.query<{ latest: string | null }>(
        'SELECT max(created_at) AS latest FROM map_versions WHERE map_id = $1',
        [mapId],
      );
      const latest = rows[0]?.latest;
      return latest == null ? null : Number(latest);
    },

    async pruneAuto(before) {
      const result = await exec.query('DELETE FROM map_versions WHERE auto AND created_at < $1', [
        before,
      ]);
      return result.rowCount ?? 0;
    },
  };
}
