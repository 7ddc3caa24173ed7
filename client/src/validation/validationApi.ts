import { request } from '../api.ts';
import type { ValidationJson } from './validationJson.ts';

const base = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/validation`;

/** Calls of the validation API (team side). */
export const validationApi = {
  /** The summary once, over HTTP (the board follows the live document instead). */
  get: (mapId: string) => request<ValidationJson>('GET', base(mapId)),
  /** Owners and editors: when a card counts as validated. */
  saveSettings: (mapId: string, settings: Partial<ValidationJson['settings']>) =>
    request<ValidationJson['settings']>('PATCH', `${base(mapId)}/settings`, settings),
};
