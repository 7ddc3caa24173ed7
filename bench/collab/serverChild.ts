/**
 * One collaboration server in its own process, so its CPU and RSS can be read from /proc and
 * no client shares its event loop. Usage (forked by the benchmark): serverChild.ts <kind>.
 * Binds 127.0.0.1 on a free port, reports {type:'ready', port}, stops on {type:'stop'} or when
 * the parent goes away.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from '@hocuspocus/server';
import { docs as yWebsocketDocs, setupWSConnection } from '@y/websocket-server/utils';
import pino from 'pino';
import { readConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { sqliteDatabaseOf } from '../../server/storage/sqlite/sqliteStorage.ts';
import { failToParent, onParentGone, toParent } from '../lib/children.ts';
import { nowMs, sleep } from '../lib/clock.ts';
import {
  ALL_SERVER_KINDS,
  usesPostgres,
  type MemoryReading,
  type ServerIn,
  type ServerKind,
  type ServerOut,
} from './protocol.ts';

const HOST = '127.0.0.1';

interface Running {
  port: number;
  /** Documents loaded right now. */
  documents(): number;
  close(): Promise<void>;
}

/**
 * Recorrido's real server: auth, roles and the durable log, on a temporary data folder (SQLite),
 * or, for recorrido-pg and recorrido-cluster, on the PostgreSQL database in BENCH_DATABASE_URL
 * and (cluster) the Redis in BENCH_REDIS_URL, both set by the benchmark for this child only: a
 * DATABASE_URL or REDIS_URL of the shell never reaches the plain `recorrido` row.
 */
async function startRecorrido(kind: ServerKind, diagnosticSql?: string): Promise<Running> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
  const redisUrl = process.env.BENCH_REDIS_URL ?? '';
  if (usesPostgres(kind) && !databaseUrl) throw new Error(`${kind} needs BENCH_DATABASE_URL`);
  if (kind === 'recorrido-cluster' && !redisUrl) throw new Error(`${kind} needs BENCH_REDIS_URL`);
  // The benchmark made this folder and removes it whatever happens to this process.
  const dataDir = process.argv[3] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-bench-'));
  // readConfig fills every setting the server knows about; only these are forced.
  const config = readConfig({
    PORT: '0',
    HOST,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    // bench/editor times cold opens (0: a map unloads when its last client leaves); unset: 30 s.
    UNLOAD_GRACE_MS: process.env.BENCH_UNLOAD_GRACE_MS ?? '',
    // bench/editor serves the built web client (BENCH_CLIENT_DIR); bench/collab needs none.
    CLIENT_DIR: process.env.BENCH_CLIENT_DIR || path.join(dataDir, 'no-client'),
    ...(usesPostgres(kind) ? { DATABASE_URL: databaseUrl } : {}),
    ...(kind === 'recorrido-cluster' ? { REDIS_URL: redisUrl } : {}),
    // bench/capacity opens thousands of sockets from one address, which the per-IP limit on
    // connection attempts (meant for floods from one client) would otherwise slow to 50/s.
    ...(process.env.BENCH_CONNECTIONS_PER_SECOND
      ? {
          COLLAB_CONNECTIONS_PER_SECOND: process.env.BENCH_CONNECTIONS_PER_SECOND,
          COLLAB_CONNECTION_BURST: process.env.BENCH_CONNECTIONS_PER_SECOND,
        }
      : {}),
  });
  const server = await startServer(config, pino({ level: 'silent' }));
  // Diagnostics only (recorrido-diag, see bench/README.md), e.g.
  // BENCH_RECORRIDO_SQL='PRAGMA wal_autocheckpoint = 0' to see what WAL checkpoints cost.
  if (diagnosticSql) {
    const db = sqliteDatabaseOf(server.storage);
    if (!db) throw new Error('BENCH_RECORRIDO_SQL needs the SQLite storage');
    db.exec(diagnosticSql);
  }
  return {
    port: server.port,
    documents: () => server.hocuspocus.documents.size,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Hocuspocus with no extension at all, default configuration (batching on, flushDelay 0). */
async function startBareHocuspocus(): Promise<Running> {
  const server = new Server({ port: 0, address: HOST, quiet: true, stopOnSignals: false });
  await server.listen();
  return {
    port: server.address.port,
    documents: () => server.hocuspocus.documents.size,
    async close() {
      await server.destroy();
    },
  };
}

/** The `ws` package, as @y/websocket-server's own bin uses it (ws 6 ships no types). */
interface WsServer {
  handleUpgrade(
    request: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
    done: (ws: unknown) => void,
  ): void;
  close(): void;
}
interface WsModule {
  Server: new (options: { noServer: true; maxPayload?: number }) => WsServer;
}

/** The y-websocket reference server: the package's bin, on 127.0.0.1:0 (in memory, no persistence). */
async function startYWebsocket(): Promise<Running> {
  const require = createRequire(import.meta.url);
  const ws = require('ws') as WsModule;
  const wss = new ws.Server({ noServer: true });
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end('okay');
  });
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (conn) => setupWSConnection(conn, request));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    documents: () => (yWebsocketDocs as Map<string, unknown>).size,
    async close() {
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const STARTERS: Record<ServerKind, () => Promise<Running>> = {
  recorrido: () => startRecorrido('recorrido'),
  'recorrido-pg': () => startRecorrido('recorrido-pg'),
  'recorrido-cluster': () => startRecorrido('recorrido-cluster'),
  'recorrido-diag': () => startRecorrido('recorrido-diag', process.env.BENCH_RECORRIDO_SQL ?? ''),
  hocuspocus: startBareHocuspocus,
  'y-websocket': startYWebsocket,
};

/** RLIMIT_NOFILE (soft) of this process; 0 when /proc is not there. */
function fileLimit(): number {
  try {
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
    return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Memory after a full collection (when run with --expose-gc): two collections a turn apart, so
 * what the first one's finalizers and weak references released is gone by the second.
 */
/** How long the event loop was held up, between two memory readings (the collections excluded). */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

async function readMemory(running: Running): Promise<MemoryReading> {
  const loopDelayP99Ms = loopDelay.percentile(99) / 1e6;
  const loopDelayMaxMs = loopDelay.max / 1e6;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await sleep(20);
    gc();
  }
  const usage = process.memoryUsage();
  // After the delay timer has fired once more, or the collection's pause would count.
  await sleep(20);
  loopDelay.reset();
  return {
    loopDelayP99Ms,
    loopDelayMaxMs,
    collected: gc !== undefined,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    rss: usage.rss,
    documents: running.documents(),
    fileLimit: fileLimit(),
  };
}

/** Polls the loaded documents every 5 ms until at most `target` remain, or timeoutMs passed. */
async function watchUnload(running: Running, target: number, timeoutMs: number): Promise<void> {
  const giveUpAt = nowMs() + timeoutMs;
  while (running.documents() > target && nowMs() < giveUpAt) await sleep(5);
  toParent({ type: 'unloaded', at: nowMs(), documents: running.documents() } satisfies ServerOut);
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  if (!ALL_SERVER_KINDS.includes(kind)) throw new Error(`unknown server kind "${process.argv[2]}"`);
  const running = await STARTERS[kind]();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const hardStop = setTimeout(() => process.exit(0), 10_000);
    hardStop.unref();
    try {
      await running.close();
    } finally {
      // A normal exit, so --cpu-prof writes its profile.
      process.exit(0);
    }
  };
  process.on('message', (message: ServerIn) => {
    if (message.type === 'stop') void stop();
    if (message.type === 'memory') {
      readMemory(running)
        .then((reading) => toParent({ type: 'memory', ...reading } satisfies ServerOut))
        .catch(failToParent);
    }
    if (message.type === 'watchUnload') {
      watchUnload(running, message.documents, message.timeoutMs).catch(failToParent);
    }
  });
  onParentGone(() => void stop());
  toParent({ type: 'ready', port: running.port } satisfies ServerOut);
}

main().catch(failToParent);
