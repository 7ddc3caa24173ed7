import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { LogEntry } from './logCapture.ts';
import { freshDatabaseUrl } from './postgresServer.ts';
import { openPostgresStorage } from '../storage/postgres/openPostgresStorage.ts';
import { openSqliteStorage } from '../storage/sqlite/sqliteStorage.ts';
import type { Storage } from '../storage/storage.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** How the server process ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Keep at most this many log lines (a fuzz run logs one line per rejection). */
const MAX_KEPT_LINES = 50_000;

/**
 * The real server (`server/main.ts`) as a child process on a temporary DATA_DIR, restartable on the
 * same folder, for tests that must kill it (SIGKILL) or watch it survive (fuzzing). Only the process
 * this helper spawned is ever signalled, by its PID.
 */
export class ChildServer {
  readonly dataDir: string;
  url = '';
  /** JSON log lines of every run (stdout), oldest first, bounded. */
  readonly logs: LogEntry[] = [];
  /** Non-JSON output (stderr, e.g. stack traces), bounded. */
  readonly stderr: string[] = [];
  #child: ChildProcess | null = null;
  #exited: Promise<ExitInfo> | null = null;
  #exitInfo: ExitInfo | null = null;
  #paused = false;
  #databaseUrl: string | undefined;

  constructor(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-child-'))) {
    this.dataDir = dataDir;
  }

  /**
   * Opens the storage this server uses (its SQLite file, or its PostgreSQL database under
   * TEST_STORAGE=postgres), to look at what it stored. On SQLite, only while the server is stopped
   * (the DATA_DIR lock).
   */
  async openStorage(): Promise<Storage> {
    if (this.#databaseUrl) return openPostgresStorage({ url: this.#databaseUrl });
    return openSqliteStorage({ dataDir: this.dataDir });
  }

  /** PID of the running process (undefined when stopped). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** True while the process has not exited. */
  get running(): boolean {
    return this.#child !== null && this.#exitInfo === null;
  }

  /** Starts the server on a free port with extra environment and waits until it listens. */
  async start(env: Record<string, string> = {}): Promise<void> {
    if (this.running) throw new Error('the server is already running');
    // TEST_STORAGE=postgres: one fresh database per child server, kept across its restarts.
    if (process.env.TEST_STORAGE === 'postgres') this.#databaseUrl ??= await freshDatabaseUrl();
    const storageEnv: Record<string, string> = this.#databaseUrl
      ? { DATABASE_URL: this.#databaseUrl }
      : {};
    const child = spawn(process.execPath, [path.join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'info',
        SEED_DEMO: 'false',
        CLIENT_DIR: path.join(this.dataDir, 'no-client'),
        ...storageEnv,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#exitInfo = null;
    this.#paused = false;
    this.#exited = new Promise<ExitInfo>((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exitInfo = { code, signal };
        resolve(this.#exitInfo);
      }),
    );
    if (!child.stdout || !child.stderr) throw new Error('server process has no output pipes');
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      if (this.stderr.length < MAX_KEPT_LINES) this.stderr.push(line);
    });
    const lines = readline.createInterface({ input: child.stdout });
    const exited = this.#exited;
    this.url = await new Promise<string>((resolve, reject) => {
      void exited.then((info) =>
        reject(new Error(`server exited during start: ${JSON.stringify(info)}`)),
      );
      lines.on('line', (line) => {
        const entry = parseLog(line);
        if (!entry) return;
        if (this.logs.length < MAX_KEPT_LINES) this.logs.push(entry);
        if (entry.msg === 'Recorrido is listening' && typeof entry.url === 'string') {
          resolve(entry.url);
        }
      });
    });
  }

  /** Sends `signal` to this server process and waits for it to exit. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<ExitInfo> {
    const child = this.#child;
    const exited = this.#exited;
    if (!child || !exited) throw new Error('the server was never started');
    if (this.#exitInfo) return this.#exitInfo;
    // A stopped process would keep SIGTERM pending until continued.
    if (this.#paused) this.resume();
    child.kill(signal);
    return exited;
  }

  /**
   * Freezes the process (SIGSTOP): its sockets stay open but nothing answers, like a hung server
   * or a dead network path. The kernel still accepts new TCP connections into the backlog.
   */
  pause(): void {
    if (!this.running || !this.#child) throw new Error('the server is not running');
    this.#child.kill('SIGSTOP');
    this.#paused = true;
  }

  /** Lets a paused process run again (SIGCONT). */
  resume(): void {
    if (!this.#paused || !this.#child) return;
    this.#child.kill('SIGCONT');
    this.#paused = false;
  }

  /** Log entries whose fields include all of `match`. */
  findLogs(match: Record<string, unknown>): LogEntry[] {
    return this.logs.filter((entry) =>
      Object.entries(match).every(([key, value]) => entry[key] === value),
    );
  }

  /** Kills the process if it still runs and removes the data folder. */
  async dispose(): Promise<void> {
    if (this.running) await this.stop('SIGKILL');
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function parseLog(line: string): LogEntry | null {
  try {
    return JSON.parse(line) as LogEntry;
  } catch {
    return null;
  }
}
