import { newId, type MapId } from '../../../shared/ids.ts';
import { MapRoleSchema } from '../../../shared/policy.ts';
import type { InviteRow } from '../rows.ts';
import type { InviteStore } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgInviteRow {
  id: string;
  map_id: string;
  role: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  max_uses: number | null;
  uses: number;
  label: string | null;
}

function toInviteRow(row: PgInviteRow): InviteRow {
  return {
    id: row.id,
    mapId: row.map_id as MapId,
    role: MapRoleSchema.parse(row.role),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at == null ? null : Number(row.revoked_at),
    maxUses: row.max_uses,
    uses: row.uses,
    label: row.label,
  };
}

/** Invite links on PostgreSQL (only the SHA-256 of a token is stored). */
export function postgresInviteStore(exec: Executor): InviteStore {
  return {
    async create(input) {
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
      await exec.query(
        `INSERT INTO map_invites
           (id, map_id, token_hash, role, created_by, created_at, expires_at, max_uses, label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          row.id,
          row.mapId,
          input.tokenHash,
          row.role,
          row.createdBy,
          row.createdAt,
          row.expiresAt,
          row.maxUses,
          row.label,
        ],
      );
      return row;
    },

    async byTokenHash(tokenHash) {
      const { rows } = await exec.query<PgInviteRow>(
        'SELECT * FROM map_invites WHERE token_hash = $1',
        [tokenHash],
      );
      return rows[0] ? toInviteRow(rows[0]) : null;
    },

    async get(mapId, id) {
      const { rows } = await exec.query<PgInviteRow>(
        'SELECT * FROM map_invites WHERE map_id = $1 AND id = $2',
        [mapId, id],
      );
      return rows[0] ? toInviteRow(rows[0]) : null;
    },

    async list(mapId) {
      const { rows } = await exec.query<PgInviteRow>(
        'SELECT * FROM map_invites WHERE map_id = $1 ORDER BY created_at DESC, id COLLATE "C"',
        [mapId],
      );
      return rows.map(toInviteRow);
    },

    async consumeUse(id) {
      // One conditional UPDATE: under concurrent accepts PostgreSQL re-checks the condition on
      // the row version the first one committed, so the last use is taken exactly once.
      const result = await exec.query(
        `UPDATE map_invites SET uses = uses + 1
         WHERE id = $1 AND (max_uses IS NULL OR uses < max_uses)`,
        [id],
      );
      return result.rowCount === 1;
    },

    async revoke(mapId, id) {
      await exec.query(
        `UPDATE map_invites SET revoked_at = $1
         WHERE map_id = $2 AND id = $3 AND revoked_at IS NULL`,
        [Date.now(), mapId, id],
      );
    },
  };
}
