/**
 * `npm run bench [-- options]`: runs the benchmark suites and writes bench/results/.
 *
 *   --quick              small N and short durations (a smoke check, about a minute)
 *   --suite collab       suites to run: collab, editor, capacity (repeatable; default: all). The report
 *                        keeps the sections of suites not run from the file it rewrites
 *   --skip-build         editor: use dist/client as it is (default: vite build first)
 *   --scroll-selector S  editor: the board's scroll container (default: found from role=grid)
 *   --servers a,b        collab and capacity: hocuspocus,recorrido,y-websocket (default: all three), also
 *                        recorrido-pg (on PostgreSQL), recorrido-cluster (two processes on
 *                        PostgreSQL + Redis) and recorrido-diag (see bench/README.md)
 *   --scenarios a,b      collab: fanout,load,cold (default: all three); capacity: memory,
 *                        connections (default: both)
 *   --cpu-prof           collab: run every server and client child with --cpu-prof
 *                        (bench/results/profiles/; summarise with bench/profileSummary.ts)
 *   --fanout-clients a,b collab: fan-out sizes instead of the plan's (e.g. 200)
 *   --repeat N           collab: runs of every scenario per server instead of the plan's
 *   --client-nice N      collab, capacity: run the client workers at this niceness (default 0)
 *   --server-nice N      capacity: run the server children at this niceness (default 0)
 *   --out FILE           report file (default: bench/results/latest.md, or quick.md with --quick)
 *
 * Benchmarks are not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import {
  FULL_PLAN,
  QUICK_PLAN,
  runCollab,
  SCENARIOS,
  type CollabResult,
  type Scenario,
} from './collab/index.ts';
import { collabReport } from './collab/report.ts';
import { ALL_SERVER_KINDS, SERVER_KINDS, type ServerKind } from './collab/protocol.ts';
import {
  FULL_EDITOR_PLAN,
  QUICK_EDITOR_PLAN,
  runEditor,
  type EditorResult,
} from './editor/index.ts';
import { editorReport } from './editor/report.ts';
import {
  CAPACITY_SCENARIOS,
  CAPACITY_SERVERS,
  FULL_CAPACITY_PLAN,
  QUICK_CAPACITY_PLAN,
  runCapacity,
  type CapacityResult,
  type CapacityScenario,
} from './capacity/index.ts';
import { capacityReport } from './capacity/report.ts';

const HERE = import.meta.dirname;
const RESULTS = path.join(HERE, 'results');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    suite: { type: 'string', multiple: true },
    servers: { type: 'string' },
    scenarios: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'client-nice': { type: 'string', default: '0' },
    'server-nice': { type: 'string' },
    'fanout-clients': { type: 'string' },
    repeat: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'scroll-selector': { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});

function pickList<T extends string>(raw: string | undefined, all: readonly T[], what: string): T[] {
  if (!raw) return [...all];
  const picked = raw.split(',').map((s) => s.trim());
  for (const item of picked) {
    if (!all.includes(item as T))
      throw new Error(`unknown ${what} "${item}"; one of ${all.join(', ')}`);
  }
  return picked as T[];
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: HERE, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function environment(quick: boolean): string {
  const cpus = os.cpus();
  const dirty = git(['status', '--porcelain', '--', '../server', '../shared', '../client'])
    ? ' (+ uncommitted server/shared/client changes)'
    : '';
  return [
    `- Run: ${quick ? 'quick (smoke check; not for comparison)' : 'full'}, ${new Date().toISOString()}`,
    `- Commit: ${git(['rev-parse', '--short', 'HEAD'])}${dirty}`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `load average at start ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    `- Node ${process.version}; each server in its own process, clients in separate worker processes, all on 127.0.0.1`,
  ].join('\n');
}

const SUITES = ['collab', 'editor', 'capacity'] as const;
type Suite = (typeof SUITES)[number];

const HEADINGS: Record<Suite, string> = {
  collab: '## bench/collab: Recorrido vs bare Hocuspocus vs the y-websocket reference server',
  editor: '## bench/editor: the web client in Chromium, a big map beside the demo',
  capacity: '## bench/capacity: what one process holds, memory per open map and connections',
};

/** What each suite wrote to latest.json. */
type JsonResults = { collab?: CollabResult[]; editor?: EditorResult; capacity?: CapacityResult[] };

/**
 * The sections of an earlier report, by suite (`## bench/<suite>` headings). A section from
 * before sections carried their own environment gets the report's top one.
 */
function earlierSections(file: string): Map<string, string> {
  const sections = new Map<string, string>();
  if (!fs.existsSync(file)) return sections;
  const text = fs.readFileSync(file, 'utf8');
  const parts = text.split(/^(?=## bench\/)/m);
  const preamble = parts[0] ?? '';
  const topEnvironment = preamble
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .join('\n');
  for (const part of parts.slice(1)) {
    const suite = /^## bench\/(\w+)/.exec(part)?.[1];
    if (!suite) continue;
    const [heading = '', ...rest] = part.split('\n');
    const body = rest.join('\n').trim();
    const withEnvironment =
      body.startsWith('- Run:') || !topEnvironment ? body : `${topEnvironment}\n\n${body}`;
    sections.set(suite, `${heading}\n\n${withEnvironment}\n`);
  }
  return sections;
}

function earlierJson(file: string): JsonResults {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    // Before the editor suite, the file was the collab results alone.
    if (Array.isArray(parsed)) return { collab: parsed as CollabResult[] };
    return parsed !== null && typeof parsed === 'object' ? (parsed as JsonResults) : {};
  } catch {
    return {};
  }
}

/** Writes a result file formatted as `prettier --check .` expects (it is committed). */
async function writeFormatted(file: string, text: string): Promise<void> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
}

async function main(): Promise<void> {
  const quick = values.quick;
  const suites = values.suite?.length
    ? pickList(values.suite.join(','), SUITES, 'suite')
    : [...SUITES];
  const out = values.out ?? path.join(RESULTS, quick ? 'quick.md' : 'latest.md');
  const jsonOut = out.replace(/\.md$/, '') + '.json';
  const sections = earlierSections(out);
  const json = earlierJson(jsonOut);
  let failed = false;

  if (suites.includes('collab')) {
    const servers = values.servers
      ? pickList<ServerKind>(values.servers, ALL_SERVER_KINDS, 'server')
      : [...SERVER_KINDS];
    const scenarios = pickList<Scenario>(values.scenarios, SCENARIOS, 'scenario');
    const cpuProfDir = values['cpu-prof'] ? path.join(RESULTS, 'profiles') : undefined;
    if (cpuProfDir) fs.mkdirSync(cpuProfDir, { recursive: true });
    const base = quick ? QUICK_PLAN : FULL_PLAN;
    const repeat = values.repeat ? Number(values.repeat) : undefined;
    const plan = {
      ...base,
      fanout: values['fanout-clients']
        ? { ...base.fanout, clients: values['fanout-clients'].split(',').map(Number) }
        : base.fanout,
      repeats: repeat ? { fanout: repeat, load: repeat, cold: repeat } : base.repeats,
    };
    const started = performance.now();
    const collabResults = await runCollab({
      plan,
      servers,
      scenarios,
      cpuProfDir,
      clientNiceness: Number(values['client-nice']) || undefined,
      log: (line) => console.log(line),
    });
    sections.set(
      'collab',
      [
        HEADINGS.collab,
        '',
        environment(quick),
        '',
        collabReport(collabResults, plan),
        `_collab suite took ${((performance.now() - started) / 1000).toFixed(0)} s._`,
        '',
      ].join('\n'),
    );
    json.collab = collabResults;
    if (collabResults.some((r) => 'error' in r)) failed = true;
  }

  if (suites.includes('editor')) {
    const result = await runEditor({
      plan: quick ? QUICK_EDITOR_PLAN : FULL_EDITOR_PLAN,
      build: !values['skip-build'],
      scrollSelector: values['scroll-selector'],
      log: (line) => console.log(line),
    });
    sections.set(
      'editor',
      [HEADINGS.editor, '', environment(quick), editorReport(result)].join('\n'),
    );
    json.editor = result;
    if (result.error) failed = true;
  }

  if (suites.includes('capacity')) {
    // Bare Hocuspocus and Recorrido (and Recorrido on PostgreSQL, memory only) by default.
    const servers = values.servers
      ? pickList<ServerKind>(values.servers, ALL_SERVER_KINDS, 'server')
      : [...CAPACITY_SERVERS];
    const plan = quick ? QUICK_CAPACITY_PLAN : FULL_CAPACITY_PLAN;
    const started = performance.now();
    const scenarios = pickList<CapacityScenario>(values.scenarios, CAPACITY_SCENARIOS, 'scenario');
    const fresh = await runCapacity({
      plan,
      servers,
      scenarios,
      serverNiceness: values['server-nice'] ? Number(values['server-nice']) : undefined,
      clientNiceness: Number(values['client-nice']) || undefined,
      log: (line) => console.log(line),
    });
    // A run of some scenarios keeps the earlier results of the others (each says when it ran).
    const results = [
      ...(json.capacity ?? []).filter((r) => !scenarios.includes(r.scenario)),
      ...fresh,
    ];
    sections.set(
      'capacity',
      [
        HEADINGS.capacity,
        '',
        environment(quick),
        '',
        capacityReport(results, plan),
        `_capacity suite took ${((performance.now() - started) / 1000).toFixed(0)} s._`,
        '',
      ].join('\n'),
    );
    json.capacity = results;
    if (fresh.some((r) => 'error' in r)) failed = true;
  }

  // Suites in their usual order; sections of suites not run this time are kept as they were.
  const order = [...SUITES, ...[...sections.keys()].filter((k) => !SUITES.includes(k as Suite))];
  const report = [
    '# Recorrido benchmarks',
    '',
    ...order.flatMap((suite) => {
      const section = sections.get(suite);
      return section ? [section] : [];
    }),
  ].join('\n');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await writeFormatted(out, report);
  await writeFormatted(jsonOut, JSON.stringify(json));
  console.log(`\n${report}`);
  console.log(`Written to ${path.relative(process.cwd(), out)}`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
