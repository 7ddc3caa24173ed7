import { z } from 'zod';

/**
 * Who is on a map right now. The server stamps this into each connection's awareness state (see
 * server PresenceExtension), so a client cannot pretend to be someone else or from another
 * department; clients only read it.
 */
export interface PresenceUser {
  /** Account id (stable across tabs: one person with two tabs shows once). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Department id from the workspace's list; null for guests. */
  readonly department: string | null;
  /** Colour of this person's avatar, the same on every screen. */
  readonly color: string;
}

/** The awareness field the server writes. */
export const PRESENCE_FIELD = 'user';

/** Zod validator for a stamped presence entry. */
export const PresenceUserSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  department: z.string().max(64).nullable(),
  color: z.string().max(32),
});

/** Presence colours: each has at least 4.5:1 contrast with white text (names on carets). */
const PALETTE = [
  '#1f5f8b',
  '#8e44ad',
  '#c0392b',
  '#1e8449',
  '#946010',
  '#117a65',
  '#6c3483',
  '#2e4053',
];

/** A colour picked from the user id, so everyone sees the same colour for the same person. */
export function presenceColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#1f5f8b';
}

/**
 * The other people in a document's awareness states (keyed by Yjs client id), once each, in a
 * stable order (by name, then id). `selfClientId` is left out: the server stamps what it
 * broadcasts, but a client's own local state is whatever that client wrote.
 */
export function presentUsers(
  states: ReadonlyMap<number, unknown>,
  selfClientId?: number,
): PresenceUser[] {
  const byId = new Map<string, PresenceUser>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    if (typeof state !== 'object' || state === null) continue;
    const parsed = PresenceUserSchema.safeParse((state as Record<string, unknown>)[PRESENCE_FIELD]);
    if (parsed.success) byId.set(parsed.data.id, parsed.data);
  }
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/** The awareness field where a client says what it is editing (its own claim, not stamped). */
export const EDITING_FIELD = 'editing';

/** Kinds of things a person can be editing. */
export const EDITING_KINDS = ['card', 'stage', 'lane', 'persona'] as const;

/** What one person is editing right now: a card's text, a stage or lane title, a persona. */
export interface EditingTarget {
  /** Kind of record. */
  readonly kind: (typeof EDITING_KINDS)[number];
  /** Its id in the map document. */
  readonly id: string;
}

/** Zod validator for an editing target read from another client's awareness state. */
export const EditingTargetSchema = z.strictObject({
  kind: z.enum(EDITING_KINDS),
  id: z.string().min(1).max(64),
});

/** Key of an editing target in `editorsByTarget`, e.g. `card:c_123`. */
export function editingKey(target: EditingTarget): string {
  return `${target.kind}:${target.id}`;
}

/**
 * Who is editing what, from the awareness states: target key -> the people editing it, once
 * each, by name. The person comes from the server-stamped presence; the target is only the
 * client's claim, which is all it is used for (showing "Carlos is editing").
 */
export function editorsByTarget(
  states: ReadonlyMap<number, unknown>,
  selfClientId?: number,
): Map<string, PresenceUser[]> {
  const out = new Map<string, Map<string, PresenceUser>>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    if (typeof state !== 'object' || state === null) continue;
    const record = state as Record<string, unknown>;
    const user = PresenceUserSchema.safeParse(record[PRESENCE_FIELD]);
    const target = EditingTargetSchema.safeParse(record[EDITING_FIELD]);
    if (!user.success || !target.success) continue;
    const key = editingKey(target.data);
    let people = out.get(key);
    if (!people) out.set(key, (people = new Map()));
    people.set(user.data.id, user.data);
  }
  return new Map(
    [...out].map(([key, people]) => [
      key,
      [...people.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    ]),
  );
}

/** Who is here from one department, for the "departments" view of presence. */
export interface DepartmentHere {
  /** Department id. */
  readonly department: string;
  /** The people present from it (me included), by name. */
  readonly people: readonly string[];
}

/** Which departments are in the map right now and which of the map's departments are not. */
export interface DepartmentPresence {
  /** Departments with someone present, most people first, then by id. */
  readonly here: readonly DepartmentHere[];
  /** Departments of the map's members with nobody present, by id. */
  readonly missing: readonly string[];
}

/**
 * Departments present (from the stamped presence of the others and me) and missing (members'
 * departments nobody present belongs to). People without a department (guests) are left out.
 */
export function departmentPresence(
  present: readonly PresenceUser[],
  memberDepartments: readonly (string | null)[],
): DepartmentPresence {
  const people = new Map<string, Map<string, string>>();
  for (const person of present) {
    if (!person.department) continue;
    let names = people.get(person.department);
    if (!names) people.set(person.department, (names = new Map()));
    names.set(person.id, person.name);
  }
  const here = [...people]
    .map(([department, names]) => ({
      department,
      people: [...names.values()].sort((a, b) => a.localeCompare(b)),
    }))
    .sort((a, b) => b.people.length - a.people.length || a.department.localeCompare(b.department));
  const missing = [
    ...new Set(memberDepartments.filter((d): d is string => !!d && !people.has(d))),
  ].sort();
  return { here, missing };
}
