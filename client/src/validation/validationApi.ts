import { request } from '../api.ts';
import type { ValidationJson } from './validationJson.ts';

const base = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/validation`;

/** Calls of the validation API (team side; the summary itself arrives live, see useValidation). */
export const validationApi = {
  /** Owners and editors: when a card counts as validated. */
  saveSettings: (mapId: string, settings: Partial<ValidationJson['settings']>) =>
    request<ValidationJson['settings']>('PATCH', `${base(mapId)}/settings`, settings),
};
