import type { MapId } from '../../shared/ids.ts';
import { MapRoleSchema, type MapRole } from '../../shared/policy.ts';
import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { MemberStore } from '../storage/storage.ts';
import type { MemberRow, RoleChangeRow, MemberMapRow } from '../storage/rows.ts';
import { toMapRow } from './maps.ts';

function toMemberRow(row: Record<string, unknown>): MemberRow {
  return {
    userId: String(row.user_id),
    email: row.email == null ? null : String(row.email),
    name: String(row.name),
    department: row.department == null ? null : String(row.department),
    guest: Number(row.is_guest) === 1,
    role: MapRoleSchema.parse(row.role),
    createdAt: Number(row.created_at),
  };
}

/** Who holds which role on which map. */
export class MemberRepository implements Synchronous<MemberStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** The user's role on the map, or null when they are not a member. */
  role(mapId: MapId, userId: string): MapRole | null {
    const row = this.#db
      .prepare('SELECT role FROM map_members WHERE map_id = ? AND user_id = ?')
      .get(mapId, userId);
    return row ? MapRoleSchema.parse(row.role) : null;
  }

  /** One member with their profile, or null. */
  get(mapId: MapId, userId: string): MemberRow | null {
    const row = this.#db
      .prepare(
        `SELECT m.user_id, m.role, m.created_at, u.email, u.name, u.department, u.is_guest
         FROM map_members m JOIN users u ON u.id = m.user_id WHERE m.map_id = ? AND m.user_id = ?`,
      )
      .get(mapId, userId);
    return row ? toMemberRow(row) : null;
  }

  /** Every member of a map, owners first, then by name. */
  list(mapId: MapId): MemberRow[] {
    return this.#db
      .prepare(
        `SELECT m.user_id, m.role, m.created_at, u.email, u.name, u.department, u.is_guest
         FROM map_members m JOIN users u ON u.id = m.user_id WHERE m.map_id = ?
         ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 WHEN 'commenter' THEN 2
           WHEN 'viewer' THEN 3 ELSE 4 END, u.name COLLATE NOCASE, m.user_id`,
      )
      .all(mapId)
      .map(toMemberRow);
  }

  /** The maps a user is a member of, most recently updated first. */
  mapsOf(userId: string): MemberMapRow[] {
    return this.#db
      .prepare(
        `SELECT maps.*, m.role FROM maps JOIN map_members m ON m.map_id = maps.id
         WHERE m.user_id = ? ORDER BY maps.updated_at DESC, maps.id`,
      )
      .all(userId)
      .map((row) => ({ ...toMapRow(row), role: MapRoleSchema.parse(row.role) }));
  }

  /** Adds a member (fails if they already are one). */
  add(mapId: MapId, userId: string, role: MapRole): void {
    this.#db
      .prepare('INSERT INTO map_members (map_id, user_id, role, created_at) VALUES (?, ?, ?, ?)')
      .run(mapId, userId, role, Date.now());
  }

  /** Changes a member's role. */
  setRole(mapId: MapId, userId: string, role: MapRole): void {
    this.#db
      .prepare('UPDATE map_members SET role = ? WHERE map_id = ? AND user_id = ?')
      .run(role, mapId, userId);
  }

  /** Records that a member's role changed (kept for the map's owners to see). */
  recordRoleChange(input: {
    mapId: MapId;
    userId: string;
    changedBy: string | null;
    from: MapRole;
    to: MapRole;
  }): void {
    this.#db
      .prepare(
        `INSERT INTO member_role_changes (map_id, user_id, changed_by, from_role, to_role, changed_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(input.mapId, input.userId, input.changedBy, input.from, input.to, Date.now());
  }

  /** The latest role change of each member of a map who had one, by user id. */
  latestRoleChanges(mapId: MapId): Map<string, RoleChangeRow> {
    const rows = this.#db
      .prepare(
        `SELECT c.seq, c.user_id, c.from_role, c.to_role, c.changed_by, c.changed_at, u.name AS by_name
         FROM member_role_changes c LEFT JOIN users u ON u.id = c.changed_by
         WHERE c.seq IN (SELECT MAX(seq) FROM member_role_changes WHERE map_id = ? GROUP BY user_id)`,
      )
      .all(mapId);
    return new Map(
      rows.map((row) => [
        String(row.user_id),
        {
          userId: String(row.user_id),
          from: MapRoleSchema.parse(row.from_role),
          to: MapRoleSchema.parse(row.to_role),
          changedBy:
            row.changed_by == null
              ? null
              : { userId: String(row.changed_by), name: String(row.by_name) },
          changedAt: Number(row.changed_at),
          seq: Number(row.seq),
        },
      ]),
    );
  }

  /**
   * The last role change an owner has seen on a map (0: none). Changes after it that someone else
   * made are new to them.
   */
  seenRoleChangeSeq(mapId: MapId, userId: string): number {
    const row = this.#db
      .prepare('SELECT seen_seq FROM member_role_change_reads WHERE map_id = ? AND user_id = ?')
      .get(mapId, userId);
    return row ? Number(row.seen_seq) : 0;
  }

  /** Marks every role change of a map so far as seen by this user. */
  markRoleChangesSeen(mapId: MapId, userId: string): void {
    this.#db
      .prepare(
        `INSERT INTO member_role_change_reads (map_id, user_id, seen_seq)
         SELECT ?, ?, COALESCE(MAX(seq), 0) FROM member_role_changes WHERE map_id = ?
         ON CONFLICT (map_id, user_id) DO UPDATE SET seen_seq = excluded.seen_seq`,
      )
      .run(mapId, userId, mapId);
  }

  /**
   * For each map this user owns, how many role changes made by someone else they have not seen
   * yet (maps with none are left out).
   */
  unseenRoleChangeCounts(userId: string): Map<MapId, number> {
    const rows = this.#db
      .prepare(
        `SELECT c.map_id, COUNT(*) AS n
         FROM map_members m
         JOIN member_role_changes c ON c.map_id = m.map_id
         LEFT JOIN member_role_change_reads r ON r.map_id = m.map_id AND r.user_id = m.user_id
         WHERE m.user_id = ? AND m.role = 'owner'
           AND c.seq > COALESCE(r.seen_seq, 0)
           AND c.changed_at >= m.created_at
           AND (c.changed_by IS NULL OR c.changed_by <> m.user_id)
         GROUP BY c.map_id`,
      )
      .all(userId);
    return new Map(rows.map((row) => [String(row.map_id) as MapId, Number(row.n)]));
  }

  /** Removes a member. */
  remove(mapId: MapId, userId: string): void {
    this.#db.prepare('DELETE FROM map_members WHERE map_id = ? AND user_id = ?').run(mapId, userId);
  }

  /** True when the user owns at least one map. */
  ownsAnyMap(userId: string): boolean {
    return (
      this.#db
        .prepare("SELECT 1 FROM map_members WHERE user_id = ? AND role = 'owner' LIMIT 1")
        .get(userId) !== undefined
    );
  }

  /** Number of owners of a map (the last one cannot leave or be demoted). */
  countOwners(mapId: MapId): number {
    return Number(
      this.#db
        .prepare("SELECT COUNT(*) AS n FROM map_members WHERE map_id = ? AND role = 'owner'")
        .get(mapId)?.n ?? 0,
    );
  }

  /** Makes the user owner of every map that has no member at all; returns how many. */
  claimUnownedMaps(userId: string): number {
    const result = this.#db
      .prepare(
        `INSERT INTO map_members (map_id, user_id, role, created_at)
         SELECT id, ?, 'owner', ? FROM maps
         WHERE NOT EXISTS (SELECT 1 FROM map_members WHERE map_members.map_id = maps.id)`,
      )
      .run(userId, Date.now());
    return Number(result.changes);
  }
}

export type { MemberRow, RoleChangeRow, MemberMapRow };
