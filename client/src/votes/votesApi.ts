import { request } from '../api.ts';
import type { MyRoundJson } from './voteJson.ts';

const roundPath = (id: string) => `/api/vote-rounds/${encodeURIComponent(id)}`;

/** The vote-round calls of the HTTP API (the voter is always the session). */
export const votesApi = {
  start: (mapId: string, input: { votesPerPerson: number; cardIds: string[] }) =>
    request<{ id: string; round: MyRoundJson }>(
      'POST',
      `/api/maps/${encodeURIComponent(mapId)}/vote-rounds`,
      input,
    ),
  round: (id: string) => request<{ round: MyRoundJson }>('GET', roundPath(id)),
  vote: (id: string, cardId: string) =>
    request<{ round: MyRoundJson }>('POST', `${roundPath(id)}/votes`, { cardId }),
  unvote: (id: string, cardId: string) =>
    request<{ round: MyRoundJson }>(
      'DELETE',
      `${roundPath(id)}/votes/${encodeURIComponent(cardId)}`,
    ),
  close: (id: string) => request<{ round: MyRoundJson }>('POST', `${roundPath(id)}/close`, {}),
};
