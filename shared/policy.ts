import { z } from 'zod';

/**
 * Who may do what on a map. This module is the single source of every permission: the HTTP routes
 * and the collaboration server both ask `can` / `canWriteDocument`, the client only mirrors the
 * answers to hide controls the server would refuse anyway.
 */

/** Every role a user can hold on one map, most powerful first. */
export const MAP_ROLES = ['owner', 'editor', 'commenter', 'viewer', 'customer'] as const;

/** A user's role on one map. */
export type MapRole = (typeof MAP_ROLES)[number];

/** Zod validator for a role. */
export const MapRoleSchema = z.enum(MAP_ROLES);

/** Roles of the organisation's own people (everyone but invited customers). */
export const INTERNAL_ROLES = [
  'owner',
  'editor',
  'commenter',
  'viewer',
] as const satisfies readonly MapRole[];

/** Every action the policy decides. */
export const MAP_ACTIONS = [
  /** See the map in my list and read its summary (title, my role). */
  'map.summary',
  /** Read the internal map document `map:<id>` (every lane, every card) and export it. */
  'map.read',
  /** Write the map document: stages, lanes, cards, personas. */
  'map.edit',
  /** Change the map's title. */
  'map.rename',
  /** Delete the map and all its documents. */
  'map.delete',
  /** See who the members are (names, emails, roles). */
  'members.read',
  /** Add members, change their roles, remove them. */
  'members.manage',
  /** Create, list and revoke invite links of every role. */
  'invites.manage',
  /** Create, list and revoke customer invite links (labels and response counts included). */
  'invites.customer',
  /** Read internal comments (`map:<id>/comments`). */
  'comments.read',
  /** Post internal comments (server-validated commands, never direct document writes). */
  'comments.write',
  /** Resolve and reopen anyone's thread (a thread's author may always resolve their own). */
  'comments.resolve',
  /** Read the customer projection (`map:<id>/customer`). */
  'customer.view',
  /** Leave customer feedback on the customer projection (customers only: it is their voice). */
  'feedback.write',
  /** Read the validation of the map from customer feedback (`map:<id>/validation`, the API). */
  'validation.read',
  /** Change the map's validation thresholds. */
  'validation.settings',
  /** List the map's versions (history), view one read-only and compare it with now. */
  'versions.read',
  /** Save a named version of the map. */
  'versions.create',
  /** Bring a version back for everyone (a new change; the state before it is kept as a version). */
  'versions.restore',
  /** Make a linked copy of the map (a TO-BE map from an AS-IS one), owned by whoever copies it. */
  'map.copy',
  /** Export the map (JSON, CSV, XLSX, PDF, PNG). */
  'map.export',
  /** Read the map's actions (`map:<id>/actions`, the API) and export them with the pain points. */
  'actions.read',
  /** Create actions, edit any field of any action, delete them. */
  'actions.manage',
  /**
   * Change the status of an action assigned to me (the routes also check that I am its owner):
   * whoever owns an action can move it to doing and done, whatever their role on the map.
   */
  'actions.update-own',
  /** Start and close dot-voting rounds (the facilitator). */
  'votes.run',
  /** Vote in an open round (at most its votes per person) and read the rounds (`map:<id>/votes`). */
  'votes.cast',
] as const;

/** One action the policy decides. */
export type MapAction = (typeof MAP_ACTIONS)[number];

/** The grant table: for each action, the roles allowed to perform it. */
export const POLICY: { readonly [A in MapAction]: readonly MapRole[] } = {
  'map.summary': ['owner', 'editor', 'commenter', 'viewer', 'customer'],
  'map.read': ['owner', 'editor', 'commenter', 'viewer'],
  'map.edit': ['owner', 'editor'],
  'map.rename': ['owner', 'editor'],
  'map.delete': ['owner'],
  'members.read': ['owner', 'editor', 'commenter', 'viewer'],
  'members.manage': ['owner'],
  'invites.manage': ['owner'],
  'invites.customer': ['owner', 'editor'],
  'comments.read': ['owner', 'editor', 'commenter', 'viewer'],
  'comments.write': ['owner', 'editor', 'commenter'],
  'comments.resolve': ['owner', 'editor'],
  'customer.view': ['owner', 'editor', 'commenter', 'viewer', 'customer'],
  'feedback.write': ['customer'],
  'validation.read': ['owner', 'editor', 'commenter', 'viewer'],
  'validation.settings': ['owner', 'editor'],
  'versions.read': ['owner', 'editor', 'commenter', 'viewer'],
  'versions.create': ['owner', 'editor'],
  'versions.restore': ['owner', 'editor'],
  'map.copy': ['owner', 'editor'],
  'map.export': ['owner', 'editor', 'commenter', 'viewer'],
  'actions.read': ['owner', 'editor', 'commenter', 'viewer'],
  'actions.manage': ['owner', 'editor'],
  'actions.update-own': ['owner', 'editor', 'commenter', 'viewer'],
  'votes.run': ['owner', 'editor'],
  'votes.cast': ['owner', 'editor', 'commenter', 'viewer'],
};

/** True when a member with `role` may perform `action`; no role (not a member) may do nothing. */
export function can(role: MapRole | null | undefined, action: MapAction): boolean {
  return role != null && POLICY[action].includes(role);
}

/** The collaboration documents of a map, by kind (see shared/doc-names.ts). */
export type MapDocKind = 'map' | 'comments' | 'customer' | 'validation' | 'actions' | 'votes';

const READ_ACTION: { readonly [K in MapDocKind]: MapAction } = {
  map: 'map.read',
  comments: 'comments.read',
  customer: 'customer.view',
  validation: 'validation.read',
  actions: 'actions.read',
  votes: 'votes.cast',
};

/** True when `role` may open the document at all (otherwise the connection is refused). */
export function canReadDocument(role: MapRole | null | undefined, kind: MapDocKind): boolean {
  return can(role, READ_ACTION[kind]);
}

/**
 * True when `role` may write the document over the socket. Only the map itself is ever written by
 * clients; comments, the customer projection, the validation, actions and votes are server-owned
 * (clients send commands instead).
 */
export function canWriteDocument(role: MapRole | null | undefined, kind: MapDocKind): boolean {
  return kind === 'map' && can(role, 'map.edit');
}

/** Higher number = more power; used to never downgrade a member who accepts a weaker invite. */
export function roleRank(role: MapRole): number {
  return MAP_ROLES.length - MAP_ROLES.indexOf(role);
}
