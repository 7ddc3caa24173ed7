import type { ActionJson } from '../../shared/actions.ts';
import type { ActionRow } from '../storage/rows.ts';

/** A stored action as the API answers and the live document holds it (times as ISO 8601). */
export function actionJson(row: ActionRow): ActionJson {
  return {
    id: row.id,
    mapId: row.mapId,
    title: row.title,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    department: row.department,
    due: row.due,
    status: row.status,
    cardIds: [...row.cardIds],
    kpi: row.kpi ? { ...row.kpi } : null,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    doneAt: row.doneAt === null ? null : new Date(row.doneAt).toISOString(),
  };
}
