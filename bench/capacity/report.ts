import type { ServerKind } from '../collab/protocol.ts';
import type {
  CapacityPlan,
  CapacityResult,
  ConnectionStep,
  ConnectionsResult,
  MemoryResult,
} from './index.ts';

/** Targets of issue 15. */
export const CAPACITY_TARGETS = {
  /** Recorrido's heap per open map (after collection) at most this times bare Hocuspocus's. */
  memoryPerMapMaxRatio: 1.1,
  /** Connections one process holds within the p99 bound with nothing lost. */
  connections: 5_000,
} as const;

const LABEL: Partial<Record<ServerKind, string>> = {
  hocuspocus: 'bare Hocuspocus',
  recorrido: 'Recorrido',
  'recorrido-pg': 'Recorrido on PostgreSQL',
};

const KiB = 1024;
const MiB = 1024 * 1024;

function num(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(digits);
}

function ratio(value: number, base: number | undefined): string {
  if (base === undefined || !Number.isFinite(value) || !(base > 0)) return '';
  return ` (${(value / base).toFixed(2)}x)`;
}

function table(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i < 2 ? '---' : '--:'));
  return [head, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Heap used per open map with 2 clients, over the reading with the maps closed (bytes). */
export function heapPerMap(r: MemoryResult): number {
  return (r.twoClients.heapUsed - r.baseline.heapUsed) / r.maps;
}
export function rssPerMap(r: MemoryResult): number {
  return (r.twoClients.rss - r.baseline.rss) / r.maps;
}
/** What the second client of every map added, per connection (bytes). */
function heapPerConnection(r: MemoryResult): number {
  return (r.twoClients.heapUsed - r.oneClient.heapUsed) / r.maps;
}
function rssPerConnection(r: MemoryResult): number {
  return (r.twoClients.rss - r.oneClient.rss) / r.maps;
}
/** Share of what the open maps took that was returned after they were unloaded. */
function returned(r: MemoryResult, pick: (m: MemoryResult['baseline']) => number): string {
  const taken = pick(r.twoClients) - pick(r.baseline);
  if (!(taken > 0)) return 'n/a';
  return `${Math.round(((pick(r.twoClients) - pick(r.afterUnload)) / taken) * 100)} %`;
}

function isMemory(r: CapacityResult): r is MemoryResult {
  return r.scenario === 'memory' && !('error' in r);
}
function isConnections(r: CapacityResult): r is ConnectionsResult {
  return r.scenario === 'connections' && !('error' in r);
}

/** A step passes: probe p99 within the bound, no edit lost, no connection dropped. */
export function stepPasses(step: ConnectionStep, plan: CapacityPlan): boolean {
  return step.p99 < plan.connections.p99BoundMs && step.lost === 0 && step.disconnects === 0;
}

/** The largest step such that it and every step before it passed (0 when the first failed). */
export function largestPassingStep(r: ConnectionsResult, plan: CapacityPlan): number {
  let best = 0;
  for (const step of r.steps) {
    if (!stepPasses(step, plan)) break;
    best = step.clients;
  }
  return best;
}

/** Memory per connection over the ramp: the slope from the first step to the last (bytes). */
export function perConnection(r: ConnectionsResult, pick: (s: ConnectionStep) => number): number {
  const first = r.steps[0];
  const last = r.steps.at(-1);
  if (!first || !last || last.clients <= first.clients) return Number.NaN;
  return (pick(last) - pick(first)) / (last.clients - first.clients);
}

/** "measured <time>, 1-minute load average <a> .. <b>" over a scenario's results. */
function whenMeasured(results: CapacityResult[]): string {
  const times = results
    .map((r) => r.measuredAt)
    .filter((t): t is string => !!t)
    .sort();
  const loads = results
    .map((r) => r.loadAverage)
    .filter((l): l is number => l !== undefined && Number.isFinite(l));
  if (times.length === 0) return '';
  const range = loads.length
    ? `, 1-minute load average after each run ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}`
    : '';
  const span = times[0] === times.at(-1) ? times[0] : `${times[0]} to ${times.at(-1)}`;
  const nice = results.find(
    (r) => r.serverNiceness !== undefined || r.clientNiceness !== undefined,
  );
  const niceness = nice
    ? `; server at niceness ${nice.serverNiceness ?? 0}, client workers at ${nice.clientNiceness ?? 0}`
    : '';
  return `Runs finished ${span}${range}${niceness}.`;
}

function memorySection(results: MemoryResult[]): string[] {
  const sizes = [...new Set(results.map((r) => r.maps))].sort((a, b) => a - b);
  const rows: string[][] = [];
  for (const maps of sizes) {
    const ofSize = results.filter((r) => r.maps === maps);
    const bare = ofSize.find((r) => r.server === 'hocuspocus');
    for (const r of ofSize) {
      rows.push([
        num(maps, 0),
        LABEL[r.server] ?? r.server,
        num(r.stateBytes / KiB),
        num(heapPerMap(r) / KiB) + ratio(heapPerMap(r), bare && heapPerMap(bare)),
        num(rssPerMap(r) / KiB) + ratio(rssPerMap(r), bare && rssPerMap(bare)),
        num(heapPerConnection(r) / KiB),
        num(rssPerConnection(r) / KiB),
        num((r.twoClients.documents - r.baseline.documents) / maps, 2),
        num(r.unloadMs, 0) + (r.documentsLeft > 0 ? ` (${r.documentsLeft} left)` : ''),
        returned(r, (m) => m.heapUsed),
        returned(r, (m) => m.rss),
      ]);
    }
  }
  return [
    '### Memory per open map',
    '',
    'Each map holds the demo map (the `travel-alert-demo` template, English, 42 cards) and has 2 ' +
      'clients. The server child runs with `--expose-gc`; every reading follows two forced full ' +
      'collections. Per map: (reading with the maps open, 2 clients each - reading before any ' +
      'was opened) / maps; per connection: what the second client of every map added / maps. ' +
      'Unload: from every client leaving at once until the server holds no map document ' +
      '(Recorrido runs without its unload grace period here; by default it keeps a map 30 s ' +
      'longer, UNLOAD_GRACE_MS); ' +
      '"returned": the share of what the open maps took that was gone after the unload (and ' +
      'another collection). Ratios against bare Hocuspocus at the same number of maps. ' +
      whenMeasured(results),
    '',
    table(
      [
        'maps',
        'server',
        'map state KiB',
        'heap KiB / map',
        'RSS KiB / map',
        'heap KiB / connection',
        'RSS KiB / connection',
        'documents / map',
        'unload ms (all maps)',
        'heap returned',
        'RSS returned',
      ],
      rows,
    ),
    '',
  ];
}

function connectionsSection(results: ConnectionsResult[], plan: CapacityPlan): string[] {
  const c = plan.connections;
  const lines = [
    '### Connections per process',
    '',
    `Clients ramped in steps of ${num(c.step, 0)} up to ${num(c.max, 0)} on ${c.maps} demo maps ` +
      `(spread evenly; the probe's map has ${c.probeReaders} more readers), in ${plan.workers} ` +
      `worker processes; each client announces presence and writes one edit every ` +
      `${c.idleIntervalMs / 1000} s at a random phase; the probe writer writes every ` +
      `${c.probeIntervalMs} ms. At each step, ${c.windowMs / 1000} s windows: probe p99 = ` +
      'receive - send of its edits at every other client of its map; then writing pauses and ' +
      'every client must hold every edit ever written to its map ("lost": edits missing after a ' +
      `${c.drainMs / 1000} s drain); disconnects are socket closes after the first sync. A step ` +
      `passes with probe p99 under ${c.p99BoundMs} ms, nothing lost, no disconnect. Memory read ` +
      'after forced collection at each step; per connection = the slope from the first step to ' +
      'the last. ' +
      whenMeasured(results),
    '',
  ];
  const summary: string[][] = [];
  for (const r of results) {
    summary.push([
      LABEL[r.server] ?? r.server,
      num(r.steps.at(-1)?.clients ?? 0, 0),
      num(largestPassingStep(r, plan), 0),
      num(perConnection(r, (s) => s.heapUsed) / KiB),
      num(perConnection(r, (s) => s.rss) / KiB),
      num(r.fileLimit, 0),
      r.stoppedBecause ?? '',
    ]);
  }
  lines.push(
    table(
      [
        'server',
        'most clients reached',
        `largest passing step`,
        'heap KiB / connection',
        'RSS KiB / connection',
        'file limit',
        'ramp stopped',
      ],
      summary,
    ),
    '',
  );
  for (const r of results) {
    lines.push(
      `${LABEL[r.server] ?? r.server}, step by step:`,
      '',
      table(
        [
          'clients',
          'pass',
          'probe p50 ms',
          'probe p99 ms',
          'probe max ms',
          'all edits p99 ms',
          'edits in window',
          'lost',
          'disconnects',
          'heap MiB',
          'RSS MiB',
          'server CPU %',
          'machine CPU %',
          'connect s',
          'server loop delay p99 / max ms',
          'log commits (> 50 ms), mean ms',
        ],
        r.steps.map((s) => [
          num(s.clients, 0),
          stepPasses(s, plan) ? 'yes' : 'no',
          num(s.p50),
          num(s.p99),
          num(s.max),
          num(s.allP99),
          num(s.editsSent, 0),
          num(s.lost, 0),
          num(s.disconnects, 0),
          num(s.heapUsed / MiB),
          num(s.rss / MiB),
          num(s.serverCpuPercent, 0),
          num(s.machineCpuPercent, 0),
          num(s.growMs / 1000),
          s.loopDelayP99Ms === undefined
            ? 'n/a'
            : `${num(s.loopDelayP99Ms, 0)} / ${num(s.loopDelayMaxMs, 0)}`,
          s.logCommits === undefined
            ? '-'
            : `${num(s.logCommits, 0)} (${num(s.logOver50ms ?? 0, 0)}), ${num(s.logMeanMs ?? Number.NaN, 2)}`,
        ]),
      ),
      '',
    );
  }
  return lines;
}

function targetsSection(results: CapacityResult[], plan: CapacityPlan): string[] {
  const lines = ['### Targets (issue 15)', ''];
  const memory = results.filter(isMemory);
  for (const kind of ['recorrido', 'recorrido-pg'] as const) {
    const ratios = memory
      .filter((r) => r.server === kind)
      .map((r) => {
        const bare = memory.find((b) => b.server === 'hocuspocus' && b.maps === r.maps);
        return bare ? { maps: r.maps, ratio: heapPerMap(r) / heapPerMap(bare) } : null;
      })
      .filter((x): x is { maps: number; ratio: number } => x !== null);
    if (ratios.length === 0) continue;
    const met = ratios.every((x) => x.ratio <= CAPACITY_TARGETS.memoryPerMapMaxRatio);
    lines.push(
      `- ${LABEL[kind]}: heap per open map ≤ ${CAPACITY_TARGETS.memoryPerMapMaxRatio}x bare ` +
        `Hocuspocus after collection: ${met ? 'met' : 'NOT met'} (` +
        ratios.map((x) => `${x.ratio.toFixed(2)}x at ${x.maps} maps`).join(', ') +
        ').',
    );
  }
  for (const r of results.filter(isConnections)) {
    const passing = largestPassingStep(r, plan);
    lines.push(
      `- ${LABEL[r.server] ?? r.server}: at least ${num(CAPACITY_TARGETS.connections, 0)} ` +
        `connections within probe p99 < ${plan.connections.p99BoundMs} ms, nothing lost: ` +
        `${passing >= CAPACITY_TARGETS.connections ? 'met' : 'NOT met'} (largest passing step ` +
        `${num(passing, 0)}).`,
    );
  }
  for (const r of results) {
    if ('error' in r) {
      lines.push(
        `- FAILED: ${LABEL[r.server] ?? r.server} ${r.scenario}${r.maps ? ` (${r.maps} maps)` : ''}: ${r.error}`,
      );
    }
  }
  lines.push('');
  return lines;
}

export function capacityReport(results: CapacityResult[], plan: CapacityPlan): string {
  const memory = results.filter(isMemory);
  const connections = results.filter(isConnections);
  return [
    ...targetsSection(results, plan),
    ...(memory.length ? memorySection(memory) : []),
    ...(connections.length ? connectionsSection(connections, plan) : []),
  ].join('\n');
}
