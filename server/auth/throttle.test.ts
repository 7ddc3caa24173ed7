import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle.ts';

const MINUTE = 60_000;

function throttle() {
  const clock = { now: 1_000_000 };
  const t = new LoginThrottle({
    perAccount: { max: 5, windowMs: 15 * MINUTE },
    perIp: { max: 20, windowMs: 15 * MINUTE },
    now: () => clock.now,
  });
  return { t, clock };
}

describe('the failed-login throttle', () => {
  it('blocks an account after 5 failures until the oldest leaves the 15-minute window', () => {
    const { t, clock } = throttle();
    for (let i = 0; i < 4; i += 1) {
      t.recordFailure('ana@example.test', `10.0.0.${i}`);
      clock.now += MINUTE;
    }
    expect(t.retryAfterMs('ana@example.test', '10.0.1.1')).toBe(0);
    t.recordFailure('ana@example.test', '10.0.0.9');
    // First failure at t0, now t0 + 4 min: blocked for 11 more minutes, from any IP.
    expect(t.retryAfterMs('ana@example.test', '10.0.1.1')).toBe(11 * MINUTE);
    expect(t.retryAfterMs('bea@example.test', '10.0.1.1')).toBe(0);
    clock.now += 11 * MINUTE;
    expect(t.retryAfterMs('ana@example.test', '10.0.1.1')).toBe(0);
  });

  it('blocks an IP after 20 failures across different accounts', () => {
    const { t } = throttle();
    for (let i = 0; i < 20; i += 1) t.recordFailure(`user${i}@example.test`, '10.0.0.1');
    expect(t.retryAfterMs('someone-new@example.test', '10.0.0.1')).toBe(15 * MINUTE);
    expect(t.retryAfterMs('someone-new@example.test', '10.0.0.2')).toBe(0);
  });

  it('forgets an account’s failures after a successful login', () => {
    const { t } = throttle();
    for (let i = 0; i < 4; i += 1) t.recordFailure('ana@example.test', '10.0.0.1');
    t.recordSuccess('ana@example.test');
    t.recordFailure('ana@example.test', '10.0.0.1');
    expect(t.retryAfterMs('ana@example.test', '10.0.0.1')).toBe(0);
  });
});
