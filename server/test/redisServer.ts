import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findRedisServer } from './findRedisServer.ts';

/** How long a fresh redis-server may take to answer PING (a shared 2-core machine). */
const READY_DEADLINE_MS = 15_000;
/** How long a stopped redis-server may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_DEADLINE_MS = 5_000;
/** Pause between two PING attempts while waiting for the server. */
const PING_RETRY_MS = 25;

/** Every redis-server this module started and has not seen exit, killed if the test process exits. */
const running = new Set<ChildProcess>();
const killAll = () => {
  for (const child of running) killQuietly(child, 'SIGKILL');
};
process.once('exit', killAll);
// A signal skips 'exit': kill ours, then let the signal do what it would have done.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/**
 * A throwaway `redis-server` on 127.0.0.1 for tests: a free port, no persistence (`--save ''`,
 * `--appendonly no`), its own temporary folder. It can be stopped and started again on the same
 * port (to test "Redis died, then came back"). Only the process this helper spawned is ever
 * signalled, by its PID; a process-exit hook kills it if a test forgets `stop()`.
 */
export class RedisServer {
  readonly dir: string;
  #port = 0;
  #child: ChildProcess | null = null;
  #exited: Promise<void> | null = null;
  readonly #output: string[] = [];

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Starts a redis-server on a free loopback port and waits until it answers PING. */
  static async start(): Promise<RedisServer> {
    const binary = findRedisServer();
    if (!binary) {
      throw new Error(
        'no redis-server found: run `node scripts/ensure-redis.ts` (see its message)',
      );
    }
    const server = new RedisServer(fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-redis-')));
    // A free port can be taken between the probe and redis's bind: try a few.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      server.#port = await freePort();
      try {
        await server.#launch(binary);
        return server;
      } catch (error) {
        lastError = error;
      }
    }
    fs.rmSync(server.dir, { recursive: true, force: true });
    throw lastError;
  }

  /** The port it listens on (kept across stop/restart). */
  get port(): number {
    return this.#port;
  }

  /** `redis://127.0.0.1:<port>` (the REDIS_URL for this server). */
  get url(): string {
    return `redis://127.0.0.1:${this.#port}`;
  }

  /** PID of the running process; undefined while stopped. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Stops the process (SIGTERM, then SIGKILL after a deadline); the port stays reserved for restart(). */
  async stop(): Promise<void> {
    const child = this.#child;
    const exited = this.#exited;
    if (!child || !exited) return;
    killQuietly(child, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), STOP_DEADLINE_MS);
    });
    if ((await Promise.race([exited, deadline])) === 'late') {
      killQuietly(child, 'SIGKILL');
      await exited;
    }
    clearTimeout(timer);
    this.#child = null;
    this.#exited = null;
  }

  /** Starts it again on the same port (after stop()), empty, and waits until it answers PING. */
  async restart(): Promise<void> {
    await this.stop();
    const binary = findRedisServer();
    if (!binary) throw new Error('redis-server disappeared');
    await this.#launch(binary);
  }

  /** Stops it for good and removes its folder. */
  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  async #launch(binary: string): Promise<void> {
    const args = [
      '--port',
      String(this.#port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    this.#child = child;
    let exitCode: number | null | undefined;
    this.#exited = new Promise<void>((resolve) => {
      child.once('exit', (code) => {
        exitCode = code;
        running.delete(child);
        resolve();
      });
    });
    const keep = (chunk: Buffer) => {
      if (this.#output.length < 200) this.#output.push(chunk.toString('utf8'));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + READY_DEADLINE_MS;
    while (Date.now() < deadline) {
      if (exitCode !== undefined) break;
      if (await ping(this.#port)) return;
      await new Promise((resolve) => setTimeout(resolve, PING_RETRY_MS));
    }
    const reason =
      exitCode !== undefined ? `exited with code ${exitCode}` : 'did not answer PING in time';
    await this.stop();
    throw new Error(`redis-server on port ${this.#port} ${reason}: ${this.#output.join('')}`);
  }
}

/** True when something on the port answers a RESP PING with PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function killQuietly(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(signal);
  } catch {
    // Already gone.
  }
}
