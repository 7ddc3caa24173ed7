import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const CHILD = path.join(import.meta.dirname, 'smtpServerChild.ts');
/** How long the child may take to listen (a shared 2-core machine). */
const READY_DEADLINE_MS = 20_000;
/** How long a stopped child may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_DEADLINE_MS = 5_000;

/** A message the SMTP server accepted, as mailparser read it. */
export interface ReceivedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** The login the client used, if any. */
  user: string | null;
  from: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  autoSubmitted: string | null;
}

/** Every child this module started and has not seen exit, killed if the test process exits. */
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
 * A real SMTP server for tests: a child node process running `smtp-server` on 127.0.0.1 (port 0
 * at first), which reports each accepted message on stdout. It can be stopped (the port then
 * refuses connections: "the SMTP server is down") and started again on the same port. Only the
 * process this helper spawned is ever signalled, by its PID; an exit hook kills it if a test
 * forgets stop(), and the child also exits when its stdin (a pipe from this process) closes.
 */
export class SmtpTestServer {
  /** Every message accepted since start, across restarts, oldest first. */
  readonly messages: ReceivedMail[] = [];
  #port = 0;
  #child: ChildProcess | null = null;
  #exited: Promise<void> | null = null;
  readonly #stderr: string[] = [];

  /** Starts a server on a free port. */
  static async start(): Promise<SmtpTestServer> {
    const server = new SmtpTestServer();
    await server.#launch(0);
    return server;
  }

  get port(): number {
    return this.#port;
  }

  /** PID of the running child; undefined while stopped. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** An SMTP_URL for this server (with a login when given). */
  url(login?: { user: string; pass: string }): string {
    const auth = login
      ? `${encodeURIComponent(login.user)}:${encodeURIComponent(login.pass)}@`
      : '';
    return `smtp://${auth}127.0.0.1:${this.#port}`;
  }

  /** Messages whose envelope names this recipient. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
  }

  /** Stops the child (SIGTERM, then SIGKILL after a deadline); restart() reuses the port. */
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

  /** Starts it again on the same port, after stop(). */
  async restart(): Promise<void> {
    await this.stop();
    await this.#launch(this.#port);
  }

  async #launch(port: number): Promise<void> {
    const child = spawn(process.execPath, [CHILD, String(port)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
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
    child.stderr?.on('data', (chunk: Buffer) => {
      if (this.#stderr.length < 200) this.#stderr.push(chunk.toString('utf8'));
    });
    const stdout = child.stdout;
    if (!stdout) throw new Error('the SMTP child has no stdout');
    const listening = new Promise<number>((resolve, reject) => {
      const lines = readline.createInterface({ input: stdout });
      lines.on('line', (line) => {
        let parsed: { type?: unknown; port?: unknown } & Partial<ReceivedMail>;
        try {
          parsed = JSON.parse(line) as typeof parsed;
        } catch {
          return;
        }
        if (parsed.type === 'listening') resolve(Number(parsed.port));
        if (parsed.type === 'message') {
          const mail: Partial<ReceivedMail> & { type?: unknown } = { ...parsed };
          delete mail.type;
          this.messages.push(mail as ReceivedMail);
        }
      });
      void this.#exited?.then(() =>
        reject(new Error(`the SMTP child exited (${exitCode}): ${this.#stderr.join('')}`)),
      );
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the SMTP child did not listen within ${READY_DEADLINE_MS} ms`)),
        READY_DEADLINE_MS,
      );
    });
    try {
      this.#port = await Promise.race([listening, deadline]);
    } catch (error) {
      await this.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

function killQuietly(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}
