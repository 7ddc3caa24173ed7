/** Where an action stands. */
export type ActionStatus = 'todo' | 'doing' | 'done';

/** Every status, in the order work goes through them. */
export const ACTION_STATUSES: readonly ActionStatus[] = ['todo', 'doing', 'done'];

/** The success metric of an action: a KPI (a card of the map's KPI lane, or typed) and its target. */
export interface ActionKpi {
  name: string;
  target: string;
  cardId?: string;
}

/** An owned action, as the HTTP API and the live `map:<id>/actions` document give it. */
export interface Action {
  id: string;
  mapId: string;
  title: string;
  ownerId: string;
  ownerName: string;
  department: string | null;
  /** 'YYYY-MM-DD' or null. */
  due: string | null;
  status: ActionStatus;
  cardIds: string[];
  kpi: ActionKpi | null;
  createdAt: string;
  updatedAt: string;
  /** When it became done; null while it is not done. */
  doneAt: string | null;
}

/** One of my actions across maps (`GET /api/me/actions`). */
export interface MyAction extends Action {
  mapTitle: string;
}

/** The fields a create or edit sends. */
export interface ActionInput {
  title: string;
  ownerId: string;
  department: string | null;
  due: string | null;
  status: ActionStatus;
  cardIds: string[];
  kpi: ActionKpi | null;
}
