import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test } from '@playwright/test';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** A Recorrido server running as a real child process, restartable on the same data folder. */
export class ServerProcess {
  #dataDir: string | undefined;
  #child: ChildProcess | null = null;
  #port = 0;
  #paused = false;
  url = '';

  constructor(dataDir?: string) {
    this.#dataDir = dataDir;
  }

  /** The server's data folder, made on first use. */
  get dataDir(): string {
    this.#dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-e2e-'));
    return this.#dataDir;
  }

  /** Starts the server (port 0 the first time, the same port on restarts) and waits until it listens. */
  async start(env: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, [path.join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.#port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.#child = child;
    if (!child.stdout) throw new Error('server process has no stdout');
    const lines = readline.createInterface({ input: child.stdout });
    this.url = await new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`server exited early with code ${code}`));
      child.once('exit', onExit);
      lines.on('line', (line) => {
        const entry = parseLog(line);
        if (entry?.msg === 'Recorrido is listening' && typeof entry.url === 'string') {
          child.off('exit', onExit);
          resolve(entry.url);
        }
      });
    });
    this.#port = Number(new URL(this.url).port);
  }

  /** Stops the server: SIGTERM (graceful, flushes) or SIGKILL (crash). */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // A stopped process would keep SIGTERM pending until continued.
    this.resume();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.#child = null;
  }

  /**
   * Freezes the server process (SIGSTOP, to its own PID): its sockets stay open and nothing
   * answers, as with a hung server or a dead network path; no browser event tells the page.
   */
  pause(): void {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      throw new Error('the server is not running');
    }
    child.kill('SIGSTOP');
    this.#paused = true;
  }

  /** Lets a paused server run again (SIGCONT). */
  resume(): void {
    if (!this.#paused || !this.#child) return;
    this.#child.kill('SIGCONT');
    this.#paused = false;
  }

  /** Stops the server and removes its data. */
  async dispose(): Promise<void> {
    await this.stop('SIGTERM');
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function parseLog(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * One fresh server for the spec file that calls this at its top level: started before its first
 * test, stopped and deleted after its last (so "the first account owns the demo maps" holds per file).
 */
export function serverForThisFile(): ServerProcess {
  const server = new ServerProcess();
  test.beforeAll(async () => {
    await server.start();
  });
  test.afterAll(async () => {
    await server.dispose();
  });
  return server;
}
