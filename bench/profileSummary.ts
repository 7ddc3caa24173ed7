/**
 * Summarises V8 CPU profiles written by `npm run bench -- --cpu-prof` (one per server child):
 * where the server spent its time, by package / Recorrido module (self time) and by Recorrido
 * function (inclusive time), so a hot extension hook stands out.
 *
 *   node bench/profileSummary.ts bench/results/profiles/recorrido-load-200.cpuprofile [more...]
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** A readable place: a Recorrido file, an npm package, node internals or a V8 pseudo-frame. */
function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1] ?? file;
  if (file.startsWith('node:')) return 'node internals';
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file;
}

function summarise(file: string): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from the sample stream (falls back to hit counts).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    const id = samples[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const idle = [...profile.nodes]
    .filter((n) => n.callFrame.functionName === '(idle)')
    .reduce((sum, n) => sum + (selfUs.get(n.id) ?? 0), 0);
  const busy = total - idle || 1;

  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const self = selfUs.get(node.id) ?? 0;
    if (node.callFrame.functionName === '(idle)') continue;
    const where = area(node.callFrame.url, node.callFrame.functionName);
    areas.set(where, (areas.get(where) ?? 0) + self);
    const name = `${node.callFrame.functionName || '(anonymous)'}  ${where}:${node.callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + self);
  }

  // Inclusive time of Recorrido's own functions (server/ and shared/), counted once per stack.
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    let time = selfUs.get(id) ?? 0;
    const where = area(node.callFrame.url, node.callFrame.functionName);
    const own = where.startsWith('server/') || where.startsWith('shared/');
    const key = `${node.callFrame.functionName || '(anonymous)'}  ${where}:${node.callFrame.lineNumber + 1}`;
    const fresh = own && !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const child of node.children ?? []) time += walk(child, onStack);
    if (fresh) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + time);
    }
    return time;
  };
  const root = profile.nodes[0];
  if (root) walk(root.id, new Set());

  const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  return [
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`,
    'Self time by package / module:',
    ...top(areas, 15),
    'Self time by function:',
    ...top(functions, 20),
    "Inclusive time of Recorrido's own functions (server/, shared/):",
    ...top(inclusive, 15),
    '',
  ].join('\n');
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/profileSummary.ts <file.cpuprofile> [...]');
  process.exit(2);
}
for (const file of files) console.log(summarise(file));
