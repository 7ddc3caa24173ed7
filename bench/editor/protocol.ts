import type { BigMapShape } from '../collab/bigMap.ts';

/** Where the remote editors (and the seeding client) connect. */
export interface MapTarget {
  /** ws:// URL of Recorrido's collaboration endpoint, schema announced as the web client does. */
  wsUrl: string;
  documentName: string;
  /** The benchmark user's session token. */
  token: string;
}

/** Parent -> remote editors worker. */
export type RemoteIn =
  | {
      /** Replace a blank map's stages and lanes with a big map, through one provider. */
      type: 'seed';
      target: MapTarget;
      shape: BigMapShape;
      timeoutMs: number;
    }
  | { type: 'connect'; target: MapTarget; clients: number; timeoutMs: number }
  | {
      /** Each client starts typing into its own card, `editsPerSecond` characters a second. */
      type: 'edit';
      /** The card the browser types in: nobody else edits it. */
      exclude: string;
      editsPerSecond: number;
    }
  | { type: 'pause' }
  | { type: 'disconnect' }
  | { type: 'stop' };

/** Remote editors worker -> parent. */
export type RemoteOut =
  | { type: 'seeded'; cards: number }
  | {
      type: 'connected';
      ms: number;
      /** Cards of the map as the first client synced it. */ cards: number;
    }
  | { type: 'editing'; cardIds: string[] }
  | { type: 'paused'; edits: number; lagged: boolean }
  | { type: 'disconnected' };
