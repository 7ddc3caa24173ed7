import { newId, type MapId } from '../../../shared/ids.ts';
import {
  INTERNAL_ROLES_SQL,
  parseCardIds,
  toActionKpi,
  toActionStatus,
  type ActionRow,
} from '../rows.ts';
import type { ActionStore } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgActionRow {
  id: string;
  map_id: string;
  title: string;
  owner_id: string;
  owner_name: string | null;
  department: string | null;
  due: string | null;
  status: string;
  card_ids: string;
  kpi_name: string | null;
  kpi_target: string | null;
  kpi_card_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

const COLUMNS = `a.id, a.map_id, a.title, a.owner_id, u.name AS owner_name, a.department, a.due,
  a.status, a.card_ids, a.kpi_name, a.kpi_target, a.kpi_card_id, a.created_by, a.created_at,
  a.updated_at, a.done_at`;

/**
 * The list order: due date ascending with none last, then oldest first. Due dates are compared
 * byte by byte (COLLATE "C") so YYYY-MM-DD sorts as SQLite sorts it, whatever the database's
 * collation.
 */
const ORDER = 'ORDER BY a.due IS NULL, a.due COLLATE "C", a.created_at, a.seq';

function toActionRow(row: PgActionRow): ActionRow {
  return {
    id: row.id,
    mapId: row.map_id as MapId,
    title: row.title,
    ownerId: row.owner_id,
    ownerName: row.owner_name ?? '',
    department: row.department,
    due: row.due,
    status: toActionStatus(row.status),
    cardIds: parseCardIds(row.card_ids),
    kpi: toActionKpi(row.kpi_name, row.kpi_target, row.kpi_card_id),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    doneAt: row.done_at == null ? null : Number(row.done_at),
  };
}

/** Map actions on PostgreSQL. */
export function postgresActionStore(exec: Executor): ActionStore {
  const get = async (id: string): Promise<ActionRow | null> => {
    const { rows } = await exec.query<PgActionRow>(
      `SELECT ${COLUMNS} FROM map_actions a JOIN users u ON u.id = a.owner_id WHERE a.id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? toActionRow(row) : null;
  };

  return {
    async create(input) {
      const id = newId();
      const now = Date.now();
      // One statement: the insert and the owner's name (a CTE's row is visible to the SELECT).
      const { rows } = await exec.query<PgActionRow>(
        `WITH a AS (
           INSERT INTO map_actions (id, map_id, title, owner_id, department, due, status,
             card_ids, kpi_name, kpi_target, kpi_card_id, created_by, created_at, updated_at,
             done_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)
           RETURNING *
         )
         SELECT ${COLUMNS} FROM a JOIN users u ON u.id = a.owner_id`,
        [
          id,
          input.mapId,
          input.title,
          input.ownerId,
          input.department,
          input.due,
          input.status,
          JSON.stringify(input.cardIds),
          input.kpi?.name ?? null,
          input.kpi?.target ?? null,
          input.kpi?.cardId ?? null,
          input.createdBy,
          now,
          input.status === 'done' ? now : null,
        ],
      );
      const row = rows[0];
      if (!row) throw new Error('the action just stored cannot be read back');
      return toActionRow(row);
    },

    get,

    async list(mapId) {
      const { rows } = await exec.query<PgActionRow>(
        `SELECT ${COLUMNS} FROM map_actions a JOIN users u ON u.id = a.owner_id
         WHERE a.map_id = $1 ${ORDER}`,
        [mapId],
      );
      return rows.map(toActionRow);
    },

    async update(id, changes, onlyIfOwner) {
      const now = Date.now();
      const values: unknown[] = [id, now];
      const param = (value: unknown) => {
        values.push(value);
        return `$${values.length}`;
      };
      const sets: string[] = ['updated_at = $2'];
      if (changes.title !== undefined) sets.push(`title = ${param(changes.title)}`);
      if (changes.ownerId !== undefined) sets.push(`owner_id = ${param(changes.ownerId)}`);
      if (changes.department !== undefined) {
        sets.push(`department = ${param(changes.department)}`);
      }
      if (changes.due !== undefined) sets.push(`due = ${param(changes.due)}`);
      if (changes.cardIds !== undefined) {
        sets.push(`card_ids = ${param(JSON.stringify(changes.cardIds))}`);
      }
      if (changes.kpi !== undefined) {
        sets.push(
          `kpi_name = ${param(changes.kpi?.name ?? null)}`,
          `kpi_target = ${param(changes.kpi?.target ?? null)}`,
          `kpi_card_id = ${param(changes.kpi?.cardId ?? null)}`,
        );
      }
      if (changes.status !== undefined) {
        const status = param(changes.status);
        // In one statement with the change: the right-hand `status` is the one before it, so an
        // action that stays done keeps when it became done.
        sets.push(
          `done_at = CASE WHEN ${status}::text = 'done'
             THEN (CASE WHEN status = 'done' THEN done_at ELSE $2::bigint END) ELSE NULL END`,
          `status = ${status}`,
        );
      }
      const owner = onlyIfOwner === undefined ? '' : ` AND owner_id = ${param(onlyIfOwner)}`;
      const result = await exec.query(
        `UPDATE map_actions SET ${sets.join(', ')} WHERE id = $1${owner}`,
        values,
      );
      return (result.rowCount ?? 0) === 0 ? null : get(id);
    },

    async delete(id) {
      const result = await exec.query('DELETE FROM map_actions WHERE id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    },

    async ownedBy(userId) {
      const { rows } = await exec.query<PgActionRow & { map_title: string }>(
        `SELECT ${COLUMNS}, m.title AS map_title FROM map_actions a
         JOIN users u ON u.id = a.owner_id
         JOIN maps m ON m.id = a.map_id
         JOIN map_members mm ON mm.map_id = a.map_id AND mm.user_id = a.owner_id
         WHERE a.owner_id = $1 AND mm.role IN (${INTERNAL_ROLES_SQL}) ${ORDER}`,
        [userId],
      );
      return rows.map((row) => ({ ...toActionRow(row), mapTitle: row.map_title }));
    },
  };
}
