import type { Hocuspocus } from '@hocuspocus/server';
import type { MapId } from '../../shared/ids.ts';
import type { Storage, VoteCast, VoteRetract } from '../storage/storage.ts';
import type { VoteRoundRow } from '../storage/rows.ts';
import { votableCards } from './eligibleCards.ts';
import { myRoundJson, type MyRoundJson } from './roundJson.ts';
import type { VotesMirror } from './votesMirror.ts';

/** What the vote commands need. */
export interface VoteCommandDeps {
  storage: Pick<Storage, 'votes'>;
  hocuspocus: Hocuspocus;
  votesMirror: VotesMirror;
}

/** Why a vote command was refused. */
export type VoteRefusal =
  | { kind: 'round-open' }
  | { kind: 'no-cards' }
  | { kind: 'unknown-cards'; cardIds: string[] }
  | { kind: 'round-not-found' }
  | { kind: Exclude<VoteCast | VoteRetract, 'ok' | 'not-found' | 'not-voted'> };

/** A refused command; the HTTP layer turns it into the contract's error. */
export class VoteCommandError extends Error {
  readonly refusal: VoteRefusal;

  constructor(refusal: VoteRefusal) {
    super(`vote command refused: ${refusal.kind}`);
    this.refusal = refusal;
  }
}

/** A round as `userId` sees it, read from storage now. */
export async function readRound(
  deps: Pick<VoteCommandDeps, 'storage'>,
  round: VoteRoundRow,
  userId: string,
): Promise<MyRoundJson> {
  return myRoundJson(round, await deps.storage.votes.votes(round.id), userId);
}

/** Every round of a map as `userId` sees it, newest first. */
export async function listRounds(
  deps: Pick<VoteCommandDeps, 'storage'>,
  mapId: MapId,
  userId: string,
): Promise<MyRoundJson[]> {
  const rounds = await deps.storage.votes.rounds(mapId);
  return Promise.all(rounds.map((round) => readRound(deps, round, userId)));
}

/**
 * Starts a round on the given cards (each must be a pain-point or opportunity card on the board
 * now), or on every such card when none are given. The round keeps them in board order.
 */
export async function startRound(
  deps: VoteCommandDeps,
  mapId: MapId,
  userId: string,
  input: { votesPerPerson: number; cardIds?: readonly string[] | undefined },
): Promise<MyRoundJson> {
  const votable = await votableCards(deps.hocuspocus, mapId);
  let cardIds = votable;
  if (input.cardIds !== undefined) {
    const wanted = new Set(input.cardIds);
    const unknown = [...wanted].filter((id) => !votable.includes(id));
    if (unknown.length > 0) throw new VoteCommandError({ kind: 'unknown-cards', cardIds: unknown });
    cardIds = votable.filter((id) => wanted.has(id));
  }
  if (cardIds.length === 0) throw new VoteCommandError({ kind: 'no-cards' });
  const round = await deps.storage.votes.createRound({
    mapId,
    votesPerPerson: input.votesPerPerson,
    cardIds,
    createdBy: userId,
  });
  if (round === 'round-open') throw new VoteCommandError({ kind: 'round-open' });
  await deps.votesMirror.refresh(mapId);
  return readRound(deps, round, userId);
}

/** Reads a round back after an accepted command, refreshing the live mirror first. */
async function afterChange(
  deps: VoteCommandDeps,
  round: VoteRoundRow,
  userId: string,
): Promise<MyRoundJson> {
  await deps.votesMirror.refresh(round.mapId);
  const now = await deps.storage.votes.round(round.id);
  if (!now) throw new VoteCommandError({ kind: 'round-not-found' });
  return readRound(deps, now, userId);
}

/** The session user's vote for a card of the round (the store checks the limit atomically). */
export async function castVote(
  deps: VoteCommandDeps,
  round: VoteRoundRow,
  userId: string,
  cardId: string,
): Promise<MyRoundJson> {
  const outcome = await deps.storage.votes.cast(round.id, userId, cardId);
  if (outcome === 'not-found') throw new VoteCommandError({ kind: 'round-not-found' });
  if (outcome !== 'ok') throw new VoteCommandError({ kind: outcome });
  return afterChange(deps, round, userId);
}

/** Takes the session user's own vote for a card back (nothing to take back is fine). */
export async function retractVote(
  deps: VoteCommandDeps,
  round: VoteRoundRow,
  userId: string,
  cardId: string,
): Promise<MyRoundJson> {
  const outcome = await deps.storage.votes.retract(round.id, userId, cardId);
  if (outcome === 'not-found') throw new VoteCommandError({ kind: 'round-not-found' });
  if (outcome === 'round-closed') throw new VoteCommandError({ kind: outcome });
  return afterChange(deps, round, userId);
}

/** Closes the round: from now on everyone sees every card's count, ranked. */
export async function closeRound(
  deps: VoteCommandDeps,
  round: VoteRoundRow,
  userId: string,
): Promise<MyRoundJson> {
  const closed = await deps.storage.votes.close(round.id);
  if (closed === 'not-found') throw new VoteCommandError({ kind: 'round-not-found' });
  if (closed === 'round-closed') throw new VoteCommandError({ kind: 'round-closed' });
  return afterChange(deps, closed, userId);
}
