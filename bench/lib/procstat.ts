import fs from 'node:fs';

/** CPU time and memory of one process, read from /proc (Linux); null elsewhere. */
export interface ProcSample {
  /** user + system CPU time, ms. */
  cpuMs: number;
  /** Resident set size now, bytes. */
  rssBytes: number;
  /** Peak resident set size over the process's life (VmHWM), bytes. */
  peakRssBytes: number;
  /** When it was taken (performance.now()). */
  at: number;
}

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux. */
const TICKS_PER_SECOND = 100;

/** Samples a process by PID; null when /proc is not there or the process is gone. */
export function sampleProcess(pid: number): ProcSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return {
      cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND,
      rssBytes: kb('VmRSS') * 1024,
      peakRssBytes: kb('VmHWM') * 1024,
      at: performance.now(),
    };
  } catch {
    return null;
  }
}

/** CPU use between two samples as % of one core (200 % = both cores of a 2-core machine). */
export function cpuPercent(from: ProcSample | null, to: ProcSample | null): number {
  if (!from || !to || to.at <= from.at) return Number.NaN;
  return ((to.cpuMs - from.cpuMs) / (to.at - from.at)) * 100;
}

/** Samples a process every intervalMs and keeps the highest RSS seen (bounded by stop()). */
export function watchRss(pid: number, intervalMs = 200): { stop(): number } {
  let peak = sampleProcess(pid)?.rssBytes ?? 0;
  const timer = setInterval(() => {
    const rss = sampleProcess(pid)?.rssBytes ?? 0;
    if (rss > peak) peak = rss;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const rss = sampleProcess(pid)?.rssBytes ?? 0;
      return Math.max(peak, rss);
    },
  };
}

/** Busy and total CPU time of the whole machine (all cores), ms; null without /proc/stat. */
export interface MachineSample {
  busyMs: number;
  totalMs: number;
}

export function sampleMachine(): MachineSample | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
      ticks;
    const busy = user + nice + system + irq + softirq + steal;
    const toMs = (t: number) => (t * 1000) / TICKS_PER_SECOND;
    return { busyMs: toMs(busy), totalMs: toMs(busy + idle + iowait) };
  } catch {
    return null;
  }
}

/**
 * CPU used by the whole machine between two samples, as % of one core, over wallMs
 * (so 200 % = both cores of a 2-core machine fully busy).
 */
export function machineCpuPercent(
  from: MachineSample | null,
  to: MachineSample | null,
  wallMs: number,
): number {
  if (!from || !to || wallMs <= 0) return Number.NaN;
  return ((to.busyMs - from.busyMs) / wallMs) * 100;
}

/** Samples several processes at once (those that are gone are left out). */
export function sampleProcesses(pids: readonly number[]): Map<number, ProcSample> {
  const samples = new Map<number, ProcSample>();
  for (const pid of pids) {
    const sample = sampleProcess(pid);
    if (sample) samples.set(pid, sample);
  }
  return samples;
}

/**
 * CPU time (ms) the processes of `to` used since `from`: a process missing from `from` started
 * in between and counts whole; one missing from `to` ended in between and its last part is lost.
 */
export function cpuMsBetween(from: Map<number, ProcSample>, to: Map<number, ProcSample>): number {
  let total = 0;
  for (const [pid, sample] of to) total += sample.cpuMs - (from.get(pid)?.cpuMs ?? 0);
  return total;
}
