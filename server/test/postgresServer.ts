import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Where Debian's `postgresql` package puts its server binaries (one folder per major version). */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

/** The server binaries a throwaway cluster needs. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  pgCtl: string;
}

/**
 * Finds initdb, postgres and pg_ctl: under /usr/lib/postgresql/<major>/bin (newest major first),
 * or in PG_BIN_DIR when set. Null when there is no complete set.
 */
export function findPostgresBinaries(): PostgresBinaries | null {
  const dirs: string[] = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  if (fs.existsSync(DEBIAN_POSTGRES_ROOT)) {
    const majors = fs
      .readdirSync(DEBIAN_POSTGRES_ROOT)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) dirs.push(path.join(DEBIAN_POSTGRES_ROOT, major, 'bin'));
  }
  for (const dir of dirs) {
    const found = {
      initdb: path.join(dir, 'initdb'),
      postgres: path.join(dir, 'postgres'),
      pgCtl: path.join(dir, 'pg_ctl'),
    };
    if (Object.values(found).every((file) => fs.existsSync(file))) return found;
  }
  return null;
}

/** The uid/gid to run PostgreSQL as: it refuses to run as root, so root uses `postgres`. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const groups = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0 || groups.status !== 0) {
    throw new Error(
      'running as root, and there is no `postgres` system user to run PostgreSQL as ' +
        '(Debian\'s "postgresql" package creates it: node scripts/ensure-postgres.ts)',
    );
  }
  return { uid: Number(result.stdout.trim()), gid: Number(groups.stdout.trim()) };
}

/** A free TCP port on loopback (the OS picks it; the server binds it right after). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves after ms (the interval between two attempts of a retrying wait). */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How long the cluster may take to accept connections after its process starts. */
const START_DEADLINE_MS = 60_000;
/** How long a fast shutdown may take before the cluster is killed outright. */
const STOP_DEADLINE_MS = 15_000;

/** Every running cluster of this process, stopped by the exit handler at the latest. */
const running = new Set<PostgresCluster>();
let exitHandlerInstalled = false;

function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  // 'exit' handlers must be synchronous: SIGQUIT is PostgreSQL's immediate shutdown.
  process.on('exit', () => {
    for (const cluster of running) cluster.killNow();
  });
}

/**
 * A throwaway PostgreSQL cluster in a temp folder: initdb with trust authentication, then the
 * server on 127.0.0.1 on a free port (and a Unix socket in the temp folder), fsync on. As root it
 * runs as the `postgres` system user. Only the processes it spawned are ever signalled, by PID:
 * on stop(), on this process's exit, and, should this process be killed outright, by a small
 * watchdog that notices the parent is gone.
 */
export class PostgresCluster {
  readonly dir: string;
  readonly dataDir: string;
  readonly socketDir: string;
  port = 0;
  /** stderr of the server (bounded), for error messages. */
  readonly log: string[] = [];
  readonly #binaries: PostgresBinaries;
  readonly #user: { uid: number; gid: number } | null;
  #child: ChildProcess | null = null;
  #exited: Promise<void> | null = null;
  #watchdog: ChildProcess | null = null;

  private constructor(binaries: PostgresBinaries) {
    this.#binaries = binaries;
    this.#user = serverUser();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-pg-'));
    this.dataDir = path.join(this.dir, 'data');
    this.socketDir = path.join(this.dir, 'socket');
    fs.mkdirSync(this.socketDir);
    if (this.#user) {
      fs.chownSync(this.dir, this.#user.uid, this.#user.gid);
      fs.chownSync(this.socketDir, this.#user.uid, this.#user.gid);
    }
  }

  /** Creates the cluster (initdb) and starts it; resolves once it accepts connections. */
  static async start(): Promise<PostgresCluster> {
    const binaries = findPostgresBinaries();
    if (!binaries) {
      throw new Error(
        'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (or PG_BIN_DIR). ' +
          'Run `node scripts/ensure-postgres.ts` (as root it installs Debian\'s "postgresql").',
      );
    }
    const cluster = new PostgresCluster(binaries);
    try {
      cluster.#initdb();
      await cluster.#startServer();
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
    return cluster;
  }

  /** URL of the maintenance database `postgres` (superuser `postgres`, no password). */
  get url(): string {
    return this.urlOf('postgres');
  }

  /** URL of one database of this cluster. */
  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** True while the server process runs. */
  get running(): boolean {
    return this.#child !== null;
  }

  /** Creates an empty database `t_<random>` and resolves to its URL. */
  async createDatabase(): Promise<string> {
    const name = `t_${randomBytes(8).toString('hex')}`;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.urlOf(name);
  }

  #spawnOptions() {
    return {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C' },
      cwd: this.dir,
      ...(this.#user ?? {}),
    };
  }

  #initdb(): void {
    // --no-sync only skips flushing the template files of this throwaway cluster; the server
    // itself runs with fsync on, so commits are as durable as in production.
    const result = spawnSync(
      this.#binaries.initdb,
      [
        '-D',
        this.dataDir,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { ...this.#spawnOptions(), encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(`initdb failed (${result.status}): ${result.stderr || result.stdout}`);
    }
  }

  async #startServer(): Promise<void> {
    // The port is free when asked but may be taken before the server binds it: try a few.
    let lastError: unknown = null;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = this.port === 0 || attempt > 0 ? await freePort() : this.port;
      try {
        await this.#spawnServer(port);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  async #spawnServer(port: number): Promise<void> {
    this.log.length = 0;
    const child = spawn(
      this.#binaries.postgres,
      [
        '-D',
        this.dataDir,
        '-p',
        String(port),
        '-k',
        this.socketDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=on',
        '-c',
        'synchronous_commit=on',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=32MB',
      ],
      { ...this.#spawnOptions(), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let exitedEarly = false;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        exitedEarly = true;
        if (this.#child === child) {
          this.#child = null;
          this.#stopWatchdog();
          running.delete(this);
        }
        resolve();
      }),
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (this.log.length < 2000) this.log.push(chunk);
    });
    this.#child = child;
    this.#exited = exited;
    this.port = port;
    running.add(this);
    installExitHandler();
    this.#startWatchdog(child.pid);

    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (exitedEarly) {
        throw new Error(`PostgreSQL exited while starting on port ${port}:\n${this.log.join('')}`);
      }
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2_000 });
      // A refused connection also emits 'error' on the client; the connect() rejection is enough.
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) {
          throw new Error(
            `PostgreSQL did not accept connections within ${START_DEADLINE_MS} ms: ` +
              `${String(error)}\n${this.log.join('')}`,
            { cause: error },
          );
        }
      }
      await pause(50);
    }
  }

  /**
   * A shell loop that, once this process is gone (however it ended: exit handlers only SIGQUIT
   * the server, SIGKILL runs none), stops the server by its PID and removes the temp folder.
   * stop() and destroy() end it first.
   */
  #startWatchdog(serverPid: number | undefined): void {
    if (serverPid === undefined) return;
    const dir = JSON.stringify(this.dir);
    const script = [
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
      `kill -CONT ${serverPid} 2>/dev/null; kill -QUIT ${serverPid} 2>/dev/null`,
      `while kill -0 ${serverPid} 2>/dev/null; do sleep 0.2; done`,
      `rm -rf ${dir}`,
    ].join('; ');
    const watchdog = spawn('sh', ['-c', script], { stdio: 'ignore', detached: true });
    watchdog.unref();
    this.#watchdog = watchdog;
  }

  #stopWatchdog(): void {
    const watchdog = this.#watchdog;
    this.#watchdog = null;
    if (watchdog?.pid !== undefined && watchdog.exitCode === null) {
      try {
        process.kill(watchdog.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }

  /**
   * Immediate shutdown (SIGQUIT) without waiting, for process exit handlers; the watchdog
   * removes the temp folder once this process is gone.
   */
  killNow(): void {
    this.thaw();
    const child = this.#child;
    if (child?.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
  }

  /** PIDs of the server and its backends (children of the postmaster, from /proc). */
  #serverPids(): number[] {
    const root = this.#child?.pid;
    if (root === undefined) return [];
    const pids = [root];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so cut at ')'.
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === root) pids.push(Number(entry));
      } catch {
        // the process ended while we looked
      }
    }
    return pids;
  }

  #frozen: number[] = [];

  /**
   * Freezes the server and every backend (SIGSTOP): sockets stay open and the kernel still
   * accepts connections, but nothing answers, like a hung server or a dead network path.
   */
  freeze(): void {
    if (this.#frozen.length > 0) return;
    this.#frozen = this.#serverPids();
    for (const pid of this.#frozen) process.kill(pid, 'SIGSTOP');
  }

  /** Lets a frozen server run again (SIGCONT to the processes freeze() stopped). */
  thaw(): void {
    for (const pid of this.#frozen) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // already gone
      }
    }
    this.#frozen = [];
  }

  /** Fast shutdown (SIGINT: open sessions are ended), waiting for the process to exit. */
  async stop(): Promise<void> {
    const child = this.#child;
    const exited = this.#exited;
    if (!child || !exited) return;
    this.#stopWatchdog();
    this.thaw();
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Starts the stopped server again on the same data folder and, when still free, port. */
  async restart(): Promise<void> {
    if (this.running) throw new Error('the cluster is already running');
    await this.#startServer();
  }

  /** Stops the server and removes the temp folder. */
  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

let shared: Promise<PostgresCluster> | null = null;

/**
 * The cluster shared by the tests of this test process, started on first use: vitest runs each
 * test file in a worker process of its own, so this is one cluster per running test file. Tests
 * get isolation from a fresh database each (freshDatabaseUrl); the file ends with
 * releaseSharedPostgres() in afterAll, and the exit handler and watchdog stop it otherwise.
 */
export function sharedPostgres(): Promise<PostgresCluster> {
  shared ??= PostgresCluster.start();
  return shared;
}

/** Stops and removes the shared cluster (afterAll); a later sharedPostgres() starts a new one. */
export async function releaseSharedPostgres(): Promise<void> {
  const current = shared;
  shared = null;
  if (!current) return;
  const cluster = await current.catch(() => null);
  await cluster?.destroy();
}

/** A fresh, empty database on the shared cluster, by URL. */
export async function freshDatabaseUrl(): Promise<string> {
  return (await sharedPostgres()).createDatabase();
}
