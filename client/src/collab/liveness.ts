/** How the liveness check is timed, in milliseconds. */
export interface LivenessTiming {
  /** How often the socket is judged (the granularity of detection). */
  checkEveryMs: number;
  /** Silence after which the client pings; also the least time between two pings. */
  pingAfterMs: number;
  /** Silence after which the socket counts as dead (a ping went unanswered meanwhile). */
  silentAfterMs: number;
}

/**
 * Detection within silentAfterMs + checkEveryMs (2.25 s) of the last message heard, so within 3 s
 * of the socket going quiet; at most one ping a second, none while the server is talking anyway.
 * A healthy round trip has a second after the ping to come back before the socket is given up.
 */
export const LIVENESS_TIMING: LivenessTiming = {
  checkEveryMs: 250,
  pingAfterMs: 1_000,
  silentAfterMs: 2_000,
};

/** What a check asks of the caller: nothing, send a ping, or give the silent socket up. */
export type LivenessVerdict = 'wait' | 'ping' | 'silent';

/**
 * The liveness state of one socket, as a pure function of the times it is told about (no timers,
 * no I/O). Judging starts when the socket opens and stops when it closes or nobody looks (a hidden
 * page). A check that comes late (the page was frozen, throttled or asleep, so messages may still
 * wait unread in its queue) restarts the window instead of blaming the network.
 */
export class Liveness {
  readonly #timing: LivenessTiming;
  #judging = false;
  #lastHeard = 0;
  #lastPing = -Infinity;
  #lastCheck = 0;

  constructor(timing: LivenessTiming = LIVENESS_TIMING) {
    this.#timing = timing;
  }

  /** True between start() and stop() or a 'silent' verdict. */
  get judging(): boolean {
    return this.#judging;
  }

  /** The socket is open (or the page visible again): judge its silence from now on. */
  start(now: number): void {
    this.#judging = true;
    this.#lastHeard = now;
    this.#lastCheck = now;
  }

  /** The socket closed, or the page is hidden: stop judging (and pinging) until start(). */
  stop(): void {
    this.#judging = false;
  }

  /** A message arrived from the server. */
  heard(now: number): void {
    this.#lastHeard = Math.max(this.#lastHeard, now);
  }

  /** Judges the socket at `now`; call it every checkEveryMs. */
  check(now: number): LivenessVerdict {
    if (!this.#judging) return 'wait';
    const { checkEveryMs, pingAfterMs, silentAfterMs } = this.#timing;
    const late = now - this.#lastCheck > 2 * checkEveryMs;
    this.#lastCheck = now;
    if (late) this.#lastHeard = Math.max(this.#lastHeard, now - pingAfterMs);
    const silence = now - this.#lastHeard;
    if (silence >= silentAfterMs) {
      this.#judging = false;
      return 'silent';
    }
    if (silence >= pingAfterMs && now - this.#lastPing >= pingAfterMs) {
      this.#lastPing = now;
      return 'ping';
    }
    return 'wait';
  }
}
