import type { Logger } from 'pino';
import { runDigests, type DigestRunDeps, type DigestRunReport } from './digestRun.ts';

/**
 * How long stop() waits for a run in flight (a send to a hung SMTP server could take the mailer's
 * whole socket timeout). A run cut short keeps its claim until the lease lapses; at worst those
 * items are mailed again after the restart, never lost.
 */
const STOP_WAIT_MS = 5_000;

/** The running digest loop of one server instance. */
export interface DigestScheduler {
  /** Runs finished so far (tests wait on it). */
  readonly runs: number;
  /** Stops the loop: no new run starts; resolves once the current one ended and SMTP is closed. */
  stop(): Promise<void>;
}

/**
 * Runs a digest every interval, the next one an interval after the previous ended (never two at
 * once in one process; several instances are kept apart by the claims in storage). A run that
 * throws (storage unavailable, a bug) is logged and the loop goes on: the server keeps serving.
 */
export function startDigestScheduler(
  deps: Omit<DigestRunDeps, 'stopping'>,
  clock: () => number = Date.now,
): DigestScheduler {
  let stopped = false;
  let runs = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | null = null;
  const log: Logger = deps.logger;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, deps.intervalMs);
  };

  const tick = () => {
    current = runDigests({ ...deps, stopping: () => stopped }, clock())
      .then(
        (report: DigestRunReport) => {
          if (report.candidates > 0) log.debug(report, 'email digest run');
        },
        (error: unknown) => {
          log.warn({ err: error }, 'email digest run failed; retrying next interval');
        },
      )
      .finally(() => {
        runs += 1;
        current = null;
        schedule();
      });
  };

  schedule();
  return {
    get runs() {
      return runs;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (current) {
        let wait: NodeJS.Timeout | undefined;
        const late = await Promise.race([
          current.then(() => false),
          new Promise<boolean>((resolve) => {
            wait = setTimeout(() => resolve(true), STOP_WAIT_MS);
          }),
        ]);
        clearTimeout(wait);
        if (late) log.warn('email digest run still sending at shutdown; leaving it behind');
      }
      try {
        deps.mailer.close();
      } catch (error) {
        log.warn({ err: error }, 'closing the SMTP transport failed');
      }
    },
  };
}
