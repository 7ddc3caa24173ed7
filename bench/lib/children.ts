import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';

/**
 * Child processes of a benchmark run. Every child started here is tracked by PID and killed on
 * every exit path of this process (normal exit, error, SIGINT/SIGTERM/SIGHUP); children also
 * exit by themselves when their IPC channel to us closes (see onParentGone), which covers a
 * SIGKILL of this process. Nothing else is ever killed.
 */
const live = new Set<ChildProcess>();
/** Leaders of process groups started here by someone else's code (a browser Playwright launched). */
const liveGroups = new Set<number>();
let cleanupInstalled = false;

function killTracked(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
  for (const pid of liveGroups) {
    try {
      // The whole group: the browser and its renderer, GPU and utility processes.
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killTracked);
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const [signal, code] of Object.entries(signals)) {
    process.once(signal, () => {
      killTracked();
      process.exit(code);
    });
  }
}

/**
 * Tracks a process we started that leads its own process group (Playwright launches Chromium
 * detached, so the browser's PID is its group's id): the group is killed on every exit path of
 * this process, like forked children. Returns the function to call once it was closed normally.
 */
export function trackProcessGroup(pid: number): () => void {
  installCleanup();
  liveGroups.add(pid);
  return () => {
    liveGroups.delete(pid);
  };
}

/** Messages a child may always send: a fatal error it wants the parent to see. */
export interface ChildErrorMessage {
  type: 'error';
  message: string;
}

interface Waiter {
  type: string;
  resolve(message: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One forked Node child speaking typed JSON messages over IPC. */
export class Child<In extends { type: string }, Out extends { type: string }> {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  readonly #inbox: Out[] = [];
  readonly #waiters: Waiter[] = [];
  #exited: Error | null = null;
  readonly #exitPromise: Promise<void>;

  /**
   * @param niceness when set, the child's scheduling priority (os.setPriority; higher = yields
   *   the CPU to others). Only ever set on our own child, by its PID.
   * @param env variables added to this process's environment for the child.
   * @param fileLimit when set, the child's open-file limit (RLIMIT_NOFILE): it is started
   *   through `sh -c 'ulimit -n N; exec node ...'`, which keeps the PID and the IPC channel, so
   *   a benchmark holding thousands of sockets raises its own limit and never the product's.
   */
  constructor(
    name: string,
    script: string,
    args: string[],
    execArgv: string[] = [],
    niceness?: number,
    env: Record<string, string> = {},
    fileLimit?: number,
  ) {
    installCleanup();
    this.name = name;
    // fork runs `execPath ...execArgv script ...args`: with sh as execPath, "$0" is node and
    // "$@" the rest. Where the hard limit is lower and cannot be raised, the soft limit is
    // raised to the hard one (the child reports what it got).
    const viaShell =
      fileLimit === undefined
        ? {}
        : {
            execPath: '/bin/sh',
            execArgv: [
              '-c',
              `ulimit -n ${Math.floor(fileLimit)} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`,
              process.execPath,
              ...execArgv,
            ],
          };
    this.process = fork(script, args, {
      execArgv,
      ...viaShell,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    });
    if (this.process.pid === undefined) throw new Error(`could not start ${name}`);
    this.pid = this.process.pid;
    live.add(this.process);
    if (niceness !== undefined) {
      try {
        os.setPriority(this.pid, niceness);
      } catch {
        // not permitted here: run at normal priority
      }
    }
    this.process.on('message', (raw: unknown) => this.#receive(raw as Out | ChildErrorMessage));
    this.#exitPromise = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        live.delete(this.process);
        this.#exited = new Error(
          `${name} (pid ${this.pid}) exited (code ${code}, signal ${signal})`,
        );
        for (const waiter of this.#waiters.splice(0)) {
          clearTimeout(waiter.timer);
          waiter.reject(this.#exited);
        }
        resolve();
      });
    });
  }

  #receive(message: Out | ChildErrorMessage): void {
    if (message.type === 'error') {
      const error = new Error(`${this.name}: ${(message as ChildErrorMessage).message}`);
      for (const waiter of this.#waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
      }
      return;
    }
    const index = this.#waiters.findIndex((w) => w.type === message.type);
    const waiter = index === -1 ? undefined : this.#waiters.splice(index, 1)[0];
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(message);
    } else {
      this.#inbox.push(message as Out);
    }
  }

  send(message: In): void {
    if (this.#exited) throw this.#exited;
    this.process.send(message);
  }

  /** The next message of that type (queued or future); rejects on timeout, error or exit. */
  next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    const index = this.#inbox.findIndex((m) => m.type === type);
    if (index !== -1) {
      return Promise.resolve(this.#inbox.splice(index, 1)[0] as Extract<Out, { type: T }>);
    }
    if (this.#exited) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        type,
        resolve: (m) => resolve(m as Extract<Out, { type: T }>),
        reject,
        timer: setTimeout(() => {
          const at = this.#waiters.indexOf(waiter);
          if (at !== -1) this.#waiters.splice(at, 1);
          reject(new Error(`${this.name}: no "${type}" message within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  /** Resolves once the child has exited, however it ended. */
  get exited(): Promise<void> {
    return this.#exitPromise;
  }

  /** Sends `stop`, waits up to graceMs for a clean exit (profiles are written then), then SIGKILL. */
  async stop(stopMessage: In, graceMs = 15_000): Promise<void> {
    if (this.#exited) return;
    try {
      this.process.send(stopMessage);
    } catch {
      // channel already closed
    }
    const timer = setTimeout(() => {
      if (!this.#exited) this.process.kill('SIGKILL');
    }, graceMs);
    await this.#exitPromise;
    clearTimeout(timer);
  }
}

/**
 * For a child: calls fn once the parent is gone (its IPC channel closed), so a child never
 * outlives the benchmark, whatever happened to the parent.
 */
export function onParentGone(fn: () => void): void {
  process.on('disconnect', fn);
}

/** For a child: sends a message to the parent (no-op when the channel is closed). */
export function toParent<T extends { type: string }>(message: T): void {
  if (process.connected && process.send) process.send(message);
}

/** For a child: reports a fatal error to the parent, then exits (within 1 s whatever happens). */
export function failToParent(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const exit = () => process.exit(1);
  setTimeout(exit, 1_000).unref();
  if (process.connected && process.send) {
    process.send({ type: 'error', message } satisfies ChildErrorMessage, undefined, {}, exit);
  } else {
    console.error(message);
    exit();
  }
}
