import { request } from '../api.ts';
import type { Action, ActionInput, ActionStatus, MyAction } from './actionTypes.ts';

const mapActions = (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/actions`;
const oneAction = (id: string) => `/api/actions/${encodeURIComponent(id)}`;

/** What the export link downloads. */
export type ActionsExport = { format: 'csv'; what: 'actions' | 'pain-points' } | { format: 'xlsx' };

/** The actions calls of the HTTP API (the server checks every role; see shared/policy.ts). */
export const actionsApi = {
  list: (mapId: string) =>
    request<{ actions: Action[] }>('GET', mapActions(mapId)).then((r) => r.actions),
  create: (mapId: string, input: ActionInput) =>
    request<{ action: Action }>('POST', mapActions(mapId), input).then((r) => r.action),
  /** Everything (owners and editors). */
  update: (id: string, input: ActionInput) =>
    request<{ action: Action }>('PATCH', oneAction(id), input).then((r) => r.action),
  /** Only the status: all an action's owner may change when they do not edit the map. */
  setStatus: (id: string, status: ActionStatus) =>
    request<{ action: Action }>('PATCH', oneAction(id), { status }).then((r) => r.action),
  remove: (id: string) => request<undefined>('DELETE', oneAction(id)),
  mine: () => request<{ actions: MyAction[] }>('GET', '/api/me/actions').then((r) => r.actions),
};

/** The address of an export (a plain link: the server answers with an attachment). */
export function exportUrl(mapId: string, what: ActionsExport): string {
  const query =
    what.format === 'xlsx' ? 'format=xlsx' : `format=csv&what=${encodeURIComponent(what.what)}`;
  return `${mapActions(mapId)}/export?${query}`;
}
