import type { Verdict } from '../../../shared/validation.ts';
import { request } from '../api.ts';

export type { Verdict };

/** One step's answer: the verdict and, for 'different', what was different. */
export interface CardAnswer {
  verdict: Verdict;
  note?: string;
}

/** How the customer felt in one stage, -2..2. */
export interface StageAnswer {
  emotion: number;
  note?: string;
}

/** A step the customer says is missing from a stage. */
export interface MissingStep {
  id: string;
  stageId: string;
  note: string;
}

/** My own answers on a map (`GET /api/maps/:id/feedback/mine`); ids are the projection's. */
export interface MyFeedback {
  firstName: string | null;
  comment: string | null;
  submittedAt: string | null;
  cards: Record<string, CardAnswer>;
  stages: Record<string, StageAnswer>;
  missing: MissingStep[];
}

const base = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/feedback`;
const part = (id: string) => encodeURIComponent(id);

/** The customer feedback routes (customer role only; see CONTRACT11 "Feedback and validation"). */
export const feedbackApi = {
  mine: (mapId: string) => request<MyFeedback>('GET', `${base(mapId)}/mine`),
  answerCard: (mapId: string, cardId: string, answer: CardAnswer) =>
    request<unknown>('PUT', `${base(mapId)}/cards/${part(cardId)}`, answer),
  clearCard: (mapId: string, cardId: string) =>
    request<undefined>('DELETE', `${base(mapId)}/cards/${part(cardId)}`),
  answerStage: (mapId: string, stageId: string, answer: StageAnswer) =>
    request<unknown>('PUT', `${base(mapId)}/stages/${part(stageId)}`, answer),
  addMissing: (mapId: string, stageId: string, note: string) =>
    request<{ id: string }>('POST', `${base(mapId)}/missing`, { stageId, note }),
  removeMissing: (mapId: string, missingId: string) =>
    request<undefined>('DELETE', `${base(mapId)}/missing/${part(missingId)}`),
  about: (mapId: string, about: { firstName?: string | null; comment?: string | null }) =>
    request<unknown>('PUT', `${base(mapId)}/about`, about),
  submit: (mapId: string) => request<unknown>('POST', `${base(mapId)}/submit`),
};
