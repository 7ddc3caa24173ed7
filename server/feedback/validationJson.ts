import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { MapId } from '../../shared/ids.ts';
import { readMap } from '../../shared/read-map.ts';
import {
  computeValidation,
  type ResponseInput,
  type ValidationJson,
  type ValidationSettings,
} from '../../shared/validation.ts';
import { customerVisibleIds } from '../../shared/customer-projection.ts';
import type { FeedbackResponseRow } from '../storage/rows.ts';
import type { StorageStores } from '../storage/storage.ts';
import { withMapDocument } from './mapDocument.ts';

/** What computing a map's validation needs. */
export interface ValidationDeps {
  storage: Pick<StorageStores, 'feedback' | 'maps'>;
  hocuspocus: Hocuspocus;
}

/** A stored response as the pure computation reads it. */
export function responseInput(row: FeedbackResponseRow): ResponseInput {
  return {
    firstName: row.firstName,
    comment: row.comment,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    cards: row.cards.map((a) => ({
      cardId: a.cardId,
      verdict: a.verdict,
      note: a.note,
      at: a.answeredAt,
    })),
    stages: row.stages.map((a) => ({
      stageId: a.stageId,
      emotion: a.emotion,
      note: a.note,
      at: a.answeredAt,
    })),
    missing: row.missing.map((m) => ({ stageId: m.stageId, note: m.note, at: m.createdAt })),
  };
}

/**
 * The validation of a map document from stored responses: every stage, and the cards customers
 * see now (exactly those the customer projection shows: customerVisibleIds), in map order.
 */
export function validationOf(
  doc: Y.Doc,
  settings: ValidationSettings,
  responses: readonly FeedbackResponseRow[],
): ValidationJson {
  const view = readMap(doc);
  // The internal ids are enough here: no customer id (an HMAC each) is computed.
  const visible = new Set(customerVisibleIds(doc).cards);
  return computeValidation({
    settings,
    stages: view.stages.map((stage) => stage.id),
    visibleCards: view.cards
      .filter((card) => visible.has(card.id))
      .map((card) => ({ cardId: card.id, stageId: card.stageId })),
    responses: responses.map(responseInput),
  });
}

/** The validation of a map now: its live document and its stored responses and thresholds. */
export async function buildValidation(deps: ValidationDeps, mapId: MapId): Promise<ValidationJson> {
  const [settings, responses] = await Promise.all([
    deps.storage.feedback.settings(mapId),
    deps.storage.feedback.responses(mapId),
  ]);
  return withMapDocument(deps.hocuspocus, mapId, (doc) => validationOf(doc, settings, responses));
}
