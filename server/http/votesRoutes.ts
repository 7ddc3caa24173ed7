import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { isId, type MapId } from '../../shared/ids.ts';
import { can, type MapAction } from '../../shared/policy.ts';
import type { VoteRoundRow } from '../storage/rows.ts';
import {
  castVote,
  closeRound,
  listRounds,
  readRound,
  retractVote,
  startRound,
  VoteCommandError,
  type VoteCommandDeps,
  type VoteRefusal,
} from '../votes/voteCommands.ts';
import { VotesMirror } from '../votes/votesMirror.ts';
import type { AppEnv, AuthState } from './env.ts';
import { ApiError, notFound } from './errors.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';
import { requireAuth } from './session.ts';
import { readJson } from './validate.ts';

/** What the vote routes need (they keep the live `map:<id>/votes` mirror themselves). */
export type VotesRouteDeps = Omit<VoteCommandDeps, 'votesMirror'> &
  MapAccessDeps & { storage: VoteCommandDeps['storage'] & MapAccessDeps['storage'] };

/** A card id as the map document has them (a short opaque string). */
const CardIdSchema = z
  .string({ error: 'cardId must be a string' })
  .min(1, 'cardId must not be empty')
  .max(64, 'cardId is too long');

// Strict: a body naming anything else (a voter, say) is refused; the voter is the session.
const newRoundBody = z.strictObject({
  votesPerPerson: z
    .number({ error: 'votesPerPerson must be a number' })
    .int('votesPerPerson must be a whole number')
    .min(1, 'votesPerPerson must be at least 1')
    .max(20, 'votesPerPerson must be at most 20'),
  cardIds: z.array(CardIdSchema).min(1, 'cardIds must not be empty').max(500).optional(),
});

const voteBody = z.strictObject({ cardId: CardIdSchema });

/** The contract's error for a refused vote command. */
function refusalError(refusal: VoteRefusal): ApiError {
  switch (refusal.kind) {
    case 'round-open':
      return new ApiError(409, 'round-open', 'this map already has an open vote round');
    case 'no-cards':
      return new ApiError(
        400,
        'no-cards',
        'there are no pain-point or opportunity cards to vote on',
      );
    case 'unknown-cards':
      return new ApiError(
        400,
        'unknown-card',
        `cardIds: not pain-point or opportunity cards of this map: ${refusal.cardIds.join(', ')}`,
      );
    case 'round-not-found':
      return notFound('vote round');
    case 'round-closed':
      return new ApiError(409, 'round-closed', 'this vote round is closed');
    case 'card-not-in-round':
      return new ApiError(400, 'card-not-in-round', 'cardId: this card is not part of the round');
    case 'already-voted':
      return new ApiError(409, 'already-voted', 'you already voted for this card');
    case 'no-votes-left':
      return new ApiError(409, 'no-votes-left', 'you have used all your votes in this round');
  }
}

/** Runs a command, turning its refusal into the contract's error. */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof VoteCommandError) throw refusalError(error.refusal);
    throw error;
  }
}

/**
 * The vote round routes: /api/maps/:id/vote-rounds (start, list) and /api/vote-rounds/:id (read,
 * vote, take a vote back, close). Mounted at /api.
 */
export function votesRoutes(deps: VotesRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const commands: VoteCommandDeps = {
    ...deps,
    votesMirror: new VotesMirror(deps.hocuspocus, deps.storage.votes),
  };

  /**
   * The gate of /api/vote-rounds/:id: 401 when not signed in; 404 when the round does not exist
   * or the caller may not vote on its map (non-members and customers do not learn it exists);
   * 403 when their role does not allow `action`.
   */
  async function roundAccess(
    c: Context<AppEnv>,
    action: MapAction,
  ): Promise<AuthState & { round: VoteRoundRow }> {
    const state = requireAuth(c);
    const id = c.req.param('id');
    const round = isId(id) ? await deps.storage.votes.round(id) : null;
    const role = round ? await deps.storage.members.role(round.mapId, state.user.id) : null;
    if (!round || !role || !can(role, 'votes.cast')) throw notFound('vote round');
    if (!can(role, action)) {
      throw new ApiError(403, 'forbidden', `your role on this map (${role}) does not allow this`);
    }
    return { ...state, round };
  }

  app.post('/maps/:id/vote-rounds', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'votes.run');
    const body = await readJson(c, newRoundBody);
    const round = await run(() =>
      startRound(commands, map.id, user.id, {
        votesPerPerson: body.votesPerPerson,
        cardIds: body.cardIds,
      }),
    );
    return c.json({ id: round.id, round }, 201);
  });

  app.get('/maps/:id/vote-rounds', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'votes.cast');
    c.header('Cache-Control', 'no-store');
    return c.json({ rounds: await listRounds(deps, map.id as MapId, user.id) });
  });

  app.get('/vote-rounds/:id', async (c) => {
    const { round, user } = await roundAccess(c, 'votes.cast');
    c.header('Cache-Control', 'no-store');
    return c.json({ round: await readRound(deps, round, user.id) });
  });

  app.post('/vote-rounds/:id/votes', async (c) => {
    const { round, user } = await roundAccess(c, 'votes.cast');
    const body = await readJson(c, voteBody);
    return c.json({ round: await run(() => castVote(commands, round, user.id, body.cardId)) }, 201);
  });

  app.delete('/vote-rounds/:id/votes/:cardId', async (c) => {
    const { round, user } = await roundAccess(c, 'votes.cast');
    const cardId = c.req.param('cardId');
    return c.json({ round: await run(() => retractVote(commands, round, user.id, cardId)) });
  });

  app.post('/vote-rounds/:id/close', async (c) => {
    const { round, user } = await roundAccess(c, 'votes.run');
    return c.json({ round: await run(() => closeRound(commands, round, user.id)) });
  });

  return app;
}
