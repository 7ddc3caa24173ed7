import type { MapId } from '../../../shared/ids.ts';
import { newId } from '../../../shared/ids.ts';
import { parseCardIds } from '../../db/votes.ts';
import type { VoteRoundRow } from '../rows.ts';
import type { VoteStore } from '../storage.ts';
import type { Executor } from './executor.ts';

interface PgRoundRow {
  id: string;
  map_id: string;
  status: string;
  votes_per_person: number;
  card_ids: string;
  created_at: string;
  closed_at: string | null;
  created_by: string | null;
  created_by_name: string | null;
}

const COLUMNS = `r.id, r.map_id, r.status, r.votes_per_person, r.card_ids, r.created_at, r.closed_at,
  r.created_by, u.name AS created_by_name`;
const FROM = 'vote_rounds r LEFT JOIN users u ON u.id = r.created_by';

function toRoundRow(row: PgRoundRow): VoteRoundRow {
  return {
    id: row.id,
    mapId: row.map_id as MapId,
    status: row.status === 'open' ? 'open' : 'closed',
    votesPerPerson: Number(row.votes_per_person),
    cardIds: parseCardIds(row.card_ids),
    createdAt: Number(row.created_at),
    closedAt: row.closed_at == null ? null : Number(row.closed_at),
    createdBy: row.created_by,
    createdByName: row.created_by_name,
  };
}

/** Reads one round, locking its row (FOR UPDATE OF r) when `lock` inside a transaction. */
async function readRound(exec: Executor, id: string, lock = false): Promise<VoteRoundRow | null> {
  const { rows } = await exec.query<PgRoundRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
  const row = rows[0];
  return row ? toRoundRow(row) : null;
}

/**
 * Vote rounds on PostgreSQL. Every vote, retraction and close holds the round's row (FOR UPDATE)
 * for its transaction, so concurrent votes of one round are checked one after the other: the
 * count a vote sees includes every vote committed before it, and none lands after the close.
 */
export function postgresVoteStore(exec: Executor): VoteStore {
  return {
    async createRound(input) {
      const id = newId();
      // The partial unique index keeps one open round per map; a second is simply not inserted.
      const { rows } = await exec.query<{ id: string }>(
        `INSERT INTO vote_rounds (id, map_id, status, votes_per_person, card_ids, created_at,
           created_by)
         VALUES ($1, $2, 'open', $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          id,
          input.mapId,
          input.votesPerPerson,
          JSON.stringify(input.cardIds),
          Date.now(),
          input.createdBy,
        ],
      );
      if (rows.length === 0) return 'round-open';
      const round = await readRound(exec, id);
      if (!round) throw new Error('the round just stored cannot be read back');
      return round;
    },

    round: (id) => readRound(exec, id),

    async rounds(mapId) {
      const { rows } = await exec.query<PgRoundRow>(
        `SELECT ${COLUMNS} FROM ${FROM} WHERE r.map_id = $1 ORDER BY r.seq DESC`,
        [mapId],
      );
      return rows.map(toRoundRow);
    },

    async votes(roundId) {
      const { rows } = await exec.query<{
        round_id: string;
        user_id: string;
        card_id: string;
        created_at: string;
      }>(
        `SELECT round_id, user_id, card_id, created_at FROM votes WHERE round_id = $1
         ORDER BY created_at, user_id, card_id`,
        [roundId],
      );
      return rows.map((row) => ({
        roundId: row.round_id,
        userId: row.user_id,
        cardId: row.card_id,
        createdAt: Number(row.created_at),
      }));
    },

    cast: (roundId, userId, cardId) =>
      exec.atomic(async (tx) => {
        const round = await readRound(tx, roundId, true);
        if (!round) return 'not-found';
        if (round.status !== 'open') return 'round-closed';
        if (!round.cardIds.includes(cardId)) return 'card-not-in-round';
        const { rows } = await tx.query<{ card_id: string }>(
          'SELECT card_id FROM votes WHERE round_id = $1 AND user_id = $2',
          [roundId, userId],
        );
        if (rows.some((row) => row.card_id === cardId)) return 'already-voted';
        if (rows.length >= round.votesPerPerson) return 'no-votes-left';
        await tx.query(
          'INSERT INTO votes (round_id, user_id, card_id, created_at) VALUES ($1, $2, $3, $4)',
          [roundId, userId, cardId, Date.now()],
        );
        return 'ok';
      }),

    retract: (roundId, userId, cardId) =>
      exec.atomic(async (tx) => {
        const round = await readRound(tx, roundId, true);
        if (!round) return 'not-found';
        if (round.status !== 'open') return 'round-closed';
        const result = await tx.query(
          'DELETE FROM votes WHERE round_id = $1 AND user_id = $2 AND card_id = $3',
          [roundId, userId, cardId],
        );
        return (result.rowCount ?? 0) > 0 ? 'ok' : 'not-voted';
      }),

    close: (roundId) =>
      exec.atomic(async (tx) => {
        const round = await readRound(tx, roundId, true);
        if (!round) return 'not-found';
        if (round.status !== 'open') return 'round-closed';
        await tx.query(`UPDATE vote_rounds SET status = 'closed', closed_at = $1 WHERE id = $2`, [
          Date.now(),
          roundId,
        ]);
        return (await readRound(tx, roundId)) ?? 'not-found';
      }),
  };
}
