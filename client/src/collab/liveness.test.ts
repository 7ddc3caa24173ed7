import { describe, expect, it } from 'vitest';
import { Liveness, LIVENESS_TIMING, type LivenessVerdict } from './liveness.ts';

const { checkEveryMs, pingAfterMs, silentAfterMs } = LIVENESS_TIMING;

/** Checks every checkEveryMs from `from` to `to` (inclusive), calling `heard` where the server spoke. */
function run(
  liveness: Liveness,
  from: number,
  to: number,
  serverSpeaksAt: (t: number) => boolean = () => false,
): { t: number; verdict: LivenessVerdict }[] {
  const verdicts: { t: number; verdict: LivenessVerdict }[] = [];
  for (let t = from; t <= to; t += checkEveryMs) {
    if (serverSpeaksAt(t)) liveness.heard(t);
    const verdict = liveness.check(t);
    if (verdict !== 'wait') verdicts.push({ t, verdict });
  }
  return verdicts;
}

describe('liveness of a socket', () => {
  it('pings after a second of silence and gives the socket up after two without an answer', () => {
    const liveness = new Liveness();
    liveness.start(0);
    expect(run(liveness, checkEveryMs, 5_000)).toEqual([
      { t: pingAfterMs, verdict: 'ping' },
      { t: silentAfterMs, verdict: 'silent' },
    ]);
    expect(liveness.judging).toBe(false);
  });

  it('keeps a quiet socket whose pings are answered, pinging at most once a second', () => {
    const liveness = new Liveness();
    liveness.start(0);
    const pings: number[] = [];
    for (let t = checkEveryMs; t <= 60_000; t += checkEveryMs) {
      const verdict = liveness.check(t);
      expect(verdict).not.toBe('silent');
      if (verdict === 'ping') {
        pings.push(t);
        liveness.heard(t + 40); // the pong, one round trip later
      }
    }
    const gaps = pings.slice(1).map((t, i) => t - (pings[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(pingAfterMs);
    expect(pings.length).toBeLessThanOrEqual(60);
  });

  it('sends no ping while the server is talking anyway', () => {
    const liveness = new Liveness();
    liveness.start(0);
    expect(run(liveness, checkEveryMs, 30_000, (t) => t % 500 === 0)).toEqual([]);
  });

  it('detects a socket that goes quiet within 3 s, wherever the silence starts', () => {
    for (let lastHeard = 0; lastHeard < 2_000; lastHeard += 10) {
      const liveness = new Liveness();
      liveness.start(0);
      liveness.heard(lastHeard);
      const silent = run(liveness, checkEveryMs, 10_000).find((v) => v.verdict === 'silent');
      expect(silent?.t).toBeDefined();
      expect((silent?.t ?? Infinity) - lastHeard).toBeLessThanOrEqual(silentAfterMs + checkEveryMs);
    }
  });

  it('does not blame the network for a check that came late (a frozen or sleeping page)', () => {
    const liveness = new Liveness();
    liveness.start(0);
    // The page was frozen for 10 s: messages may be waiting unread, so ask again first.
    expect(liveness.check(10_000)).toBe('ping');
    expect(run(liveness, 10_000 + checkEveryMs, 10_000 + pingAfterMs - checkEveryMs)).toEqual([]);
    // Still nothing a second later: the socket is dead after all.
    expect(run(liveness, 10_000 + pingAfterMs, 12_000)).toEqual([
      { t: 10_000 + pingAfterMs, verdict: 'silent' },
    ]);
  });

  it('judges nothing before start, after stop, or after giving a socket up', () => {
    const liveness = new Liveness();
    expect(run(liveness, 0, 10_000)).toEqual([]);
    liveness.start(10_000);
    liveness.stop();
    expect(run(liveness, 10_000, 20_000)).toEqual([]);
    liveness.start(20_000);
    expect(run(liveness, 20_000, 30_000).map((v) => v.verdict)).toEqual(['ping', 'silent']);
  });
});
