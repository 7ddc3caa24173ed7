import type { MapId } from '../../shared/ids.ts';
import type { VoteRoundRow, VoteRoundStatus, VoteRow } from '../storage/rows.ts';

/** One card's votes in a closed round. */
export interface VoteResult {
  cardId: string;
  votes: number;
}

/**
 * A round as everyone sees it (the live `map:<id>/votes` document holds exactly this). While the
 * round is open it tells how many people voted and nothing else about the votes: no per-card
 * counts, no voter ids.
 */
export interface RoundJson {
  id: string;
  mapId: MapId;
  status: VoteRoundStatus;
  votesPerPerson: number;
  cardIds: string[];
  createdAt: string;
  closedAt: string | null;
  createdBy: string | null;
  createdByName: string | null;
  /** How many people cast at least one vote. */
  voters: number;
  /** Every card of the round ranked (votes desc, then board order) once closed; null while open. */
  results: VoteResult[] | null;
}

/** A round as one caller sees it over HTTP: the public round plus their own votes. */
export interface MyRoundJson extends RoundJson {
  /** The caller's votes (card ids, in the round's board order). */
  myVotes: string[];
}

/** Ranks every card of the round by votes, ties in board order (the round's card order). */
export function rankResults(cardIds: readonly string[], votes: readonly VoteRow[]): VoteResult[] {
  const counts = new Map<string, number>(cardIds.map((id) => [id, 0]));
  for (const vote of votes) {
    const count = counts.get(vote.cardId);
    if (count !== undefined) counts.set(vote.cardId, count + 1);
  }
  return cardIds
    .map((cardId, index) => ({ cardId, votes: counts.get(cardId) ?? 0, index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
    .map(({ cardId, votes: count }) => ({ cardId, votes: count }));
}

/** The public JSON of a round given all its votes (which it never shows while open). */
export function roundJson(round: VoteRoundRow, votes: readonly VoteRow[]): RoundJson {
  return {
    id: round.id,
    mapId: round.mapId,
    status: round.status,
    votesPerPerson: round.votesPerPerson,
    cardIds: [...round.cardIds],
    createdAt: new Date(round.createdAt).toISOString(),
    closedAt: round.closedAt === null ? null : new Date(round.closedAt).toISOString(),
    createdBy: round.createdBy,
    createdByName: round.createdByName,
    voters: new Set(votes.map((vote) => vote.userId)).size,
    results: round.status === 'closed' ? rankResults(round.cardIds, votes) : null,
  };
}

/** The round as `userId` sees it over HTTP. */
export function myRoundJson(
  round: VoteRoundRow,
  votes: readonly VoteRow[],
  userId: string,
): MyRoundJson {
  const mine = new Set(votes.filter((vote) => vote.userId === userId).map((vote) => vote.cardId));
  return { ...roundJson(round, votes), myVotes: round.cardIds.filter((id) => mine.has(id)) };
}
