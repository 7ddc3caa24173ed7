import type { CollabPlan, CollabResult, ColdResult, FanoutResult, LoadResult } from './index.ts';
import { ALL_SERVER_KINDS, usesPostgres, type ServerKind } from './protocol.ts';

/** Targets of issue 4, Recorrido against bare Hocuspocus in the same run. */
export const TARGETS = {
  fanoutP99MaxRatio: 1.15,
  loadDeliveriesMinRatio: 0.9,
  fanoutClients: 200,
} as const;

/**
 * Fan-out p99 targets at TARGETS.fanoutClients against bare Hocuspocus in the same run, with
 * zero lost updates: Recorrido (issue 4), one process on PostgreSQL and two processes through
 * Redis (issue 9).
 */
export const FANOUT_P99_TARGETS: Partial<Record<ServerKind, number>> = {
  recorrido: TARGETS.fanoutP99MaxRatio,
  'recorrido-pg': 1.25,
  'recorrido-cluster': 2,
};

const LABEL: Record<ServerKind, string> = {
  hocuspocus: 'bare Hocuspocus',
  recorrido: 'Recorrido',
  'y-websocket': 'y-websocket ref.',
  'recorrido-pg': 'Recorrido on PostgreSQL',
  'recorrido-cluster': 'Recorrido, 2 processes, PostgreSQL + Redis',
  'recorrido-diag': 'Recorrido + diagnostic SQL',
};

/** Server CPU ms per edit, first edit to last delivery (every server process of the run). */
function serverMsPerEdit(r: FanoutResult | LoadResult): number {
  return r.serverCpuMsToDelivered / r.sent;
}

/** The same for the backing services (PostgreSQL, Redis); blank for servers without any. */
function backingMsPerEdit(r: FanoutResult | LoadResult, scale = 1, digits = 2): string {
  return !usesPostgres(r.server) ? '-' : num((r.backingCpuMsToDelivered / r.sent) * scale, digits);
}

function num(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toFixed(digits);
}

function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

function ratio(value: number | undefined, base: number | undefined): string {
  if (value === undefined || base === undefined || !Number.isFinite(value) || !(base > 0))
    return 'n/a';
  return `${(value / base).toFixed(2)}x`;
}

function table(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i < 2 ? '---' : '--:'));
  return [head, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function isFanout(r: CollabResult): r is FanoutResult {
  return r.scenario === 'fanout' && !('error' in r);
}
function isLoad(r: CollabResult): r is LoadResult {
  return r.scenario === 'load' && !('error' in r);
}
function isCold(r: CollabResult): r is ColdResult {
  return r.scenario === 'cold' && !('error' in r);
}

function medianOf(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Fields where the worst run counts, not the median one. */
const WORST = new Set(['lost', 'readersMissing', 'disconnects']);

/** How good a run is (higher is better): noise on a shared machine only ever makes runs worse. */
function score(r: FanoutResult | LoadResult | ColdResult): number {
  if (r.scenario === 'fanout') return -r.p99;
  if (r.scenario === 'load') return r.deliveriesPerSecond;
  return -r.medianMs;
}

/** One row per scenario and server: its best run, with the worst run's losses. */
export type Row<T> = T & { runs: number; medianScore: number };

/**
 * Folds the repeated runs of one scenario and server into one row: the best run by its key
 * measure (fan-out: lowest p99; load: most deliveries/s; cold sync: lowest median), since on a
 * shared machine other work can only slow a run down, plus the worst run's losses (every run must
 * lose nothing) and the median of the key measure, for reference.
 */
function aggregate<T extends FanoutResult | LoadResult | ColdResult>(runs: T[]): Row<T> {
  const best = [...runs].sort((a, b) => score(b) - score(a))[0];
  if (!best) throw new Error('nothing to aggregate');
  const out: Record<string, unknown> = {
    ...best,
    runs: runs.length,
    medianScore: Math.abs(medianOf(runs.map(score))),
  };
  for (const key of WORST) {
    const values = runs.map((r) => (r as unknown as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'number')) out[key] = Math.max(...(values as number[]));
  }
  return out as unknown as Row<T>;
}

function groupRuns<T extends FanoutResult | LoadResult | ColdResult>(results: T[]): Row<T>[] {
  const groups = new Map<string, T[]>();
  for (const r of results) {
    const key = `${r.server}|${'clients' in r ? r.clients : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => aggregate(runs));
}

function failures(results: CollabResult[]): string[] {
  return results.flatMap((r) =>
    'error' in r
      ? [
          `- FAILED: ${r.scenario}${r.clients ? ` ${r.clients} clients` : ''}, ${LABEL[r.server]}: ${r.error}`,
        ]
      : [],
  );
}

/** The markdown report: one table per scenario, the ratios side by side, the targets. */
export function collabReport(results: CollabResult[], plan: CollabPlan): string {
  const out: string[] = [];
  const fanoutRuns = results.filter(isFanout);
  const loadRuns = results.filter(isLoad);
  const coldRuns = results.filter(isCold);
  const fanout = groupRuns(fanoutRuns);
  const load = groupRuns(loadRuns);
  const cold = groupRuns(coldRuns);
  const fanoutAt = (n: number, s: ServerKind) =>
    fanout.find((r) => r.clients === n && r.server === s);
  const loadOf = (s: ServerKind) => load.find((r) => r.server === s);
  const coldOf = (s: ServerKind) => cold.find((r) => r.server === s);
  /** Scenarios not in this run get no section (and no ratio rows). */
  const ran = (scenario: CollabResult['scenario']) => results.some((r) => r.scenario === scenario);

  if (ran('fanout'))
    out.push(
      `### Fan-out: one writer at ${plan.fanout.editsPerSecond} edits/s for ${plan.fanout.durationMs / 1000} s, N clients on one document`,
      '',
      'Latency = receive time - send time of each edit at each reader (writer and readers in one process: one clock).',
      `N clients in all: client 0 writes, the N - 1 others read. Each row is the best of ${plan.repeats.fanout} run(s) (lowest p99); lost = worst run.`,
      'Two processes (PostgreSQL + Redis): the writer is connected to the first, every reader to the second.',
      'CPU ms / edit: CPU time (user + system, from /proc) of the server process(es) from the first edit to the last delivery, divided by the edits;',
      '"PG + Redis" the same for the PostgreSQL server and its backends plus redis-server.',
      '',
      table(
        [
          'clients',
          'server',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'lost',
          'server CPU %',
          'server CPU ms / edit',
          'PG + Redis CPU ms / edit',
          'p99 vs bare',
        ],
        plan.fanout.clients.flatMap((n) =>
          ALL_SERVER_KINDS.flatMap((s) => {
            const r = fanoutAt(n, s);
            if (!r) return [];
            return [
              [
                String(n),
                LABEL[s],
                num(r.p50, 2),
                num(r.p95, 2),
                num(r.p99, 2),
                num(r.max, 1),
                `${int(r.lost)}${r.disconnects ? ` (${r.disconnects} reconnects)` : ''}`,
                num(r.serverCpuPercent),
                num(serverMsPerEdit(r), 2),
                backingMsPerEdit(r),
                ratio(r.p99, fanoutAt(n, 'hocuspocus')?.p99),
              ],
            ];
          }),
        ),
      ),
      '',
    );

  if (ran('load'))
    out.push(
      `### Load: ${plan.load.clients} clients, each editing at ${plan.load.editsPerSecond} edits/s for ${plan.load.durationMs / 1000} s`,
      '',
      'Deliveries/s = updates received by all readers / (last delivery - first edit). CPU % is of one core',
      `(the machine has ${navigatorCores()}), averaged over the writing window; RSS is the peak sampled every 200 ms;`,
      `"other CPU %" is what the rest of the machine used meanwhile. Each row is the best of ${plan.repeats.load} run(s) (most deliveries/s); "all delivered" covers every run.`,
      '',
      table(
        [
          'server',
          'clients',
          'edits sent',
          'deliveries',
          'deliveries/s',
          'all delivered',
          'p50 / p99 ms',
          'server CPU %',
          'server CPU ms / 1k edits',
          'PG + Redis CPU ms / 1k edits',
          'server RSS MB',
          'clients CPU %',
          'other CPU %',
          'deliveries/s vs bare',
        ],
        ALL_SERVER_KINDS.flatMap((s) => {
          const r = loadOf(s);
          if (!r) return [];
          return [
            [
              LABEL[s],
              String(r.clients),
              `${int(r.sent)}${r.writerLagged ? ` of ${int(r.planned)} (writers lagged)` : ''}`,
              int(r.received),
              int(r.deliveriesPerSecond),
              r.lost === 0
                ? 'yes'
                : `no: ${int(r.lost)} missing after ${plan.drainMs / 1000} s (${r.readersMissing} readers)`,
              `${num(r.p50)} / ${num(r.p99)}`,
              num(r.serverCpuPercent),
              num(serverMsPerEdit(r) * 1000),
              backingMsPerEdit(r, 1000, 1),
              num(r.serverPeakRssMb),
              num(r.clientCpuPercent),
              num(r.backgroundCpuPercent),
              ratio(r.deliveriesPerSecond, loadOf('hocuspocus')?.deliveriesPerSecond),
            ],
          ];
        }),
      ),
      '',
    );

  const recorridoLoad = loadOf('recorrido');
  if (recorridoLoad?.log) {
    const { appends, meanUs, totalMs, over10ms } = recorridoLoad.log;
    out.push(
      `Recorrido's durable log (its /metrics, whole server life): ${int(appends)} synchronous appends, ` +
        `mean ${num(meanUs)} µs (wall time, so it includes time the process was descheduled), ` +
        `${int(totalMs)} ms in all, ${int(over10ms)} of them over 10 ms, against ${int(recorridoLoad.serverCpuMsToDelivered)} ms of server CPU ` +
        `from the first edit to the last delivery (median run).`,
      '',
    );
  }

  const anyCold = cold[0];
  if (ran('cold'))
    out.push(
      `### Cold sync: a fresh client (no local state) opens a ${anyCold ? int(anyCold.cards) : ''}-card map`,
      '',
      `Time from creating the provider to holding every card; ${plan.cold.samples} samples after one warm-up per run; each row is the best of ${plan.repeats.cold} run(s) (lowest median).`,
      '',
      table(
        ['server', 'cards', 'state KiB', 'median ms', 'min ms', 'max ms', 'median vs bare'],
        ALL_SERVER_KINDS.flatMap((s) => {
          const r = coldOf(s);
          if (!r) return [];
          return [
            [
              LABEL[s],
              int(r.cards),
              int(r.stateBytes / 1024),
              num(r.medianMs),
              num(r.minMs),
              num(r.maxMs),
              ratio(r.medianMs, coldOf('hocuspocus')?.medianMs),
            ],
          ];
        }),
      ),
      '',
    );

  const compared = ALL_SERVER_KINDS.filter(
    (k) => k !== 'hocuspocus' && results.some((r) => r.server === k && !('error' in r)),
  );
  const side: string[][] = [];
  const lb = loadOf('hocuspocus');
  const cb = coldOf('hocuspocus');
  const ratioRow = (
    metric: string,
    pick: (k: ServerKind) => [number | undefined, number | undefined],
  ) => {
    const cells = compared.map((k) => ratio(...pick(k)));
    if (cells.some((cell) => cell !== 'n/a')) side.push([metric, ...cells]);
  };
  for (const n of plan.fanout.clients) {
    ratioRow(`fan-out p99 latency, ${n} clients`, (k) => [
      fanoutAt(n, k)?.p99,
      fanoutAt(n, 'hocuspocus')?.p99,
    ]);
  }
  for (const n of plan.fanout.clients) {
    ratioRow(`fan-out p50 latency, ${n} clients`, (k) => [
      fanoutAt(n, k)?.p50,
      fanoutAt(n, 'hocuspocus')?.p50,
    ]);
  }
  for (const n of plan.fanout.clients) {
    const base = fanoutAt(n, 'hocuspocus');
    ratioRow(`fan-out server CPU time per edit, ${n} clients`, (k) => {
      const r = fanoutAt(n, k);
      return [r && serverMsPerEdit(r), base && serverMsPerEdit(base)];
    });
  }
  ratioRow('load deliveries/s (higher is better)', (k) => [
    loadOf(k)?.deliveriesPerSecond,
    lb?.deliveriesPerSecond,
  ]);
  ratioRow('load server CPU %', (k) => [loadOf(k)?.serverCpuPercent, lb?.serverCpuPercent]);
  ratioRow('load server CPU time per edit (first edit to last delivery)', (k) => [
    cpuPerEdit(loadOf(k)),
    cpuPerEdit(lb),
  ]);
  ratioRow('load server peak RSS', (k) => [loadOf(k)?.serverPeakRssMb, lb?.serverPeakRssMb]);
  ratioRow('cold sync median', (k) => [coldOf(k)?.medianMs, cb?.medianMs]);
  out.push(
    '### Ratios (same run; bare Hocuspocus = 1)',
    '',
    table(
      ['metric', '', ...compared.map((k) => `${LABEL[k]} / bare`)],
      side.map(([metric = '', ...cells]) => [metric, '', ...cells]),
    ),
    '',
  );

  out.push(
    '### Targets',
    '',
    'On the best run of each server (the least disturbed by other work on the machine); the median run for reference.',
    '',
  );
  const n = plan.fanout.clients.includes(TARGETS.fanoutClients)
    ? TARGETS.fanoutClients
    : Math.max(...plan.fanout.clients);
  const note =
    n === TARGETS.fanoutClients
      ? ''
      : ` (this run's largest N; the target is set at ${TARGETS.fanoutClients})`;
  const bf = fanoutAt(n, 'hocuspocus');
  for (const [kind, target] of Object.entries(FANOUT_P99_TARGETS) as [ServerKind, number][]) {
    if (!ran('fanout') || !results.some((r) => r.server === kind)) continue;
    const rf = fanoutAt(n, kind);
    if (!rf || !bf) {
      out.push(`- Fan-out p99 at ${n} clients, ${LABEL[kind]}: not measured`);
      continue;
    }
    const r = rf.p99 / bf.p99;
    const met = r <= target && rf.lost === 0;
    const by = met ? '' : ` by ${num(rf.p99 - bf.p99 * target, 2)} ms over ${target} x bare`;
    out.push(
      `- Fan-out p99 at ${n} clients${note}, ${LABEL[kind]}: ${num(rf.p99, 2)} ms / bare ${num(bf.p99, 2)} ms = ${r.toFixed(2)}x ` +
        `(target <= ${target}x, 0 lost): **${met ? 'met' : 'missed'}**${r > target ? by : ''}` +
        `${rf.lost ? `, ${rf.lost} updates lost` : ', 0 lost'}; median of the runs: ` +
        `${num(rf.medianScore, 2)} / ${num(bf.medianScore, 2)} ms = ${(rf.medianScore / bf.medianScore).toFixed(2)}x`,
    );
  }
  const rl = loadOf('recorrido');
  if (rl && lb) {
    const r = rl.deliveriesPerSecond / lb.deliveriesPerSecond;
    out.push(
      `- Load: Recorrido ${int(rl.deliveriesPerSecond)} / bare ${int(lb.deliveriesPerSecond)} deliveries/s = ${r.toFixed(2)}x ` +
        `(target >= ${TARGETS.loadDeliveriesMinRatio}x), lost updates ${int(rl.lost)} (target 0): ` +
        `**${r >= TARGETS.loadDeliveriesMinRatio && rl.lost === 0 ? 'met' : 'missed'}**; median of the runs: ` +
        `${int(rl.medianScore)} / ${int(lb.medianScore)} = ${(rl.medianScore / lb.medianScore).toFixed(2)}x`,
    );
  } else if (results.some((r) => r.scenario === 'load')) {
    out.push('- Load: not measured');
  }
  out.push('', '### Every run (to judge the noise)', '');
  const runRows: string[][] = [];
  for (const n of plan.fanout.clients) {
    for (const server of ALL_SERVER_KINDS) {
      const runs = fanoutRuns.filter((r) => r.clients === n && r.server === server);
      if (runs.length === 0) continue;
      runRows.push([
        `fan-out ${n}`,
        LABEL[server],
        runs
          .map(
            (r) =>
              `${num(r.p99, 2)} ms p99, ${num(serverMsPerEdit(r), 2)} CPU ms/edit${r.lost ? `, ${int(r.lost)} lost` : ''}, ${num(r.backgroundCpuPercent, 0)} % other` +
              (r.log ? `, ${r.log.over10ms} log appends > 10 ms` : ''),
          )
          .join('; '),
      ]);
    }
  }
  for (const server of ALL_SERVER_KINDS) {
    const runs = loadRuns.filter((r) => r.server === server);
    if (runs.length === 0) continue;
    runRows.push([
      'load',
      LABEL[server],
      runs
        .map(
          (r) =>
            `${int(r.deliveriesPerSecond)}/s${r.lost ? ` (${int(r.lost)} missing)` : ''}, ${num(r.backgroundCpuPercent, 0)} % other`,
        )
        .join('; '),
    ]);
  }
  for (const server of ALL_SERVER_KINDS) {
    const runs = coldRuns.filter((r) => r.server === server);
    if (runs.length === 0) continue;
    runRows.push([
      'cold sync',
      LABEL[server],
      runs.map((r) => r.samplesMs.map((ms) => num(ms)).join(', ') + ' ms').join('; '),
    ]);
  }
  out.push(table(['scenario', 'server', 'each run'], runRows));

  const failed = failures(results);
  if (failed.length) out.push('', ...failed);
  out.push('');
  return out.join('\n');
}

function cpuPerEdit(r: LoadResult | undefined): number | undefined {
  return r ? r.serverCpuMsToDelivered / r.sent : undefined;
}

function navigatorCores(): number {
  return navigator.hardwareConcurrency;
}
