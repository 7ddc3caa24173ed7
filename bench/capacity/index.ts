/**
 * bench/capacity: what one server process holds (issue 15), side by side with bare Hocuspocus.
 *
 * - memory: N demo maps open with 1 and then 2 clients each; the server child runs with
 *   --expose-gc and collects before every reading (heap used and RSS); then every client leaves
 *   and the time until every map is unloaded, and the memory returned, are measured.
 * - connections: mostly idle clients (one edit a minute each, presence on) ramped in steps on a
 *   fixed set of maps while a probe writer measures fan-out latency; per step: probe p99, edits
 *   lost, disconnects, memory after collection.
 *
 * Each server runs in its own child process (fresh for each measured run) with a raised file
 * limit; clients run in several worker processes, every client of a map in the same worker so
 * edits and receipts of a map share one clock.
 */
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { applyMapJson, mapDocName, SCHEMA_VERSION, templateJson } from '../../shared/index.ts';
import { Child } from '../lib/children.ts';
import { nowMs, sleep } from '../lib/clock.ts';
import { Histogram } from '../lib/histogram.ts';
import { cpuPercent, machineCpuPercent, sampleMachine, sampleProcess } from '../lib/procstat.ts';
import { freshBenchDatabase, releaseBenchPostgres } from '../collab/backing.ts';
import { recorridoLogStats, removeScratch, scratchDir, type LogStats } from '../collab/index.ts';
import {
  isRecorrido,
  usesPostgres,
  type MemoryReading,
  type ServerIn,
  type ServerKind,
  type ServerOut,
  type Target,
} from '../collab/protocol.ts';
import { createBenchMap, signUpBenchUser } from '../collab/recorridoSession.ts';
import type { CapacityIn, CapacityOut, MapTarget } from './protocol.ts';

const HERE = import.meta.dirname;
const SERVER_SCRIPT = path.join(HERE, '..', 'collab', 'serverChild.ts');
const WORKER_SCRIPT = path.join(HERE, 'clientWorker.ts');

/** The servers each scenario can measure (the y-websocket reference is left out here). */
export const CAPACITY_SERVERS = ['hocuspocus', 'recorrido', 'recorrido-pg'] as const;
export const MEMORY_SERVERS: readonly ServerKind[] = CAPACITY_SERVERS;
export const CONNECTION_SERVERS: readonly ServerKind[] = ['hocuspocus', 'recorrido'];

/** Open-file limit of the server children (sockets, plus the database's files). */
const SERVER_FILE_LIMIT = 65_536;

export interface CapacityPlan {
  memory: {
    /** Open maps per measured run (a fresh server for each). */
    maps: number[];
    /** Wait after connecting, so debounced stores and first-sync work are done before reading. */
    settleMs: number;
    unloadTimeoutMs: number;
  };
  connections: {
    maps: number;
    step: number;
    max: number;
    /** Extra readers on the probe's map, so its p99 has enough samples at small steps. */
    probeReaders: number;
    idleIntervalMs: number;
    probeIntervalMs: number;
    windowMs: number;
    drainMs: number;
    /** A step within this p99 (ms) with nothing lost passes. */
    p99BoundMs: number;
    /** The ramp stops after a step over this p99 (ms), or one that failed. */
    giveUpP99Ms: number;
  };
  /** Client worker processes. */
  workers: number;
  /** Clients that connect at once in each worker. */
  batch: number;
}

export const FULL_CAPACITY_PLAN: CapacityPlan = {
  memory: { maps: [100, 500, 1_000], settleMs: 3_000, unloadTimeoutMs: 60_000 },
  connections: {
    maps: 250,
    step: 500,
    max: 5_000,
    probeReaders: 8,
    idleIntervalMs: 60_000,
    probeIntervalMs: 100,
    windowMs: 10_000,
    drainMs: 10_000,
    p99BoundMs: 100,
    giveUpP99Ms: 1_000,
  },
  workers: 4,
  batch: 50,
};

export const QUICK_CAPACITY_PLAN: CapacityPlan = {
  memory: { maps: [20, 60], settleMs: 2_500, unloadTimeoutMs: 30_000 },
  connections: {
    maps: 50,
    step: 100,
    max: 300,
    probeReaders: 4,
    idleIntervalMs: 60_000,
    probeIntervalMs: 100,
    windowMs: 3_000,
    drainMs: 5_000,
    p99BoundMs: 100,
    giveUpP99Ms: 1_000,
  },
  workers: 2,
  batch: 50,
};

export const CAPACITY_SCENARIOS = ['memory', 'connections'] as const;
export type CapacityScenario = (typeof CAPACITY_SCENARIOS)[number];

export interface CapacityOptions {
  plan: CapacityPlan;
  servers: readonly ServerKind[];
  scenarios: readonly CapacityScenario[];
  /**
   * Niceness of the server children and of the client workers (default: none). On a machine
   * shared with other work at a higher priority, a negative value keeps the measured processes
   * from waiting for a core (root only; the report says what was used).
   */
  serverNiceness?: number | undefined;
  clientNiceness?: number | undefined;
  log(line: string): void;
}

export interface MemoryResult {
  scenario: 'memory';
  server: ServerKind;
  maps: number;
  cards: number;
  /** Encoded size of one map's state, as a client holds it. */
  stateBytes: number;
  /** Maps created (Recorrido), nothing open yet. */
  baseline: MemoryReading;
  oneClient: MemoryReading;
  twoClients: MemoryReading;
  /** After every client left and the maps were unloaded (or the wait timed out). */
  afterUnload: MemoryReading;
  /** From the clients' leaving until every map was unloaded. */
  unloadMs: number;
  /** Documents still loaded when the wait ended (0 when all were unloaded). */
  documentsLeft: number;
  connectMs: number;
}

export interface ConnectionStep {
  clients: number;
  /** Probe writer's edits at the other clients of its map. */
  p50: number;
  p99: number;
  max: number;
  probeSamples: number;
  /** Every edit of the window at every reader. */
  allP99: number;
  editsSent: number;
  lost: number;
  disconnects: number;
  heapUsed: number;
  rss: number;
  serverCpuPercent: number;
  machineCpuPercent: number;
  growMs: number;
  /** The server's event-loop delay over the window and the drain, ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Recorrido: durable-log group commits over the step, and those over 10 / 50 ms. */
  logCommits?: number;
  logOver10ms?: number;
  logOver50ms?: number;
  logMeanMs?: number;
}

export interface ConnectionsResult {
  scenario: 'connections';
  server: ServerKind;
  maps: number;
  fileLimit: number;
  steps: ConnectionStep[];
  /** Why the ramp stopped early, if it did. */
  stoppedBecause?: string;
}

export interface FailedCapacityResult {
  scenario: 'memory' | 'connections';
  server: ServerKind;
  maps?: number;
  error: string;
}

/** When a result was measured and how busy the machine was (1-minute load average then). */
export interface Measured {
  measuredAt?: string;
  loadAverage?: number;
  /** Niceness of the server and of the client workers, where one was set. */
  serverNiceness?: number;
  clientNiceness?: number;
}

export type CapacityResult = (MemoryResult | ConnectionsResult | FailedCapacityResult) & Measured;

type ServerChild = Child<ServerIn, ServerOut>;
type Worker = Child<CapacityIn, CapacityOut>;

/** The demo map (the app's travel-alert-demo template, English) as one update, and its cards. */
function demoMap(): { update: Uint8Array; cards: number } {
  const doc = new Y.Doc();
  applyMapJson(doc, templateJson('travel-alert-demo', 'en'));
  const update = Y.encodeStateAsUpdate(doc);
  const cards = doc.getMap('cards').size;
  doc.destroy();
  return { update, cards };
}

interface RunningServer {
  child: ServerChild;
  baseUrl: string;
  /** Targets of maps 0..count-1. */
  maps: MapTarget[];
  /** The demo map as base64, pushed by the first client of each map (bare Hocuspocus). */
  seed?: string;
}

async function startServer(
  kind: ServerKind,
  mapCount: number,
  niceness: number | undefined,
): Promise<RunningServer> {
  const env: Record<string, string> = {
    BENCH_CONNECTIONS_PER_SECOND: '1000000',
    // Unload timing without the product's grace period (UNLOAD_GRACE_MS, 30 s by default: a
    // map stays loaded that long for a quick reopen), so it compares with bare Hocuspocus.
    BENCH_UNLOAD_GRACE_MS: '0',
  };
  if (usesPostgres(kind)) env.BENCH_DATABASE_URL = await freshBenchDatabase();
  const scratch = scratchDir();
  const child = new Child<ServerIn, ServerOut>(
    `server ${kind}`,
    SERVER_SCRIPT,
    [kind, scratch],
    ['--expose-gc'],
    niceness,
    env,
    SERVER_FILE_LIMIT,
  );
  void child.exited.then(() => removeScratch(scratch));
  try {
    const { port } = await child.next('ready', 30_000);
    const baseUrl = `http://127.0.0.1:${port}`;
    if (!isRecorrido(kind)) {
      const maps = Array.from({ length: mapCount }, (_, index) => ({
        index,
        target: {
          provider: 'hocuspocus',
          wsUrl: `ws://127.0.0.1:${port}`,
          documentName: `capacity-${index}`,
          token: '',
        } satisfies Target,
      }));
      return { child, baseUrl, maps, seed: Buffer.from(demoMap().update).toString('base64') };
    }
    // One user owns every map, created from the demo template as the app does it.
    const session = await signUpBenchUser(baseUrl);
    const ids: string[] = new Array<string>(mapCount);
    let nextIndex = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextIndex < mapCount) {
          const index = nextIndex;
          nextIndex += 1;
          ids[index] = await createBenchMap(baseUrl, session, {
            title: `Capacity ${index}`,
            template: 'travel-alert-demo',
            locale: 'en',
          });
        }
      }),
    );
    const maps = ids.map((id, index) => ({
      index,
      target: {
        provider: 'hocuspocus',
        wsUrl: `ws://127.0.0.1:${port}/collab?schema=${SCHEMA_VERSION}`,
        documentName: mapDocName(id as Parameters<typeof mapDocName>[0]),
        token: session.token,
      } satisfies Target,
    }));
    return { child, baseUrl, maps };
  } catch (error) {
    await child.stop({ type: 'stop' });
    throw error;
  }
}

function startWorkers(count: number, niceness: number | undefined): Worker[] {
  return Array.from(
    { length: count },
    (_, i) =>
      new Child<CapacityIn, CapacityOut>(`capacity worker ${i}`, WORKER_SCRIPT, [], [], niceness),
  );
}

async function stopAll(server: RunningServer | undefined, workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.stop({ type: 'stop' }, 10_000)));
  await server?.child.stop({ type: 'stop' });
}

async function readMemory(child: ServerChild): Promise<MemoryReading> {
  child.send({ type: 'memory' });
  const reply: Partial<Pick<ServerOut, 'type'>> & MemoryReading = {
    ...(await child.next('memory', 60_000)),
  };
  delete reply.type;
  return reply;
}

/**
 * The worker that hosts a map: map 0 (the probe's) alone in worker 0, so the latencies it times
 * are not held up by the collections and work of a worker full of other maps; the rest spread
 * over the other workers.
 */
function workerOf(map: number, workers: number): number {
  if (workers < 2) return 0;
  return map === 0 ? 0 : 1 + ((map - 1) % (workers - 1));
}

/**
 * Gives every map `clientsOf(map)` clients (see workerOf), all at once in
 * every worker; resolves with what the workers report.
 */
async function grow(
  workers: Worker[],
  server: RunningServer,
  clientsOf: (map: number) => number,
  expectedCards: number,
  plan: CapacityPlan,
) {
  const replies = await Promise.all(
    workers.map(async (worker, w) => {
      const maps = server.maps
        .filter((m) => workerOf(m.index, workers.length) === w)
        .map((map) => ({ map, clients: clientsOf(map.index) }));
      worker.send({
        type: 'grow',
        maps,
        ...(server.seed ? { seed: server.seed } : {}),
        expectedCards,
        presence: true,
        batch: plan.batch,
        timeoutMs: 120_000,
      });
      return worker.next('grown', 600_000);
    }),
  );
  return {
    clients: replies.reduce((total, r) => total + r.clients, 0),
    ms: Math.max(...replies.map((r) => r.ms)),
    stateBytes: replies.find((r) => r.stateBytes > 0)?.stateBytes ?? 0,
    cards: replies.find((r) => r.cards > 0)?.cards ?? 0,
  };
}

async function runMemory(
  kind: ServerKind,
  mapCount: number,
  options: CapacityOptions,
): Promise<MemoryResult> {
  const { plan } = options;
  const { cards: expectedCards } = demoMap();
  let server: RunningServer | undefined;
  const workers: Worker[] = [];
  try {
    server = await startServer(kind, mapCount, options.serverNiceness);
    workers.push(...startWorkers(plan.workers, options.clientNiceness));
    await sleep(plan.memory.settleMs);
    const baseline = await readMemory(server.child);
    const started = performance.now();
    await grow(workers, server, () => 1, expectedCards, plan);
    await sleep(plan.memory.settleMs);
    const oneClient = await readMemory(server.child);
    const grown = await grow(workers, server, () => 2, expectedCards, plan);
    const connectMs = performance.now() - started;
    await sleep(plan.memory.settleMs);
    const twoClients = await readMemory(server.child);
    // Every client leaves at once; the server child times the unloading on its own clock.
    const leftAt = nowMs();
    server.child.send({
      type: 'watchUnload',
      documents: baseline.documents,
      timeoutMs: plan.memory.unloadTimeoutMs,
    });
    for (const worker of workers) worker.send({ type: 'closeAll' });
    await Promise.all(workers.map((w) => w.next('closed', 60_000)));
    const unloaded = await server.child.next('unloaded', plan.memory.unloadTimeoutMs + 10_000);
    await sleep(plan.memory.settleMs);
    const afterUnload = await readMemory(server.child);
    return {
      scenario: 'memory',
      server: kind,
      maps: mapCount,
      cards: grown.cards,
      stateBytes: grown.stateBytes,
      baseline,
      oneClient,
      twoClients,
      afterUnload,
      unloadMs: unloaded.at - leftAt,
      documentsLeft: Math.max(0, unloaded.documents - baseline.documents),
      connectMs,
    };
  } finally {
    await stopAll(server, workers);
  }
}

async function runConnections(
  kind: ServerKind,
  options: CapacityOptions,
): Promise<ConnectionsResult> {
  const { plan } = options;
  const c = plan.connections;
  const { cards: expectedCards } = demoMap();
  let server: RunningServer | undefined;
  const workers: Worker[] = [];
  const steps: ConnectionStep[] = [];
  let stoppedBecause: string | undefined;
  let fileLimit = 0;
  try {
    server = await startServer(kind, c.maps, options.serverNiceness);
    workers.push(...startWorkers(plan.workers, options.clientNiceness));
    let writing = false;
    let logBefore: LogStats | null = isRecorrido(kind)
      ? await recorridoLogStats(server.baseUrl)
      : null;
    for (let total = c.step; total <= c.max; total += c.step) {
      // `total` clients spread evenly over the maps, plus the probe's extra readers on map 0.
      const clientsOf = (map: number) =>
        Math.floor(total / c.maps) +
        (map < total % c.maps ? 1 : 0) +
        (map === 0 ? c.probeReaders : 0);
      let grown;
      try {
        grown = await grow(workers, server, clientsOf, expectedCards, plan);
      } catch (error) {
        stoppedBecause = `connecting ${total} clients failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
        break;
      }
      if (!writing) {
        writing = true;
        workers.forEach((worker, w) =>
          worker.send({
            type: 'write',
            idleIntervalMs: c.idleIntervalMs,
            probeMap: w === 0 ? 0 : null,
            probeIntervalMs: c.probeIntervalMs,
          }),
        );
      }
      await sleep(2_000);
      // Also restarts the server's event-loop delay, so it covers the window and the drain.
      await readMemory(server.child);
      const machineBefore = sampleMachine();
      const serverBefore = sampleProcess(server.child.pid);
      const windowStart = performance.now();
      for (const worker of workers) {
        worker.send({ type: 'measure', windowMs: c.windowMs, drainMs: c.drainMs });
      }
      // CPU over the window itself, not the drain.
      await sleep(c.windowMs);
      const serverAfter = sampleProcess(server.child.pid);
      const machineAfter = sampleMachine();
      const windowMs = performance.now() - windowStart;
      const measured = await Promise.all(
        workers.map((w) => w.next('measured', c.windowMs + c.drainMs + 60_000)),
      );
      const probe = new Histogram();
      const all = new Histogram();
      for (const m of measured) {
        probe.merge(m.probe);
        all.merge(m.all);
      }
      const memory = await readMemory(server.child);
      fileLimit = memory.fileLimit;
      const logAfter = isRecorrido(kind) ? await recorridoLogStats(server.baseUrl) : null;
      const log =
        logBefore && logAfter
          ? {
              logCommits: logAfter.appends - logBefore.appends,
              logOver10ms: logAfter.over10ms - logBefore.over10ms,
              logOver50ms: (logAfter.over50ms ?? 0) - (logBefore.over50ms ?? 0),
              logMeanMs:
                (logAfter.totalMs - logBefore.totalMs) /
                Math.max(1, logAfter.appends - logBefore.appends),
            }
          : {};
      logBefore = logAfter;
      const step: ConnectionStep = {
        clients: grown.clients,
        p50: probe.percentile(50),
        p99: probe.percentile(99),
        max: probe.max,
        probeSamples: probe.count,
        allP99: all.percentile(99),
        editsSent: measured.reduce((t, m) => t + m.editsSent, 0),
        lost: measured.reduce((t, m) => t + m.lost, 0),
        disconnects: measured.reduce((t, m) => t + m.disconnects, 0),
        heapUsed: memory.heapUsed,
        rss: memory.rss,
        serverCpuPercent: cpuPercent(serverBefore, serverAfter),
        machineCpuPercent: machineCpuPercent(machineBefore, machineAfter, windowMs),
        growMs: grown.ms,
        loopDelayP99Ms: memory.loopDelayP99Ms,
        loopDelayMaxMs: memory.loopDelayMaxMs,
        ...log,
      };
      steps.push(step);
      options.log(
        `  ${kind} ${step.clients} clients: probe p99 ${step.p99.toFixed(1)} ms, lost ${step.lost}, ` +
          `disconnects ${step.disconnects}, heap ${(step.heapUsed / 2 ** 20).toFixed(0)} MiB, ` +
          `RSS ${(step.rss / 2 ** 20).toFixed(0)} MiB, server CPU ${step.serverCpuPercent.toFixed(0)} %, ` +
          `loop delay max ${step.loopDelayMaxMs.toFixed(0)} ms` +
          (step.logCommits === undefined
            ? ''
            : `, log commits ${step.logCommits} (${step.logOver50ms} over 50 ms, mean ${step.logMeanMs?.toFixed(2)} ms)`),
      );
      if (!(step.p99 <= c.giveUpP99Ms)) {
        stoppedBecause = `probe p99 ${step.p99.toFixed(0)} ms at ${step.clients} clients (over ${c.giveUpP99Ms} ms)`;
        break;
      }
    }
  } finally {
    await stopAll(server, workers);
  }
  return {
    scenario: 'connections',
    server: kind,
    maps: c.maps,
    fileLimit,
    steps,
    ...(stoppedBecause ? { stoppedBecause } : {}),
  };
}

async function attempt(
  fn: () => Promise<CapacityResult>,
  failed: FailedCapacityResult,
  options: CapacityOptions,
): Promise<CapacityResult> {
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.log(`  ! ${failed.server} ${failed.scenario}: ${message.split('\n')[0]}`);
    return { ...failed, error: message.split('\n')[0] ?? message };
  }
}

/** Runs both scenarios against the chosen servers; never throws for one failed run. */
export async function runCapacity(options: CapacityOptions): Promise<CapacityResult[]> {
  const collected: CapacityResult[] = [];
  const results = {
    push(result: CapacityResult) {
      collected.push({
        ...result,
        measuredAt: new Date().toISOString(),
        loadAverage: os.loadavg()[0] ?? Number.NaN,
        ...(options.serverNiceness === undefined ? {} : { serverNiceness: options.serverNiceness }),
        ...(options.clientNiceness === undefined ? {} : { clientNiceness: options.clientNiceness }),
      });
    },
  };
  const { plan } = options;
  try {
    // Map counts in the outer loop, so a noisy minute hits every server's run of one size.
    const memorySizes = options.scenarios.includes('memory') ? plan.memory.maps : [];
    for (const maps of memorySizes) {
      for (const kind of MEMORY_SERVERS.filter((k) => options.servers.includes(k))) {
        options.log(`memory: ${maps} maps x 2 clients  ${kind}`);
        results.push(
          await attempt(
            () => runMemory(kind, maps, options),
            { scenario: 'memory', server: kind, maps, error: '' },
            options,
          ),
        );
      }
    }
    const connectionServers = options.scenarios.includes('connections') ? CONNECTION_SERVERS : [];
    for (const kind of connectionServers.filter((k) => options.servers.includes(k))) {
      options.log(
        `connections: up to ${plan.connections.max} on ${plan.connections.maps} maps  ${kind}`,
      );
      results.push(
        await attempt(
          () => runConnections(kind, options),
          { scenario: 'connections', server: kind, error: '' },
          options,
        ),
      );
    }
  } finally {
    await releaseBenchPostgres();
  }
  return collected;
}
