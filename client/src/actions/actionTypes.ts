import type { ActionJson, ActionKpi, ActionStatus } from '../../../shared/actions.ts';

export { ACTION_STATUSES } from '../../../shared/actions.ts';
export type { ActionKpi, ActionStatus };

/** An owned action, as the HTTP API and the live `map:<id>/actions` document give it. */
export type Action = ActionJson;

/** One of my actions across maps (`GET /api/me/actions`). */
export interface MyAction extends Action {
  mapTitle: string;
}

/** The fields a create or edit sends (the server validates them with shared/actions.ts). */
export interface ActionInput {
  title: string;
  ownerId: string;
  department: string | null;
  due: string | null;
  status: ActionStatus;
  cardIds: string[];
  /** A KPI of the map's KPI lane (cardId) or typed, with its target. */
  kpi: { name: string; target: string; cardId?: string } | null;
}
