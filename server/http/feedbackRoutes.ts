import { Hono } from 'hono';
import {
  AboutBodySchema,
  CardAnswerBodySchema,
  MAX_MISSING_STEPS,
  MissingStepBodySchema,
  StageAnswerBodySchema,
} from '../../shared/validation.ts';
import {
  answerCard,
  answerStage,
  FeedbackCommandError,
  myFeedback,
  reportMissing,
  setAbout,
  submitFeedback,
  unanswerCard,
  withdrawMissing,
  type FeedbackCommandDeps,
  type FeedbackRefusal,
} from '../feedback/feedbackCommands.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';
import { requireMapAccess, type MapAccessDeps } from './mapAccess.ts';
import { readJson } from './validate.ts';

/** What the feedback routes need. */
export type FeedbackRouteDeps = FeedbackCommandDeps & MapAccessDeps;

/** The contract's error for a refused feedback command. */
function refusalError(refusal: FeedbackRefusal): ApiError {
  switch (refusal) {
    case 'unknown-card':
      return new ApiError(404, 'unknown_card', 'there is no such step in this journey');
    case 'unknown-stage':
      return new ApiError(404, 'unknown_stage', 'there is no such stage in this journey');
    case 'unknown-missing':
      return new ApiError(404, 'not_found', 'missing step not found');
    case 'too-many-missing':
      return new ApiError(
        400,
        'too_many_missing',
        `at most ${MAX_MISSING_STEPS} missing steps may be reported`,
      );
    case 'submitted':
      return new ApiError(409, 'submitted', 'your answers were already sent');
  }
}

/** Runs a command, turning its refusal into the contract's error. */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof FeedbackCommandError) throw refusalError(error.refusal);
    throw error;
  }
}

/**
 * /api/maps/:id/feedback: a customer's own answers on the customer view (customers only: the
 * `feedback.write` action; internal roles get 403, non-members 404). Ids in paths and bodies are
 * the customer projection's opaque ids; the server maps them back to the map's own ids. Each
 * customer reads and writes only their own response; after "Send" every write is 409 `submitted`.
 */
export function feedbackRoutes(deps: FeedbackRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/:id/feedback/mine', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    return c.json(await myFeedback(deps, map.id, user.id));
  });

  app.put('/:id/feedback/cards/:cardId', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    const body = await readJson(c, CardAnswerBodySchema);
    const cardId = c.req.param('cardId');
    await run(() => answerCard(deps, map.id, user.id, cardId, body));
    const note = body.note?.trim();
    return c.json({ cardId, verdict: body.verdict, ...(note ? { note } : {}) });
  });

  app.delete('/:id/feedback/cards/:cardId', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    await run(() => unanswerCard(deps, map.id, user.id, c.req.param('cardId')));
    return c.body(null, 204);
  });

  app.put('/:id/feedback/stages/:stageId', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    const body = await readJson(c, StageAnswerBodySchema);
    const stageId = c.req.param('stageId');
    await run(() => answerStage(deps, map.id, user.id, stageId, body));
    const note = body.note?.trim();
    return c.json({ stageId, emotion: body.emotion, ...(note ? { note } : {}) });
  });

  app.post('/:id/feedback/missing', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    const body = await readJson(c, MissingStepBodySchema);
    const id = await run(() => reportMissing(deps, map.id, user.id, body));
    return c.json({ id }, 201);
  });

  app.delete('/:id/feedback/missing/:missingId', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    await run(() => withdrawMissing(deps, map.id, user.id, c.req.param('missingId')));
    return c.body(null, 204);
  });

  app.put('/:id/feedback/about', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    const body = await readJson(c, AboutBodySchema);
    await run(() => setAbout(deps, map.id, user.id, body));
    const mine = await myFeedback(deps, map.id, user.id);
    return c.json({ firstName: mine.firstName, comment: mine.comment });
  });

  app.post('/:id/feedback/submit', async (c) => {
    const { map, user } = await requireMapAccess(c, deps, 'feedback.write');
    await run(() => submitFeedback(deps, map.id, user.id));
    const mine = await myFeedback(deps, map.id, user.id);
    return c.json({ submittedAt: mine.submittedAt });
  });

  return app;
}
