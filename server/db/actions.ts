import { newId, type MapId } from '../../shared/ids.ts';
import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { ActionChanges, ActionStore, NewActionRow } from '../storage/storage.ts';
import {
  INTERNAL_ROLES_SQL,
  parseCardIds,
  toActionKpi,
  toActionStatus,
  type ActionRow,
  type OwnedActionRow,
} from '../storage/rows.ts';

const COLUMNS = `a.id, a.map_id, a.title, a.owner_id, u.name AS owner_name, a.department, a.due,
  a.status, a.card_ids, a.kpi_name, a.kpi_target, a.kpi_card_id, a.created_by, a.created_at,
  a.updated_at, a.done_at`;

/** The list order: due date ascending with none last, then oldest first. */
const ORDER = 'ORDER BY a.due IS NULL, a.due, a.created_at, a.seq';

function toActionRow(row: Record<string, unknown>): ActionRow {
  return {
    id: String(row.id),
    mapId: String(row.map_id) as MapId,
    title: String(row.title),
    ownerId: String(row.owner_id),
    ownerName: String(row.owner_name ?? ''),
    department: row.department == null ? null : String(row.department),
    due: row.due == null ? null : String(row.due),
    status: toActionStatus(row.status),
    cardIds: parseCardIds(row.card_ids),
    kpi: toActionKpi(row.kpi_name, row.kpi_target, row.kpi_card_id),
    createdBy: row.created_by == null ? null : String(row.created_by),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    doneAt: row.done_at == null ? null : Number(row.done_at),
  };
}

type SqlValue = string | number | null;

/** Map actions on SQLite. */
export class ActionRepository implements Synchronous<ActionStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Stores a new action (the map and owner must exist: the foreign keys refuse it otherwise). */
  create(input: NewActionRow): ActionRow {
    const id = newId();
    const now = Date.now();
    this.#db
      .prepare(
        `INSERT INTO map_actions (id, map_id, title, owner_id, department, due, status, card_ids,
           kpi_name, kpi_target, kpi_card_id, created_by, created_at, updated_at, done_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
        now,
        input.status === 'done' ? now : null,
      );
    const row = this.get(id);
    if (!row) throw new Error('the action just stored cannot be read back');
    return row;
  }

  get(id: string): ActionRow | null {
    const row = this.#db
      .prepare(
        `SELECT ${COLUMNS} FROM map_actions a JOIN users u ON u.id = a.owner_id WHERE a.id = ?`,
      )
      .get(id);
    return row ? toActionRow(row) : null;
  }

  list(mapId: MapId): ActionRow[] {
    return this.#db
      .prepare(
        `SELECT ${COLUMNS} FROM map_actions a JOIN users u ON u.id = a.owner_id
         WHERE a.map_id = ? ${ORDER}`,
      )
      .all(mapId)
      .map(toActionRow);
  }

  update(id: string, changes: ActionChanges, onlyIfOwner?: string): ActionRow | null {
    const now = Date.now();
    const sets: string[] = ['updated_at = ?'];
    const values: SqlValue[] = [now];
    const set = (column: string, value: SqlValue) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (changes.title !== undefined) set('title', changes.title);
    if (changes.ownerId !== undefined) set('owner_id', changes.ownerId);
    if (changes.department !== undefined) set('department', changes.department);
    if (changes.due !== undefined) set('due', changes.due);
    if (changes.cardIds !== undefined) set('card_ids', JSON.stringify(changes.cardIds));
    if (changes.kpi !== undefined) {
      set('kpi_name', changes.kpi?.name ?? null);
      set('kpi_target', changes.kpi?.target ?? null);
      set('kpi_card_id', changes.kpi?.cardId ?? null);
    }
    if (changes.status !== undefined) {
      // In one statement with the change: the right-hand `status` is the one before it, so an
      // action that stays done keeps when it became done.
      sets.push(
        `done_at = CASE WHEN ? = 'done' THEN (CASE WHEN status = 'done' THEN done_at ELSE ? END)
           ELSE NULL END`,
      );
      values.push(changes.status, now);
      set('status', changes.status);
    }
    const owner = onlyIfOwner === undefined ? '' : ' AND owner_id = ?';
    const result = this.#db
      .prepare(`UPDATE map_actions SET ${sets.join(', ')} WHERE id = ?${owner}`)
      .run(...values, id, ...(onlyIfOwner === undefined ? [] : [onlyIfOwner]));
    return Number(result.changes) === 0 ? null : this.get(id);
  }

  delete(id: string): boolean {
    const result = this.#db.prepare('DELETE FROM map_actions WHERE id = ?').run(id);
    return Number(result.changes) > 0;
  }

  ownedBy(userId: string): OwnedActionRow[] {
    return this.#db
      .prepare(
        `SELECT ${COLUMNS}, m.title AS map_title FROM map_actions a
         JOIN users u ON u.id = a.owner_id
         JOIN maps m ON m.id = a.map_id
         JOIN map_members mm ON mm.map_id = a.map_id AND mm.user_id = a.owner_id
         WHERE a.owner_id = ? AND mm.role IN (${INTERNAL_ROLES_SQL}) ${ORDER}`,
      )
      .all(userId)
      .map((row) => ({ ...toActionRow(row), mapTitle: String(row.map_title) }));
  }
}
