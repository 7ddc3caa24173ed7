import type { MapId } from '../../shared/ids.ts';
import { newId } from '../../shared/ids.ts';
import { inTransaction, type Database } from './database.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { VoteCast, VoteRetract, VoteStore } from '../storage/storage.ts';
import type { VoteRoundRow, VoteRow } from '../storage/rows.ts';

const COLUMNS = `r.id, r.map_id, r.status, r.votes_per_person, r.card_ids, r.created_at, r.closed_at,
  r.created_by, u.name AS created_by_name`;
const FROM = 'vote_rounds r LEFT JOIN users u ON u.id = r.created_by';

/** The card ids column (a JSON array of strings; anything else reads as no cards). */
export function parseCardIds(raw: unknown): string[] {
  const value: unknown = JSON.parse(String(raw));
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

function toRoundRow(row: Record<string, unknown>): VoteRoundRow {
  return {
    id: String(row.id),
    mapId: String(row.map_id) as MapId,
    status: row.status === 'open' ? 'open' : 'closed',
    votesPerPerson: Number(row.votes_per_person),
    cardIds: parseCardIds(row.card_ids),
    createdAt: Number(row.created_at),
    closedAt: row.closed_at == null ? null : Number(row.closed_at),
    createdBy: row.created_by == null ? null : String(row.created_by),
    createdByName: row.created_by_name == null ? null : String(row.created_by_name),
  };
}

function toVoteRow(row: Record<string, unknown>): VoteRow {
  return {
    roundId: String(row.round_id),
    userId: String(row.user_id),
    cardId: String(row.card_id),
    createdAt: Number(row.created_at),
  };
}

/**
 * Vote rounds on SQLite. Each check and the write it guards run synchronously in one
 * transaction on the one connection, so no other call (another vote, a close) can run between
 * them: the vote limit holds however many requests arrive together.
 */
export class VoteRepository implements Synchronous<VoteStore> {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  createRound(input: {
    mapId: MapId;
    votesPerPerson: number;
    cardIds: readonly string[];
    createdBy: string;
  }): VoteRoundRow | 'round-open' {
    return inTransaction(this.#db, () => {
      const open = this.#db
        .prepare(`SELECT 1 FROM vote_rounds WHERE map_id = ? AND status = 'open'`)
        .get(input.mapId);
      if (open) return 'round-open';
      const id = newId();
      this.#db
        .prepare(
          `INSERT INTO vote_rounds (id, map_id, status, votes_per_person, card_ids, created_at,
             created_by)
           VALUES (?, ?, 'open', ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.mapId,
          input.votesPerPerson,
          JSON.stringify(input.cardIds),
          Date.now(),
          input.createdBy,
        );
      const row = this.round(id);
      if (!row) throw new Error('the round just stored cannot be read back');
      return row;
    });
  }

  round(id: string): VoteRoundRow | null {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = ?`).get(id);
    return row ? toRoundRow(row) : null;
  }

  rounds(mapId: MapId): VoteRoundRow[] {
    return this.#db
      .prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.map_id = ? ORDER BY r.seq DESC`)
      .all(mapId)
      .map(toRoundRow);
  }

  votes(roundId: string): VoteRow[] {
    return this.#db
      .prepare(
        `SELECT round_id, user_id, card_id, created_at FROM votes WHERE round_id = ?
         ORDER BY created_at, rowid`,
      )
      .all(roundId)
      .map(toVoteRow);
  }

  cast(roundId: string, userId: string, cardId: string): VoteCast {
    return inTransaction(this.#db, () => {
      const round = this.round(roundId);
      if (!round) return 'not-found';
      if (round.status !== 'open') return 'round-closed';
      if (!round.cardIds.includes(cardId)) return 'card-not-in-round';
      const mine = this.#db
        .prepare('SELECT card_id FROM votes WHERE round_id = ? AND user_id = ?')
        .all(roundId, userId)
        .map((row) => String(row.card_id));
      if (mine.includes(cardId)) return 'already-voted';
      if (mine.length >= round.votesPerPerson) return 'no-votes-left';
      this.#db
        .prepare('INSERT INTO votes (round_id, user_id, card_id, created_at) VALUES (?, ?, ?, ?)')
        .run(roundId, userId, cardId, Date.now());
      return 'ok';
    });
  }

  retract(roundId: string, userId: string, cardId: string): VoteRetract {
    return inTransaction(this.#db, () => {
      const round = this.round(roundId);
      if (!round) return 'not-found';
      if (round.status !== 'open') return 'round-closed';
      const result = this.#db
        .prepare('DELETE FROM votes WHERE round_id = ? AND user_id = ? AND card_id = ?')
        .run(roundId, userId, cardId);
      return Number(result.changes) > 0 ? 'ok' : 'not-voted';
    });
  }

  close(roundId: string): VoteRoundRow | 'not-found' | 'round-closed' {
    return inTransaction(this.#db, () => {
      const round = this.round(roundId);
      if (!round) return 'not-found';
      if (round.status !== 'open') return 'round-closed';
      this.#db
        .prepare(`UPDATE vote_rounds SET status = 'closed', closed_at = ? WHERE id = ?`)
        .run(Date.now(), roundId);
      return this.round(roundId) ?? 'not-found';
    });
  }
}
