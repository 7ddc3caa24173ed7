import { describe, expect, it } from 'vitest';
import { LoginThrottle, SignupThrottle } from './throttle.ts';

const MINUTE = 60_000;
const ANA = 'ana@example.test';

function throttle() {
  const clock = { now: 1_000_000 };
  const t = new LoginThrottle({
    perPair: {
      free: 5,
      baseDelayMs: MINUTE,
      maxDelayMs: 60 * MINUTE,
      forgetAfterMs: 24 * 60 * MINUTE,
    },
    perAccount: { max: 10, windowMs: 15 * MINUTE },
    perIp: { max: 20, windowMs: 15 * MINUTE },
    now: () => clock.now,
  });
  return { t, clock };
}

describe('the failed-login throttle', () => {
  it('delays one address on one account after 5 failures, doubling with each further failure', () => {
    const { t, clock } = throttle();
    for (let i = 0; i < 4; i += 1) t.recordFailure(ANA, '10.0.0.1');
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
    t.recordFailure(ANA, '10.0.0.1');
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(MINUTE);
    clock.now += MINUTE;
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
    t.recordFailure(ANA, '10.0.0.1');
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(2 * MINUTE);
    clock.now += 2 * MINUTE;
    t.recordFailure(ANA, '10.0.0.1');
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(4 * MINUTE);
    // Another address, and another account from the same address, are not delayed.
    expect(t.retryAfterMs(ANA, '10.0.0.2')).toBe(0);
    expect(t.retryAfterMs('bea@example.test', '10.0.0.1')).toBe(0);
  });

  it('caps the delay and forgets a pair after a day without failures', () => {
    const { t, clock } = throttle();
    for (let i = 0; i < 30; i += 1) t.recordFailure(ANA, '10.0.0.1');
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(60 * MINUTE);
    clock.now += 24 * 60 * MINUTE;
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
    t.recordFailure(ANA, '10.0.0.1');
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
  });

  it('never refuses an address without failures because of other addresses’ failures on the account', () => {
    const { t } = throttle();
    for (let i = 0; i < 50; i += 1) t.recordFailure(ANA, `10.0.1.${i}`);
    expect(t.retryAfterMs(ANA, '192.0.2.7')).toBe(0);
  });

  it('past the account-wide limit, refuses the addresses that already failed against the account', () => {
    const { t, clock } = throttle();
    for (let i = 0; i < 9; i += 1) t.recordFailure(ANA, `10.0.1.${i}`);
    expect(t.retryAfterMs(ANA, '10.0.1.0')).toBe(0);
    clock.now += MINUTE;
    t.recordFailure(ANA, '10.0.1.9');
    // The oldest of the 10 counted failures leaves the 15-minute window in 14 minutes.
    expect(t.retryAfterMs(ANA, '10.0.1.0')).toBe(14 * MINUTE);
    expect(t.retryAfterMs(ANA, '10.0.1.9')).toBe(14 * MINUTE);
    expect(t.retryAfterMs(ANA, '10.0.2.1')).toBe(0);
  });

  it('blocks an address after 20 failures across different accounts', () => {
    const { t } = throttle();
    for (let i = 0; i < 20; i += 1) t.recordFailure(`user${i}@example.test`, '10.0.0.1');
    expect(t.retryAfterMs('someone-new@example.test', '10.0.0.1')).toBe(15 * MINUTE);
    expect(t.retryAfterMs('someone-new@example.test', '10.0.0.2')).toBe(0);
  });

  it('forgets a pair’s failures after a successful login from that address', () => {
    const { t } = throttle();
    for (let i = 0; i < 4; i += 1) t.recordFailure(ANA, '10.0.0.1');
    t.recordSuccess(ANA, '10.0.0.1');
    t.recordFailure(ANA, '10.0.0.1');
    expect(t.retryAfterMs(ANA, '10.0.0.1')).toBe(0);
  });
});

describe('the sign-up throttle', () => {
  it('lets an address sign up 3 times an hour, then answers the wait until the oldest leaves', () => {
    const clock = { now: 0 };
    const t = new SignupThrottle({
      perIp: { max: 3, windowMs: 60 * MINUTE },
      now: () => clock.now,
    });
    for (let i = 0; i < 3; i += 1) {
      expect(t.take('10.0.0.1')).toBe(0);
      clock.now += MINUTE;
    }
    expect(t.take('10.0.0.1')).toBe(57 * MINUTE);
    expect(t.take('10.0.0.2')).toBe(0);
    clock.now += 57 * MINUTE;
    expect(t.take('10.0.0.1')).toBe(0);
  });
});
