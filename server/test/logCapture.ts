import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/** One parsed pino log line. */
export type LogEntry = Record<string, unknown> & { level: number; msg?: string };

/** A pino logger that keeps its (JSON) lines in memory, for asserting what was logged. */
export interface LogCapture {
  logger: Logger;
  entries: LogEntry[];
  /** Entries whose fields include all of `match`. */
  find(match: Record<string, unknown>): LogEntry[];
}

/** Creates a capturing logger at `level` (default warn, so only notable lines are kept). */
export function captureLogs(level = 'warn'): LogCapture {
  const entries: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) entries.push(JSON.parse(line) as LogEntry);
      }
      callback();
    },
  });
  const logger = pino({ level }, stream);
  return {
    logger,
    entries,
    find: (match) =>
      entries.filter((entry) =>
        Object.entries(match).every(([key, value]) => entry[key] === value),
      ),
  };
}
