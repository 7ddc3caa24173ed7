import type { Hocuspocus } from '@hocuspocus/server';
import type { MapId } from '../../shared/ids.ts';
import {
  MAX_MISSING_STEPS,
  type AboutBody,
  type CardAnswerBody,
  type MissingStepBody,
  type StageAnswerBody,
  type Verdict,
} from '../../shared/validation.ts';
import { customerIdOf, resolveCustomerIds } from '../customer/customerIds.ts';
import type { Storage, FeedbackWrite } from '../storage/storage.ts';
import { withMapDocument } from './mapDocument.ts';
import type { ValidationMirror } from './validationMirror.ts';

/** What the feedback commands need. */
export interface FeedbackCommandDeps {
  storage: Storage;
  hocuspocus: Hocuspocus;
  validationMirror: ValidationMirror;
}

/** Why a feedback command was refused (the routes turn each into its HTTP error). */
export type FeedbackRefusal =
  'unknown-card' | 'unknown-stage' | 'unknown-missing' | 'too-many-missing' | 'submitted';

/** A refused feedback command. */
export class FeedbackCommandError extends Error {
  readonly refusal: FeedbackRefusal;

  constructor(refusal: FeedbackRefusal) {
    super(refusal);
    this.refusal = refusal;
  }
}

/** A customer's own response as `GET /api/maps/:id/feedback/mine` shows it (opaque ids). */
export interface MyFeedbackJson {
  firstName: string | null;
  comment: string | null;
  submittedAt: string | null;
  cards: Record<string, { verdict: Verdict; note?: string }>;
  stages: Record<string, { emotion: number; note?: string }>;
  missing: { id: string; stageId: string; note: string }[];
}

/**
 * The internal id behind an opaque id of the customer view, among the cards or stages customers
 * see now; refused as unknown otherwise (an internal id, a hidden card, a deleted stage...).
 */
async function resolve(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  kind: 'cards' | 'stages',
  customerId: string,
): Promise<string> {
  const secret = await deps.storage.maps.customerSecret(mapId);
  const internal = await withMapDocument(deps.hocuspocus, mapId, (doc) =>
    resolveCustomerIds(doc, secret)[kind].get(customerId),
  );
  if (internal === undefined) {
    throw new FeedbackCommandError(kind === 'cards' ? 'unknown-card' : 'unknown-stage');
  }
  return internal;
}

/** Refuses a write the store found already submitted, then updates the live validation. */
async function after(deps: FeedbackCommandDeps, mapId: MapId, result: FeedbackWrite) {
  if (result === 'submitted') throw new FeedbackCommandError('submitted');
  await deps.validationMirror.refresh(mapId);
}

/** Without surrounding blanks; null when nothing is left. */
function noteOf(note: string | undefined): string | null {
  const trimmed = note?.trim();
  return trimmed ? trimmed : null;
}

/** Saves (or changes) the customer's answer on a card of the customer view. */
export async function answerCard(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  userId: string,
  customerCardId: string,
  body: CardAnswerBody,
): Promise<void> {
  const cardId = await resolve(deps, mapId, 'cards', customerCardId);
  const note = noteOf(body.note);
  const result = await deps.storage.feedback.setCardAnswer(mapId, userId, {
    cardId,
    verdict: body.verdict,
    note,
  });
  await after(deps, mapId, result);
}

/** Takes the customer's answer on a card back. */
export async function unanswerCard(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  userId: string,
  customerCardId: string,
): Promise<void> {
  const cardId = await resolve(deps, mapId, 'cards', customerCardId);
  await after(deps, mapId, await deps.storage.feedback.deleteCardAnswer(mapId, userId, cardId));
}

/** Saves (or changes) how the customer felt at a stage. */
export async function answerStage(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  userId: string,
  customerStageId: string,
  body: StageAnswerBody,
): Promise<void> {
  const stageId = await resolve(deps, mapId, 'stages', customerStageId);
  const result = await deps.storage.feedback.setStageAnswer(mapId, userId, {
    stageId,
    emotion: body.emotion,
    note: noteOf(body.note),
  });
  await after(deps, mapId, result);
}

/** Reports a step missing from a stage; resolves to its id. */
export async function reportMissing(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  userId: string,
  body: MissingStepBody,
): Promise<string> {
  const stageId = await resolve(deps, mapId, 'stages', body.stageId);
  const current = await deps.storage.feedback.response(mapId, userId);
  if (current?.submittedAt != null) throw new FeedbackCommandError('submitted');
  if ((current?.missing.length ?? 0) >= MAX_MISSING_STEPS) {
    throw new FeedbackCommandError('too-many-missing');
  }
  const added = await deps.storage.feedback.addMissing(mapId, userId, {
    stageId,
    note: body.note.trim(),
  });
  if (added === 'submitted') throw new FeedbackCommandError('submitted');
  await deps.validationMirror.refresh(mapId);
  return added.id;
}

/** Withdraws one of the customer's missing steps. */
export async function withdrawMissing(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  userId: string,
  missingId: string,
): Promise<void> {
  const result = await deps.storage.feedback.deleteMissing(mapId, userId, missingId);
  if (result === 'not-found') throw new FeedbackCommandError('unknown-missing');
  await after(deps, mapId, result);
}

/** Sets the customer's first name and free comment (absent leaves, null or blank clears). */
export async function setAbout(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  userId: string,
  body: AboutBody,
): Promise<void> {
  const clean = (value: string | null | undefined) =>
    value === undefined ? undefined : (value?.trim() ?? '') || null;
  const result = await deps.storage.feedback.setAbout(mapId, userId, {
    firstName: clean(body.firstName),
    comment: clean(body.comment),
  });
  await after(deps, mapId, result);
}

/** Sends the response: from now on every feedback write of this customer is refused. */
export async function submitFeedback(
  deps: FeedbackCommandDeps,
  mapId: MapId,
  userId: string,
): Promise<void> {
  await after(deps, mapId, await deps.storage.feedback.submit(mapId, userId));
}

/** The customer's own response, with the customer view's opaque ids. */
export async function myFeedback(
  deps: Pick<FeedbackCommandDeps, 'storage'>,
  mapId: MapId,
  userId: string,
): Promise<MyFeedbackJson> {
  const row = await deps.storage.feedback.response(mapId, userId);
  if (!row) {
    return {
      firstName: null,
      comment: null,
      submittedAt: null,
      cards: {},
      stages: {},
      missing: [],
    };
  }
  const secret = await deps.storage.maps.customerSecret(mapId);
  const opaque = (internalId: string) => customerIdOf(secret, internalId);
  const cards: MyFeedbackJson['cards'] = {};
  for (const answer of row.cards) {
    cards[opaque(answer.cardId)] = {
      verdict: answer.verdict,
      ...(answer.note !== null ? { note: answer.note } : {}),
    };
  }
  const stages: MyFeedbackJson['stages'] = {};
  for (const answer of row.stages) {
    stages[opaque(answer.stageId)] = {
      emotion: answer.emotion,
      ...(answer.note !== null ? { note: answer.note } : {}),
    };
  }
  return {
    firstName: row.firstName,
    comment: row.comment,
    submittedAt: row.submittedAt === null ? null : new Date(row.submittedAt).toISOString(),
    cards,
    stages,
    missing: row.missing.map((m) => ({ id: m.id, stageId: opaque(m.stageId), note: m.note })),
  };
}
