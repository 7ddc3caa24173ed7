import type { HistogramData } from '../lib/histogram.ts';

/** The three servers compared in one run. */
export const SERVER_KINDS = ['hocuspocus', 'recorrido', 'y-websocket'] as const;

/**
 * Every server the benchmark can start: the three above, plus (only when asked for by name)
 * - `recorrido-pg`: Recorrido on PostgreSQL (DATABASE_URL to a fresh database of a throwaway
 *   cluster the benchmark starts);
 * - `recorrido-cluster`: two Recorrido processes on one PostgreSQL database and one Redis
 *   (REDIS_URL), writers connected to the first, readers to the second;
 * - `recorrido-diag`: Recorrido with the SQL of BENCH_RECORRIDO_SQL run on its database at start
 *   (to try a storage setting against the unchanged server in the same run).
 */
export const ALL_SERVER_KINDS = [
  ...SERVER_KINDS,
  'recorrido-pg',
  'recorrido-cluster',
  'recorrido-diag',
] as const;
export type ServerKind = (typeof ALL_SERVER_KINDS)[number];

/** Whether a server is Recorrido's (auth, map documents on /collab). */
export function isRecorrido(server: ServerKind): boolean {
  return server.startsWith('recorrido');
}

/** Whether a server stores in PostgreSQL (a database of the benchmark's throwaway cluster). */
export function usesPostgres(server: ServerKind): boolean {
  return server === 'recorrido-pg' || server === 'recorrido-cluster';
}

/** How many server processes one measured run of this kind starts (all share one database). */
export function instancesOf(server: ServerKind): number {
  return server === 'recorrido-cluster' ? 2 : 1;
}

/** Which client library talks to a server. */
export type ProviderKind = 'hocuspocus' | 'y-websocket';

export function providerFor(server: ServerKind): ProviderKind {
  return server === 'y-websocket' ? 'y-websocket' : 'hocuspocus';
}

/** Parent -> server child. */
export type ServerIn =
  | { type: 'stop' }
  /** A memory reading, after a forced collection when the child runs with --expose-gc. */
  | { type: 'memory' }
  /** Answers `unloaded` once at most `documents` documents are loaded (or after timeoutMs). */
  | { type: 'watchUnload'; documents: number; timeoutMs: number };

/** The server process's memory (process.memoryUsage()) and what it holds, at one moment. */
export interface MemoryReading {
  /** Whether a full collection ran first (the child was started with --expose-gc). */
  collected: boolean;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rss: number;
  /** Documents the collaboration server holds loaded (-1 where it cannot tell). */
  documents: number;
  /** Its open-file limit (RLIMIT_NOFILE, soft), from /proc/self/limits; 0 when unknown. */
  fileLimit: number;
  /** Event-loop delay since the previous reading (perf_hooks, 10 ms resolution), ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Server child -> parent. */
export type ServerOut =
  | { type: 'ready'; port: number }
  | ({ type: 'memory' } & MemoryReading)
  | {
      type: 'unloaded';
      /** Wall-clock ms (performance.timeOrigin based) when the count fell to the target. */
      at: number;
      /** Documents still loaded then (above the target when it timed out). */
      documents: number;
    };

/** Where clients connect. */
export interface Target {
  provider: ProviderKind;
  /** ws:// URL of the collaboration endpoint (y-websocket appends /<room>). */
  wsUrl: string;
  documentName: string;
  /** Session token for Recorrido (empty where the server has no auth). */
  token: string;
}

/** Parent -> client worker. */
export type WorkerIn =
  | {
      type: 'connect';
      /**
       * Where each client connects: client firstId + i uses targets[targetIndex[i]] (several
       * targets when the server is several processes); targets[0] for every client when absent.
       */
      targets: Target[];
      targetIndex?: number[];
      /** Global ids of the clients this worker hosts: firstId .. firstId + count - 1. */
      firstId: number;
      count: number;
      /** How many connect at once. */
      batch: number;
      timeoutMs: number;
    }
  | {
      type: 'run';
      /** Global ids of the writers this worker hosts. */
      writers: number[];
      /** Writers across all workers (to spread their start offsets evenly). */
      totalWriters: number;
      editsPerWriter: number;
      intervalMs: number;
      /** Wall-clock ms (performance.timeOrigin based) of the first edit. */
      startAt: number;
      /** Writing stops at startAt + maxWriteMs even when behind schedule. */
      maxWriteMs: number;
    }
  | { type: 'collect'; sent: Record<string, number>; drainMs: number }
  | { type: 'seed'; file: string; timeoutMs: number }
  | {
      type: 'coldSync';
      /** Where the fresh clients connect. */
      target: Target;
      samples: number;
      expectedCards: number;
      timeoutMs: number;
    }
  | { type: 'stop' };

/** Client worker -> parent. */
export type WorkerOut =
  | { type: 'connected'; ms: number }
  | {
      type: 'sent';
      sent: Record<string, number>;
      planned: number;
      lagged: boolean;
      endedAt: number;
    }
  | {
      type: 'collected';
      expected: number;
      received: number;
      /** Readers that miss at least one update after the drain. */
      readersMissing: number;
      latency: HistogramData;
      firstAt: number;
      lastAt: number;
      /** Socket closes seen after connecting (each forces a reconnect and resync). */
      disconnects: number;
    }
  | { type: 'seeded'; cards: number; unacked: number }
  | { type: 'coldSynced'; ms: number[] };

/** Root Y.Map the benchmark edits write into: key `<writer>:<seq>`, value = send time. */
export const BENCH_MAP = 'bench';
