import type { MapId } from '../../../shared/ids.ts';
import { MapRoleSchema, type MapRole } from '../../../shared/policy.ts';
import type { MemberRow, RoleChangeRow } from '../rows.ts';
import type { MemberStore } from '../storage.ts';
import type { Executor } from './executor.ts';
import { toMapRow, type PgMapRow } from './mapStore.ts';

interface PgMemberRow {
  user_id: string;
  role: string;
  created_at: string;
  email: string | null;
  name: string;
  department: string | null;
  is_guest: boolean;
}

function toMemberRow(row: PgMemberRow): MemberRow {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    department: row.department,
    guest: row.is_guest,
    role: MapRoleSchema.parse(row.role),
    createdAt: Number(row.created_at),
  };
}

interface PgRoleChangeRow {
  seq: string;
  user_id: string;
  from_role: string;
  to_role: string;
  changed_by: string | null;
  changed_at: string;
  by_name: string | null;
}

const MEMBER_COLUMNS = `m.user_id, m.role, m.created_at, u.email, u.name, u.department, u.is_guest
  FROM map_members m JOIN users u ON u.id = m.user_id`;

/** Who holds which role on which map, and the record of role changes, on PostgreSQL. */
export function postgresMemberStore(exec: Executor): MemberStore {
  return {
    async role(mapId, userId) {
      const { rows } = await exec.query<{ role: string }>(
        'SELECT role FROM map_members WHERE map_id = $1 AND user_id = $2',
        [mapId, userId],
      );
      return rows[0] ? MapRoleSchema.parse(rows[0].role) : null;
    },

    async get(mapId, userId) {
      const { rows } = await exec.query<PgMemberRow>(
        `SELECT ${MEMBER_COLUMNS} WHERE m.map_id = $1 AND m.user_id = $2`,
        [mapId, userId],
      );
      return rows[0] ? toMemberRow(rows[0]) : null;
    },

    async list(mapId) {
      // Owners first, then by name ignoring case (SQLite: COLLATE NOCASE), then by id.
      const { rows } = await exec.query<PgMemberRow>(
        `SELECT ${MEMBER_COLUMNS} WHERE m.map_id = $1
         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 WHEN 'commenter' THEN 2
           WHEN 'viewer' THEN 3 ELSE 4 END, lower(u.name) COLLATE "C", m.user_id COLLATE "C"`,
        [mapId],
      );
      return rows.map(toMemberRow);
    },

    async mapsOf(userId) {
      const { rows } = await exec.query<PgMapRow & { role: string }>(
        `SELECT maps.*, m.role FROM maps JOIN map_members m ON m.map_id = maps.id
         WHERE m.user_id = $1 ORDER BY maps.updated_at DESC, maps.id COLLATE "C"`,
        [userId],
      );
      return rows.map((row) => ({ ...toMapRow(row), role: MapRoleSchema.parse(row.role) }));
    },

    async add(mapId, userId, role) {
      await exec.query(
        'INSERT INTO map_members (map_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)',
        [mapId, userId, role, Date.now()],
      );
    },

    async setRole(mapId, userId, role) {
      await exec.query('UPDATE map_members SET role = $1 WHERE map_id = $2 AND user_id = $3', [
        role,
        mapId,
        userId,
      ]);
    },

    async recordRoleChange(input) {
      await exec.query(
        `INSERT INTO member_role_changes
           (map_id, user_id, changed_by, from_role, to_role, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [input.mapId, input.userId, input.changedBy, input.from, input.to, Date.now()],
      );
    },

    async latestRoleChanges(mapId) {
      const { rows } = await exec.query<PgRoleChangeRow>(
        `SELECT c.seq, c.user_id, c.from_role, c.to_role, c.changed_by, c.changed_at,
           u.name AS by_name
         FROM member_role_changes c LEFT JOIN users u ON u.id = c.changed_by
         WHERE c.seq IN (SELECT MAX(seq) FROM member_role_changes WHERE map_id = $1 GROUP BY user_id)`,
        [mapId],
      );
      return new Map(
        rows.map((row): [string, RoleChangeRow] => [
          row.user_id,
          {
            userId: row.user_id,
            from: MapRoleSchema.parse(row.from_role),
            to: MapRoleSchema.parse(row.to_role),
            changedBy:
              row.changed_by == null ? null : { userId: row.changed_by, name: String(row.by_name) },
            changedAt: Number(row.changed_at),
            seq: Number(row.seq),
          },
        ]),
      );
    },

    async seenRoleChangeSeq(mapId, userId) {
      const { rows } = await exec.query<{ seen_seq: string }>(
        'SELECT seen_seq FROM member_role_change_reads WHERE map_id = $1 AND user_id = $2',
        [mapId, userId],
      );
      return rows[0] ? Number(rows[0].seen_seq) : 0;
    },

    async markRoleChangesSeen(mapId, userId) {
      await exec.query(
        `INSERT INTO member_role_change_reads (map_id, user_id, seen_seq)
         SELECT $1, $2, COALESCE(MAX(seq), 0) FROM member_role_changes WHERE map_id = $1
         ON CONFLICT (map_id, user_id) DO UPDATE SET seen_seq = excluded.seen_seq`,
        [mapId, userId],
      );
    },

    async unseenRoleChangeCounts(userId) {
      const { rows } = await exec.query<{ map_id: string; n: string }>(
        `SELECT c.map_id, COUNT(*) AS n
         FROM map_members m
         JOIN member_role_changes c ON c.map_id = m.map_id
         LEFT JOIN member_role_change_reads r ON r.map_id = m.map_id AND r.user_id = m.user_id
         WHERE m.user_id = $1 AND m.role = 'owner'
           AND c.seq > COALESCE(r.seen_seq, 0)
           AND c.changed_at >= m.created_at
           AND (c.changed_by IS NULL OR c.changed_by <> m.user_id)
         GROUP BY c.map_id`,
        [userId],
      );
      return new Map(rows.map((row): [MapId, number] => [row.map_id as MapId, Number(row.n)]));
    },

    async remove(mapId, userId) {
      await exec.query('DELETE FROM map_members WHERE map_id = $1 AND user_id = $2', [
        mapId,
        userId,
      ]);
    },

    async ownsAnyMap(userId) {
      const { rows } = await exec.query(
        "SELECT 1 FROM map_members WHERE user_id = $1 AND role = 'owner' LIMIT 1",
        [userId],
      );
      return rows.length > 0;
    },

    async countOwners(mapId) {
      const { rows } = await exec.query<{ n: string }>(
        "SELECT COUNT(*) AS n FROM map_members WHERE map_id = $1 AND role = 'owner'",
        [mapId],
      );
      return Number(rows[0]?.n ?? 0);
    },

    async claimUnownedMaps(userId) {
      const owner: MapRole = 'owner';
      const result = await exec.query(
        `INSERT INTO map_members (map_id, user_id, role, created_at)
         SELECT id, $1, $2, $3 FROM maps
         WHERE NOT EXISTS (SELECT 1 FROM map_members WHERE map_members.map_id = maps.id)`,
        [userId, owner, Date.now()],
      );
      return result.rowCount ?? 0;
    },
  };
}
