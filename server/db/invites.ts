import { newId, type MapId } from '../../shared/ids.ts';
import { MapRoleSchema, type MapRole } from '../../shared/policy.ts';
import type { Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { InviteStore } from '../storage/storage.ts';
import type { InviteRow } from '../storage/rows.ts';

function toInviteRow(row: Record<string, unknown>): InviteRow {
  return {
    id: String(row.id),
    mapId: String(row.map_id) as MapId,
    role: MapRoleSchema.parse(row.role),
    createdBy: row.created_by == null ? null : String(row.created_by),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at == null ? null : Number(row.revoked_at),
    maxUses: row.max_uses == null ? null : Number(row.max_uses),
    uses: Number(row.uses ?? 0),
    label: row.label == null ? null : String(row.label),
  };
}

/** Invite links of maps. */
export class InviteRepository implements Synchronous<InviteStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Stores a new invite under the hash of its token. */
  create(input: {
    mapId: MapId;
    role: MapRole;
    tokenHash: Uint8Array;
    createdBy: string;
    expiresAt: number;
    maxUses: number | null;
    label?: string | null;
  }): InviteRow {
    const row: InviteRow = {
      id: newId(),
      mapId: input.mapId,
      role: input.role,
      createdBy: input.createdBy,
      createdAt: Date.now(),
      expiresAt: input.expiresAt,
      revokedAt: null,
      maxUses: input.maxUses,
      uses: 0,
      label: input.label ?? null,
    };
    this.#db
      .prepare(
        `INSERT INTO map_invites
           (id, map_id, token_hash, role, created_by, created_at, expires_at, max_uses, label)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        row.mapId,
        input.tokenHash,
        row.role,
        row.createdBy,
        row.createdAt,
        row.expiresAt,
        row.maxUses,
        row.label,
      );
    return row;
  }

  /** The invite whose token hashes to tokenHash, or null. */
  byTokenHash(tokenHash: Uint8Array): InviteRow | null {
    const row = this.#db.prepare('SELECT * FROM map_invites WHERE token_hash = ?').get(tokenHash);
    return row ? toInviteRow(row) : null;
  }

  /** One invite of a map, or null. */
  get(mapId: MapId, id: string): InviteRow | null {
    const row = this.#db
      .prepare('SELECT * FROM map_invites WHERE map_id = ? AND id = ?')
      .get(mapId, id);
    return row ? toInviteRow(row) : null;
  }

  /** Every invite of a map, newest first. */
  list(mapId: MapId): InviteRow[] {
    return this.#db
      .prepare('SELECT * FROM map_invites WHERE map_id = ? ORDER BY created_at DESC, id')
      .all(mapId)
      .map(toInviteRow);
  }

  /**
   * Counts one use of the invite if it has one left; false when it is used up. A single
   * conditional UPDATE, so two people accepting at once can never both pass the last use.
   */
  consumeUse(id: string): boolean {
    const result = this.#db
      .prepare(
        'UPDATE map_invites SET uses = uses + 1 WHERE id = ? AND (max_uses IS NULL OR uses < max_uses)',
      )
      .run(id);
    return Number(result.changes) === 1;
  }

  /** Marks an invite revoked (kept for the list, refused on accept). */
  revoke(mapId: MapId, id: string): void {
    this.#db
      .prepare(
        'UPDATE map_invites SET revoked_at = ? WHERE map_id = ? AND id = ? AND revoked_at IS NULL',
      )
      .run(Date.now(), mapId, id);
  }
}

export type { InviteRow };
