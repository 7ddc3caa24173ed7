import type { HistogramData } from '../lib/histogram.ts';
import type { Target } from '../collab/protocol.ts';

/** One map (document) and where its clients connect. */
export interface MapTarget {
  /** The map's number in the run (0..maps-1); every client of a map lives in one worker. */
  index: number;
  target: Target;
}

/** Parent -> capacity client worker. */
export type CapacityIn =
  | {
      type: 'grow';
      /** Maps of this worker with the number of clients each should have once done. */
      maps: { map: MapTarget; clients: number }[];
      /**
       * The demo map as one Yjs update (base64): the first client of a map pushes it and waits
       * for the acknowledgement (bare Hocuspocus, which has no templates); absent for Recorrido,
       * whose maps are created from the template by the server.
       */
      seed?: string;
      /** Every client must hold at least this many cards once synced. */
      expectedCards: number;
      /** Announce presence (the awareness fields the web client sets). */
      presence: boolean;
      /** Clients that connect at once. */
      batch: number;
      timeoutMs: number;
    }
  | {
      type: 'write';
      /** Every client writes one edit per idleIntervalMs, at a random phase. */
      idleIntervalMs: number;
      /** The probe writer: the first client of this map writes every probeIntervalMs. */
      probeMap: number | null;
      probeIntervalMs: number;
    }
  | {
      type: 'measure';
      /** Latencies of edits sent from now on for windowMs, then a drain and the loss count. */
      windowMs: number;
      drainMs: number;
    }
  | { type: 'closeAll' }
  | { type: 'stop' };

/** Capacity client worker -> parent. */
export type CapacityOut =
  | {
      type: 'grown';
      ms: number;
      clients: number;
      /** Encoded size of a map's state as the first client holds it (bytes; 0 without maps). */
      stateBytes: number;
      cards: number;
    }
  | {
      type: 'measured';
      /** Receive - send of the probe writer's edits, at every other client of its map. */
      probe: HistogramData;
      /** The same for every edit of the window (idle clients' and the probe's). */
      all: HistogramData;
      editsSent: number;
      /** Edits a client does not hold after the drain (every edit ever written to its map). */
      lost: number;
      clientsMissing: number;
      /** Socket closes after the first sync (each one a reconnect and resync). */
      disconnects: number;
      clients: number;
    }
  | { type: 'closed'; at: number };

/** Root Y.Map the capacity edits write into: key `<client>:<seq>` (probe: `p<client>:<seq>`). */
export const CAPACITY_MAP = 'bench';
