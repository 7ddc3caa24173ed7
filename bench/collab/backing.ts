/**
 * The backing services of recorrido-pg and recorrido-cluster: one throwaway PostgreSQL cluster
 * for the whole benchmark run (a fresh database per measured run) and a fresh throwaway Redis per
 * measured run of the cluster (its limiter keys would otherwise carry over from run to run).
 * Both come from the tests' helpers (server/test/postgresServer.ts, server/test/redisServer.ts),
 * which track their processes by PID and stop them on every exit path of this process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PostgresCluster } from '../../server/test/postgresServer.ts';
import { RedisServer } from '../../server/test/redisServer.ts';

let postgres: Promise<PostgresCluster> | null = null;

/** The run's PostgreSQL cluster, started on first use. */
export function benchPostgres(): Promise<PostgresCluster> {
  postgres ??= PostgresCluster.start();
  return postgres;
}

/** A fresh, empty database on the run's cluster, by URL. */
export async function freshBenchDatabase(): Promise<string> {
  return (await benchPostgres()).createDatabase();
}

/** A fresh redis-server on a free loopback port; destroy() it after the run. */
export function freshBenchRedis(): Promise<RedisServer> {
  return RedisServer.start();
}

/** Stops the run's PostgreSQL cluster (if one was started) and removes its folder. */
export async function releaseBenchPostgres(): Promise<void> {
  const current = postgres;
  postgres = null;
  if (!current) return;
  const cluster = await current.catch(() => null);
  await cluster?.destroy();
}

/**
 * PIDs of the PostgreSQL server and its backends right now: the postmaster's PID is the first
 * line of postmaster.pid in its data folder, its backends are its children (from /proc).
 */
export async function postgresPids(): Promise<number[]> {
  if (!postgres) return [];
  const cluster = await postgres.catch(() => null);
  if (!cluster) return [];
  let root: number;
  try {
    const pidFile = fs.readFileSync(path.join(cluster.dataDir, 'postmaster.pid'), 'utf8');
    root = Number(pidFile.split('\n', 1)[0]);
  } catch {
    return [];
  }
  if (!Number.isInteger(root) || root <= 0) return [];
  const pids = [root];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so cut at the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === root) pids.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}
