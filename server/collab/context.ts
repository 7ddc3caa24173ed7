import type { MapId } from '../../shared/index.ts';

/** Which collaboration document a connection is on, parsed once from its name. */
export type CollabTarget =
  | { kind: 'map'; mapId: MapId }
  | { kind: 'comments'; mapId: MapId }
  | { kind: 'customer'; mapId: MapId };

/** The typed context every hook after onAuthenticate can rely on. */
export interface CollabContext {
  target: CollabTarget;
}
