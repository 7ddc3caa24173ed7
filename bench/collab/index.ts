/**
 * bench/collab: the same three scenarios against three collaboration servers, in one run.
 * Each server runs in its own child process (fresh for every scenario), clients run in separate
 * worker processes; the parent only orchestrates and reads /proc.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../shared/index.ts';
import { Child } from '../lib/children.ts';
import { nowMs, sleep } from '../lib/clock.ts';
import { Histogram } from '../lib/histogram.ts';
import type { RedisServer } from '../../server/test/redisServer.ts';
import {
  cpuMsBetween,
  machineCpuPercent,
  sampleMachine,
  sampleProcesses,
  watchRss,
} from '../lib/procstat.ts';
import {
  freshBenchDatabase,
  freshBenchRedis,
  postgresPids,
  releaseBenchPostgres,
} from './backing.ts';
import { buildBigMap, type BigMapShape } from './bigMap.ts';
import {
  instancesOf,
  isRecorrido,
  providerFor,
  usesPostgres,
  type ServerIn,
  type ServerKind,
  type ServerOut,
  type Target,
  type WorkerIn,
  type WorkerOut,
} from './protocol.ts';
import { prepareRecorridoMap } from './recorridoSession.ts';

const HERE = import.meta.dirname;
const SERVER_SCRIPT = path.join(HERE, 'serverChild.ts');
const WORKER_SCRIPT = path.join(HERE, 'clientWorker.ts');

export const SCENARIOS = ['fanout', 'load', 'cold'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** How big and long each scenario is. */
export interface CollabPlan {
  fanout: { clients: number[]; editsPerSecond: number; durationMs: number };
  load: { clients: number; editsPerSecond: number; durationMs: number; workers: number };
  cold: { shape: BigMapShape; samples: number };
  /** How long readers may take to receive everything after the writers stop. */
  drainMs: number;
  /** Clients that connect at once. */
  connectBatch: number;
  /** Runs of each scenario per server; the report gives the median run and the spread. */
  repeats: Record<Scenario, number>;
}

export const FULL_PLAN: CollabPlan = {
  fanout: { clients: [10, 50, 200], editsPerSecond: 20, durationMs: 10_000 },
  load: { clients: 200, editsPerSecond: 5, durationMs: 10_000, workers: 2 },
  cold: { shape: { stages: 40, lanes: 12, cardsPerCell: 5 }, samples: 5 },
  drainMs: 20_000,
  connectBatch: 25,
  repeats: { fanout: 3, load: 3, cold: 2 },
};

export const QUICK_PLAN: CollabPlan = {
  fanout: { clients: [10, 50], editsPerSecond: 20, durationMs: 2_000 },
  load: { clients: 50, editsPerSecond: 5, durationMs: 2_000, workers: 2 },
  cold: { shape: { stages: 10, lanes: 12, cardsPerCell: 5 }, samples: 2 },
  drainMs: 5_000,
  connectBatch: 25,
  repeats: { fanout: 1, load: 1, cold: 1 },
};

export interface CollabOptions {
  plan: CollabPlan;
  servers: readonly ServerKind[];
  scenarios: readonly Scenario[];
  /** When set, every server child runs with --cpu-prof and writes its profile here. */
  cpuProfDir?: string | undefined;
  /**
   * Niceness of the client workers (default: none, as the server). A positive value lets the
   * server under test win the CPU from its own load generator on a small quiet machine, but on
   * a machine shared with other work it starves the clients instead.
   */
  clientNiceness?: number | undefined;
  log(line: string): void;
}

/** Resource use of a server (and its clients) during the measured window. */
export interface Resources {
  /** Of every server process of the run (two for recorrido-cluster), summed. */
  serverCpuPercent: number;
  /** Server CPU time (user + system) in the writing window, ms (all server processes). */
  serverCpuMs: number;
  /** Server CPU time from the first edit until every update was delivered (or the drain ended). */
  serverCpuMsToDelivered: number;
  /**
   * CPU time of the backing services (PostgreSQL server and backends, Redis) over the same span
   * as serverCpuMsToDelivered; 0 for servers without any.
   */
  backingCpuMsToDelivered: number;
  /** Sum of the server processes' peaks. */
  serverPeakRssMb: number;
  clientCpuPercent: number;
  /** CPU used by everything else on the machine (other people's tests...), % of one core. */
  backgroundCpuPercent: number;
}

/** Recorrido's durable update log, from its /metrics (whole server life). */
export interface LogStats {
  appends: number;
  /** Appends that took longer than 10 ms (an event-loop stall for every connection). */
  over10ms: number;
  /** Appends that took longer than 50 ms (the histogram's last bucket). */
  over50ms?: number;
  totalMs: number;
  meanUs: number;
}

/** Reads the log-append histogram of a Recorrido server; null when /metrics lacks it. */
export async function recorridoLogStats(baseUrl: string): Promise<LogStats | null> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const read = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
    const seconds = read('recorrido_log_append_seconds_sum');
    const appends = read('recorrido_log_append_seconds_count');
    if (!Number.isFinite(seconds) || !Number.isFinite(appends)) return null;
    const upTo10ms = Number(
      /^recorrido_log_append_seconds_bucket\{le="0\.01"\} (\S+)$/m.exec(text)?.[1] ?? appends,
    );
    const upTo50ms = Number(
      /^recorrido_log_append_seconds_bucket\{le="0\.05"\} (\S+)$/m.exec(text)?.[1] ?? appends,
    );
    return {
      appends,
      over10ms: appends - upTo10ms,
      over50ms: appends - upTo50ms,
      totalMs: seconds * 1000,
      meanUs: appends ? (seconds * 1e6) / appends : 0,
    };
  } catch {
    return null;
  }
}

export interface FanoutResult extends Resources {
  scenario: 'fanout';
  server: ServerKind;
  clients: number;
  sent: number;
  expected: number;
  received: number;
  lost: number;
  readersMissing: number;
  disconnects: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  writerLagged: boolean;
  log?: LogStats | null;
}

export interface LoadResult extends Resources {
  scenario: 'load';
  server: ServerKind;
  clients: number;
  sent: number;
  planned: number;
  expected: number;
  received: number;
  lost: number;
  readersMissing: number;
  disconnects: number;
  deliveriesPerSecond: number;
  /** From the first edit to the last delivery. */
  spanMs: number;
  p50: number;
  p99: number;
  writerLagged: boolean;
  log?: LogStats | null;
}

export interface ColdResult {
  scenario: 'cold';
  server: ServerKind;
  cards: number;
  stateBytes: number;
  samplesMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface FailedResult {
  scenario: Scenario;
  server: ServerKind;
  clients?: number;
  error: string;
}

/** One measured run; `run` numbers the repetitions (1..k) of the same scenario and server. */
export type CollabResult = (FanoutResult | LoadResult | ColdResult | FailedResult) & {
  run?: number;
};

type ServerChild = Child<ServerIn, ServerOut>;
type Worker = Child<WorkerIn, WorkerOut>;

/** One measured server: one process, or two on one database and one Redis (recorrido-cluster). */
interface RunningServer {
  /** Its processes; the first one takes the writers, the last one the readers. */
  children: ServerChild[];
  /** HTTP base URL of the first process. */
  baseUrl: string;
  /** targets[i]: the collaboration endpoint of children[i]. */
  targets: Target[];
  /** PIDs of its backing services right now (PostgreSQL and its backends, Redis). */
  backingPids(): Promise<number[]>;
  /** Redis started for this run only (destroyed with it). */
  redis?: RedisServer | undefined;
}

/** Temporary folders of server children (Recorrido's DATA_DIR), removed after each child exits. */
const scratchDirs = new Set<string>();

export function removeScratch(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  scratchDirs.delete(dir);
}

let scratchExitHook = false;

/** A temporary folder for a server child, removed with removeScratch or when we exit. */
export function scratchDir(): string {
  if (!scratchExitHook) {
    scratchExitHook = true;
    process.on('exit', () => [...scratchDirs].forEach(removeScratch));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-bench-'));
  scratchDirs.add(dir);
  return dir;
}

function spawnServerChild(
  kind: ServerKind,
  profileName: string,
  options: CollabOptions,
  env: Record<string, string>,
): ServerChild {
  const execArgv = options.cpuProfDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${options.cpuProfDir}`,
        `--cpu-prof-name=${profileName}.cpuprofile`,
      ]
    : [];
  const scratch = scratchDir();
  const child = new Child<ServerIn, ServerOut>(
    `server ${kind}`,
    SERVER_SCRIPT,
    [kind, scratch],
    execArgv,
    undefined,
    env,
  );
  void child.exited.then(() => removeScratch(scratch));
  return child;
}

async function startServer(
  kind: ServerKind,
  label: string,
  options: CollabOptions,
): Promise<RunningServer> {
  const env: Record<string, string> = {};
  const children: ServerChild[] = [];
  let redis: RedisServer | undefined;
  try {
    if (usesPostgres(kind)) env.BENCH_DATABASE_URL = await freshBenchDatabase();
    if (kind === 'recorrido-cluster') {
      redis = await freshBenchRedis();
      env.BENCH_REDIS_URL = redis.url;
    }
    const ports: number[] = [];
    // One after the other: the first one creates the database schema.
    for (let i = 0; i < instancesOf(kind); i += 1) {
      const suffix = instancesOf(kind) > 1 ? `-${String.fromCharCode(97 + i)}` : '';
      const child = spawnServerChild(kind, `${kind}-${label}${suffix}`, options, env);
      children.push(child);
      ports.push((await child.next('ready', 30_000)).port);
    }
    const baseUrl = `http://127.0.0.1:${ports[0] ?? 0}`;
    let targets: Target[];
    if (isRecorrido(kind)) {
      // The map and the session are in the shared database: every instance accepts them.
      const map = await prepareRecorridoMap(baseUrl);
      // As the web client does: /collab, announcing the map schema it writes.
      targets = ports.map((port) => ({
        provider: 'hocuspocus',
        wsUrl: `ws://127.0.0.1:${port}/collab?schema=${SCHEMA_VERSION}`,
        ...map,
      }));
    } else {
      targets = ports.map((port) => ({
        provider: providerFor(kind),
        wsUrl: `ws://127.0.0.1:${port}`,
        documentName: `bench-${label}`,
        token: '',
      }));
    }
    const redisPid = () => (redis?.pid === undefined ? [] : [redis.pid]);
    return {
      children,
      baseUrl,
      targets,
      redis,
      backingPids: async () =>
        usesPostgres(kind) ? [...(await postgresPids()), ...redisPid()] : redisPid(),
    };
  } catch (error) {
    await Promise.all(children.map((child) => child.stop({ type: 'stop' })));
    await redis?.destroy();
    throw error;
  }
}

function startWorkers(
  count: number,
  kind: ServerKind,
  label: string,
  options: CollabOptions,
): Worker[] {
  return Array.from({ length: count }, (_, i) => {
    const execArgv = options.cpuProfDir
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${options.cpuProfDir}`,
          `--cpu-prof-name=clients${i}-${kind}-${label}.cpuprofile`,
        ]
      : [];
    return new Child<WorkerIn, WorkerOut>(
      `client worker ${i}`,
      WORKER_SCRIPT,
      [],
      execArgv,
      options.clientNiceness,
    );
  });
}

async function stopAll(server: RunningServer | undefined, workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.stop({ type: 'stop' }, 10_000)));
  await Promise.all(server?.children.map((child) => child.stop({ type: 'stop' })) ?? []);
  await server?.redis?.destroy();
}

/**
 * Splits clients 0..n-1 over the workers in contiguous ranges and connects them; client i
 * connects to targets[targetOf(i)] (default: the first).
 */
async function connectAll(
  workers: Worker[],
  targets: Target[],
  clients: number,
  plan: CollabPlan,
  targetOf: (id: number) => number = () => 0,
) {
  const per = Math.ceil(clients / workers.length);
  const ranges = workers.map((_, i) => ({
    firstId: i * per,
    count: Math.max(0, Math.min(per, clients - i * per)),
  }));
  await Promise.all(
    workers.map(async (worker, i) => {
      const range = ranges[i] ?? { firstId: 0, count: 0 };
      worker.send({
        type: 'connect',
        targets,
        targetIndex: Array.from({ length: range.count }, (_, k) => targetOf(range.firstId + k)),
        ...range,
        batch: plan.connectBatch,
        timeoutMs: 60_000,
      });
      await worker.next('connected', 120_000);
    }),
  );
  return ranges;
}

/** Writes on schedule and collects what every reader received, across all workers. */
async function writeAndCollect(
  server: RunningServer,
  workers: Worker[],
  ranges: { firstId: number; count: number }[],
  writerIds: number[],
  editsPerWriter: number,
  editsPerSecond: number,
  durationMs: number,
  drainMs: number,
) {
  const startAt = nowMs() + 500;
  const maxWriteMs = durationMs * 1.5 + 2_000;
  workers.forEach((worker, i) => {
    const range = ranges[i] ?? { firstId: 0, count: 0 };
    worker.send({
      type: 'run',
      writers: writerIds.filter((id) => id >= range.firstId && id < range.firstId + range.count),
      totalWriters: writerIds.length,
      editsPerWriter,
      intervalMs: 1000 / editsPerSecond,
      startAt,
      maxWriteMs,
    });
  });
  await sleep(Math.max(0, startAt - nowMs()));
  const serverPids = server.children.map((child) => child.pid);
  const workerPids = workers.map((w) => w.pid);
  const rss = serverPids.map((pid) => watchRss(pid));
  const backingBefore = sampleProcesses(await server.backingPids());
  const machineBefore = sampleMachine();
  const serverBefore = sampleProcesses(serverPids);
  const workersBefore = sampleProcesses(workerPids);
  const before = performance.now();
  const sentReplies = await Promise.all(workers.map((w) => w.next('sent', maxWriteMs + 60_000)));
  const serverAfter = sampleProcesses(serverPids);
  const workersAfter = sampleProcesses(workerPids);
  const machineAfter = sampleMachine();
  const backingAfter = sampleProcesses(await server.backingPids());
  const after = performance.now();
  const sent: Record<string, number> = {};
  for (const reply of sentReplies) Object.assign(sent, reply.sent);
  for (const worker of workers) worker.send({ type: 'collect', sent, drainMs });
  const collected = await Promise.all(workers.map((w) => w.next('collected', drainMs + 60_000)));
  const serverEnd = sampleProcesses(serverPids);
  const backingEnd = sampleProcesses(await server.backingPids());
  const latency = new Histogram();
  for (const c of collected) latency.merge(c.latency);
  const sum = (pick: (c: (typeof collected)[number]) => number) =>
    collected.reduce((total, c) => total + pick(c), 0);
  const lastAt = Math.max(...collected.map((c) => c.lastAt));
  const wallMs = after - before;
  const percent = (cpuMs: number) => (wallMs > 0 ? (cpuMs / wallMs) * 100 : Number.NaN);
  const serverCpuMs = cpuMsBetween(serverBefore, serverAfter);
  const serverCpuPercent = percent(serverCpuMs);
  const clientCpuPercent = percent(cpuMsBetween(workersBefore, workersAfter));
  const backingCpuPercent = percent(cpuMsBetween(backingBefore, backingAfter));
  const machine = machineCpuPercent(machineBefore, machineAfter, wallMs);
  return {
    startAt,
    sent: Object.values(sent).reduce((a, b) => a + b, 0),
    planned: sentReplies.reduce((a, r) => a + r.planned, 0),
    lagged: sentReplies.some((r) => r.lagged),
    expected: sum((c) => c.expected),
    received: sum((c) => c.received),
    readersMissing: sum((c) => c.readersMissing),
    disconnects: sum((c) => c.disconnects),
    lastAt,
    latency,
    resources: {
      serverCpuPercent,
      serverCpuMs,
      serverCpuMsToDelivered: cpuMsBetween(serverBefore, serverEnd),
      backingCpuMsToDelivered: cpuMsBetween(backingBefore, backingEnd),
      serverPeakRssMb: rss.reduce((total, watch) => total + watch.stop(), 0) / 2 ** 20,
      clientCpuPercent,
      backgroundCpuPercent: Math.max(
        0,
        machine - serverCpuPercent - clientCpuPercent - backingCpuPercent,
      ),
    } satisfies Resources,
  };
}

async function runFanout(
  kind: ServerKind,
  clients: number,
  options: CollabOptions,
): Promise<FanoutResult> {
  const { plan } = options;
  const { editsPerSecond, durationMs } = plan.fanout;
  let server: RunningServer | undefined;
  // One worker: the writer and every reader share a clock.
  const workers: Worker[] = [];
  try {
    server = await startServer(kind, `fanout-${clients}`, options);
    workers.push(...startWorkers(1, kind, `fanout-${clients}`, options));
    // The writer on the first process, the readers on the last (the same one but for a cluster).
    const last = server.targets.length - 1;
    const ranges = await connectAll(workers, server.targets, clients, plan, (id) =>
      id === 0 ? 0 : last,
    );
    const editsPerWriter = Math.round((editsPerSecond * durationMs) / 1000);
    const r = await writeAndCollect(
      server,
      workers,
      ranges,
      [0],
      editsPerWriter,
      editsPerSecond,
      durationMs,
      plan.drainMs,
    );
    return {
      scenario: 'fanout',
      server: kind,
      clients,
      sent: r.sent,
      expected: r.expected,
      received: r.received,
      lost: r.expected - r.received,
      readersMissing: r.readersMissing,
      disconnects: r.disconnects,
      p50: r.latency.percentile(50),
      p95: r.latency.percentile(95),
      p99: r.latency.percentile(99),
      max: r.latency.max,
      writerLagged: r.lagged,
      ...r.resources,
      ...(isRecorrido(kind) ? { log: await recorridoLogStats(server.baseUrl) } : {}),
    };
  } finally {
    await stopAll(server, workers);
  }
}

async function runLoad(kind: ServerKind, options: CollabOptions): Promise<LoadResult> {
  const { plan } = options;
  const { clients, editsPerSecond, durationMs } = plan.load;
  let server: RunningServer | undefined;
  const workers: Worker[] = [];
  try {
    server = await startServer(kind, `load-${clients}`, options);
    workers.push(...startWorkers(plan.load.workers, kind, `load-${clients}`, options));
    // Every client writes: spread over the processes of a cluster, every other one.
    const processes = server.targets.length;
    const ranges = await connectAll(workers, server.targets, clients, plan, (id) => id % processes);
    const editsPerWriter = Math.round((editsPerSecond * durationMs) / 1000);
    const writers = Array.from({ length: clients }, (_, i) => i);
    const r = await writeAndCollect(
      server,
      workers,
      ranges,
      writers,
      editsPerWriter,
      editsPerSecond,
      durationMs,
      plan.drainMs,
    );
    const spanMs = r.lastAt - r.startAt;
    return {
      scenario: 'load',
      server: kind,
      clients,
      sent: r.sent,
      planned: r.planned,
      expected: r.expected,
      received: r.received,
      lost: r.expected - r.received,
      readersMissing: r.readersMissing,
      disconnects: r.disconnects,
      deliveriesPerSecond: spanMs > 0 ? r.received / (spanMs / 1000) : 0,
      spanMs,
      p50: r.latency.percentile(50),
      p99: r.latency.percentile(99),
      writerLagged: r.lagged,
      ...r.resources,
      ...(isRecorrido(kind) ? { log: await recorridoLogStats(server.baseUrl) } : {}),
    };
  } finally {
    await stopAll(server, workers);
  }
}

async function runCold(
  kind: ServerKind,
  seedFile: string,
  stateBytes: number,
  options: CollabOptions,
): Promise<ColdResult> {
  const { plan } = options;
  let server: RunningServer | undefined;
  const workers: Worker[] = [];
  try {
    server = await startServer(kind, 'cold', options);
    workers.push(...startWorkers(1, kind, 'cold', options));
    const [worker] = workers;
    if (!worker) throw new Error('no worker');
    // One seeding client stays connected, so every server keeps the map loaded.
    await connectAll(workers, server.targets, 1, plan);
    worker.send({ type: 'seed', file: seedFile, timeoutMs: 60_000 });
    const seeded = await worker.next('seeded', 90_000);
    // On a cluster, from the other process than the one the map was pushed through.
    const coldTarget = server.targets.at(-1);
    if (!coldTarget) throw new Error('no target');
    worker.send({
      type: 'coldSync',
      target: coldTarget,
      samples: plan.cold.samples,
      expectedCards: seeded.cards,
      timeoutMs: 60_000,
    });
    const { ms } = await worker.next('coldSynced', 60_000 * (plan.cold.samples + 2));
    const sorted = [...ms].sort((a, b) => a - b);
    return {
      scenario: 'cold',
      server: kind,
      cards: seeded.cards,
      stateBytes,
      samplesMs: ms,
      medianMs: median(sorted),
      minMs: sorted[0] ?? Number.NaN,
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    };
  } finally {
    await stopAll(server, workers);
  }
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Rotates the server order per step so no server always goes first (or last) on a busy machine. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const k = by % Math.max(1, items.length);
  return [...items.slice(k), ...items.slice(0, k)];
}

async function attempt(
  result: () => Promise<CollabResult>,
  failed: FailedResult,
  options: CollabOptions,
): Promise<CollabResult> {
  try {
    return await result();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.log(`  ! ${failed.server} ${failed.scenario}: ${message.split('\n')[0]}`);
    return { ...failed, error: message.split('\n')[0] ?? message };
  }
}

/** Runs every chosen scenario against every chosen server; never throws for one failed run. */
export async function runCollab(options: CollabOptions): Promise<CollabResult[]> {
  const results: CollabResult[] = [];
  const { plan } = options;
  const want = (scenario: Scenario, rep: number) =>
    options.scenarios.includes(scenario) && rep < plan.repeats[scenario];
  let step = 0;
  const measure = async (
    scenario: Scenario,
    kind: ServerKind,
    run: number,
    clients: number | undefined,
    fn: () => Promise<CollabResult>,
  ) => {
    const failed: FailedResult = { scenario, server: kind, error: '' };
    if (clients !== undefined) failed.clients = clients;
    results.push({ ...(await attempt(fn, failed, options)), run });
  };

  let seedFile: string | undefined;
  let stateBytes = 0;
  let seedDir: string | undefined;
  let removeOnExit: (() => void) | undefined;
  try {
    if (options.scenarios.includes('cold')) {
      const started = performance.now();
      const { update, cards } = buildBigMap(plan.cold.shape);
      options.log(
        `cold sync: built a ${cards}-card map (${(update.length / 1024).toFixed(0)} KiB) in ` +
          `${(performance.now() - started).toFixed(0)} ms`,
      );
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-bench-map-'));
      seedDir = dir;
      // Also on Ctrl-C (the signal handler exits without unwinding this function).
      removeOnExit = () => fs.rmSync(dir, { recursive: true, force: true });
      process.on('exit', removeOnExit);
      seedFile = path.join(seedDir, 'map.bin');
      stateBytes = update.length;
      fs.writeFileSync(seedFile, update);
    }
    const rounds = Math.max(...SCENARIOS.map((s) => plan.repeats[s]));
    // Round r measures every scenario once, so a noisy minute on a shared machine hits one
    // run of each rather than every run of one; the server order rotates at each step.
    for (let rep = 0; rep < rounds; rep += 1) {
      const run = rep + 1;
      if (want('fanout', rep)) {
        for (const clients of plan.fanout.clients) {
          for (const kind of rotated(options.servers, step++)) {
            options.log(`[run ${run}] fan-out ${String(clients).padStart(3)} clients  ${kind}`);
            await measure('fanout', kind, run, clients, () => runFanout(kind, clients, options));
          }
        }
      }
      if (want('load', rep)) {
        for (const kind of rotated(options.servers, step++)) {
          options.log(
            `[run ${run}] load    ${String(plan.load.clients).padStart(3)} clients  ${kind}`,
          );
          await measure('load', kind, run, plan.load.clients, () => runLoad(kind, options));
        }
      }
      if (want('cold', rep) && seedFile) {
        const file = seedFile;
        for (const kind of rotated(options.servers, step++)) {
          options.log(`[run ${run}] cold sync  ${kind}`);
          await measure('cold', kind, run, undefined, () =>
            runCold(kind, file, stateBytes, options),
          );
        }
      }
    }
  } finally {
    await releaseBenchPostgres();
    if (seedDir) fs.rmSync(seedDir, { recursive: true, force: true });
    if (removeOnExit) process.off('exit', removeOnExit);
  }
  return results;
}
