import type { MapId } from '../../shared/index.ts';
import type { MapRole } from '../../shared/policy.ts';

/** Which collaboration document a connection is on, parsed once from its name. */
export type CollabTarget =
  | { kind: 'map'; mapId: MapId }
  | { kind: 'comments'; mapId: MapId }
  | { kind: 'customer'; mapId: MapId }
  | { kind: 'validation'; mapId: MapId }
  | { kind: 'actions'; mapId: MapId }
  | { kind: 'votes'; mapId: MapId };

/** The typed context every hook after onAuthenticate can rely on. */
export interface CollabContext {
  target: CollabTarget;
}

/** The user behind a collaboration connection (no email or secrets: it travels in hook payloads). */
export interface CollabUser {
  id: string;
  name: string;
  /** Department id (null for guests): shown to the others on the map as presence. */
  department: string | null;
  guest: boolean;
}

/** The context once AuthenticationExtension accepted the connection. */
export interface AuthenticatedContext extends CollabContext {
  user: CollabUser;
  role: MapRole;
  /** The session that authenticated the connection (closed when it is revoked). */
  sessionId: string;
}
