import type * as Y from 'yjs';
import { z } from 'zod';
import { CardIdSchema } from './ids.ts';
import { plainName } from './plain-text.ts';
import { DepartmentSchema } from './records/card.ts';

/**
 * Owned actions of a map (issue 14): what the team will do about a pain point or opportunity, who
 * owns it, by when, and how success is measured. The server stores them and keeps the read-only
 * document `map:<id>/actions` equal to what it stored; clients change them through the HTTP
 * commands (server/http/actionsRoutes.ts), validated with the schemas below on both sides.
 */

/** Where an action stands, in the order of the follow-up. */
export const ACTION_STATUSES = ['todo', 'doing', 'done'] as const;

/** One status of an action. */
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Longest title of an action, and of a KPI's name and target. */
export const ACTION_TITLE_MAX = 200;
/** Most cards one action may be linked to. */
export const ACTION_CARDS_MAX = 50;

/** Zod validator for a status. */
export const ActionStatusSchema = z.enum(ACTION_STATUSES);

/** Zod validator for an action title (plain text, 1..200 characters, trimmed). */
export const ActionTitleSchema = plainName(
  z.string().trim().min(1, 'title must not be empty').max(ACTION_TITLE_MAX),
);

/** Zod validator for a due date: a calendar day, `YYYY-MM-DD`. */
export const ActionDueSchema = z.iso.date({ error: 'due must be a date as YYYY-MM-DD' });

/** Zod validator for the success metric: a KPI name, its target, optionally the map's KPI card. */
export const ActionKpiSchema = z.strictObject({
  name: plainName(z.string().trim().min(1, 'kpi.name must not be empty').max(ACTION_TITLE_MAX)),
  target: plainName(z.string().trim().min(1, 'kpi.target must not be empty').max(ACTION_TITLE_MAX)),
  cardId: CardIdSchema.optional(),
});

/** The success metric of an action. */
export type ActionKpi = z.infer<typeof ActionKpiSchema>;

/** Zod validator for the cards an action is linked to: distinct card ids, at most 50. */
export const ActionCardIdsSchema = z
  .array(CardIdSchema)
  .max(ACTION_CARDS_MAX, `at most ${ACTION_CARDS_MAX} cards`)
  .refine((ids) => new Set(ids).size === ids.length, 'cardIds must not repeat a card');

/** Body of "create an action" (strict: unknown keys are refused). */
export const NewActionSchema = z.strictObject({
  title: ActionTitleSchema,
  ownerId: z.string().min(1, 'ownerId is required').max(64),
  department: DepartmentSchema.nullable().optional(),
  due: ActionDueSchema.nullable().optional(),
  status: ActionStatusSchema.optional(),
  cardIds: ActionCardIdsSchema.optional(),
  kpi: ActionKpiSchema.nullable().optional(),
});

/** What creating an action takes. */
export type NewAction = z.infer<typeof NewActionSchema>;

/**
 * Body of "change an action": any field of NewAction, at least one; null clears the optional
 * ones. Who may change which field is the server's to decide (an owner who is not a manager may
 * change only `status`).
 */
export const ActionPatchSchema = z
  .strictObject({
    title: ActionTitleSchema.optional(),
    ownerId: z.string().min(1).max(64).optional(),
    department: DepartmentSchema.nullable().optional(),
    due: ActionDueSchema.nullable().optional(),
    status: ActionStatusSchema.optional(),
    cardIds: ActionCardIdsSchema.optional(),
    kpi: ActionKpiSchema.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

/** A change to an action. */
export type ActionPatch = z.infer<typeof ActionPatchSchema>;

/** An action as the API answers and the live document holds it. */
export interface ActionJson {
  id: string;
  mapId: string;
  title: string;
  ownerId: string;
  ownerName: string;
  department: string | null;
  /** `YYYY-MM-DD`, or null. */
  due: string | null;
  status: ActionStatus;
  cardIds: string[];
  kpi: ActionKpi | null;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** When it last became done (ISO 8601); null unless its status is done. */
  doneAt: string | null;
}

/** Zod validator of an Action JSON value (what a reader of the live document accepts). */
export const ActionJsonSchema = z.object({
  id: z.string(),
  mapId: z.string(),
  title: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  department: z.string().nullable(),
  due: z.string().nullable(),
  status: ActionStatusSchema,
  cardIds: z.array(z.string()),
  kpi: z.object({ name: z.string(), target: z.string(), cardId: z.string().optional() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
});

/** The order actions are listed in: due date ascending (none last), then creation, then id. */
export function compareActions(a: ActionJson, b: ActionJson): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due < b.due ? -1 : 1;
  }
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Name of the root map of `map:<id>/actions`: action id -> Action JSON. */
export const ACTIONS_ROOT = 'actions';

function actionsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ACTIONS_ROOT);
}

/**
 * Every action in a live actions document, in list order. Values that do not match the schema
 * (a newer server's, say) are skipped rather than breaking the reader.
 */
export function readActions(doc: Y.Doc): ActionJson[] {
  const actions: ActionJson[] = [];
  for (const value of actionsOf(doc).values()) {
    const parsed = ActionJsonSchema.safeParse(value);
    if (parsed.success) actions.push(parsed.data as ActionJson);
  }
  return actions.sort(compareActions);
}

/** JSON of a value, keys sorted, so two equal actions compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}

/**
 * Makes the live document hold exactly `actions` (server only): sets what differs, deletes what
 * is not listed, leaves equal values untouched (no update at all when nothing changed). Call it
 * inside a transaction with the server's origin.
 */
export function syncActions(doc: Y.Doc, actions: readonly ActionJson[]): void {
  const map = actionsOf(doc);
  const wanted = new Map(actions.map((action) => [action.id, action]));
  for (const id of [...map.keys()]) if (!wanted.has(id)) map.delete(id);
  for (const [id, action] of wanted) {
    if (map.has(id) && canonical(map.get(id)) === canonical(action)) continue;
    map.set(id, JSON.parse(JSON.stringify(action)) as unknown);
  }
}
