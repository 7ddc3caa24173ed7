import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisServer } from '../test/redisServer.ts';
import { startTwoInstances, type TwoInstances } from '../test/twoInstances.ts';
import type { TestServer } from '../test/testServer.ts';
import { anonymousCall, asUser, createMapAs, sessionTokenFrom } from '../test/testUser.ts';

// The login throttle, the sign-up throttle and the guest limiter of two instances on one Redis
// and one PostgreSQL database: what one instance counts, the other sees.
let instances: TwoInstances | undefined;
let redis: RedisServer;
let a: TestServer;
let b: TestServer;

const PASSWORD = 'correct horse battery';
const SIGNUPS_PER_ADDRESS = 3;
const GUEST_BURST = 3;

beforeAll(async () => {
  instances = await startTwoInstances({
    limits: { trustProxy: true },
    guestLimits: { burst: GUEST_BURST, perHour: 1 },
    throttles: { signupThrottle: { perIp: { max: SIGNUPS_PER_ADDRESS, windowMs: 60 * 60_000 } } },
  });
  ({ a, b, redis } = instances);
});

afterAll(async () => {
  await instances?.dispose();
});

/** A fresh address for each caller that must not share a budget with another test. */
let addresses = 0;
function freshAddress(): string {
  addresses += 1;
  return `10.9.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
}

const from = (ip: string) => ({ 'X-Forwarded-For': ip });

function signUp(server: TestServer, email: string, ip = freshAddress()): Promise<Response> {
  return anonymousCall(
    server.url,
    'POST',
    '/api/auth/signup',
    { email, password: PASSWORD, name: 'Ana', department: 'digital' },
    from(ip),
  );
}

function login(server: TestServer, email: string, password: string, ip: string) {
  return anonymousCall(server.url, 'POST', '/api/auth/login', { email, password }, from(ip));
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('limiters shared by two instances through Redis', () => {
  it('count wrong passwords sent through A and B together, and still let the owner in from an address that has not failed', async () => {
    const email = 'lockout@example.test';
    expect((await signUp(a, email)).status).toBe(201);
    // Five addresses fail once each, alternating between the instances.
    for (let i = 1; i <= 5; i += 1) {
      const through = i % 2 === 0 ? a : b;
      expect((await login(through, email, 'wrong', `198.51.100.${i}`)).status).toBe(401);
    }
    expect((await login(b, email, PASSWORD, '192.0.2.10')).status).toBe(200);

    // One attacking address, half of its guesses through each instance.
    const attacker = '203.0.113.66';
    for (let i = 0; i < 5; i += 1) {
      expect((await login(i % 2 === 0 ? a : b, email, 'wrong', attacker)).status).toBe(401);
    }
    for (const through of [a, b]) {
      const blocked = await login(through, email, PASSWORD, attacker);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await errorOf(blocked)).toMatchObject({ code: 'too_many_attempts' });
    }
    // Ten failures in all: past the account-wide limit, an address that failed once is refused
    // on either instance, and an address that never failed still gets in.
    expect((await login(b, email, PASSWORD, '198.51.100.1')).status).toBe(429);
    expect((await login(a, email, PASSWORD, '198.51.100.2')).status).toBe(429);
    expect((await login(a, email, PASSWORD, '192.0.2.11')).status).toBe(200);
  });

  it('throttle sign-ups from one address across both instances', async () => {
    const ip = freshAddress();
    for (let i = 0; i < SIGNUPS_PER_ADDRESS; i += 1) {
      const through = i % 2 === 0 ? a : b;
      expect((await signUp(through, `signup${i}@example.test`, ip)).status).toBe(201);
    }
    for (const through of [a, b]) {
      const limited = await signUp(through, `signup-late@example.test`, ip);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500);
      expect(await errorOf(limited)).toMatchObject({ code: 'too_many_signups' });
    }
    // Another address is not affected.
    expect((await signUp(b, 'signup-other@example.test')).status).toBe(201);
  });

  it('limit the guest accounts one address creates through a customer link on both instances', async () => {
    const response = await signUp(a, 'guests-owner@example.test');
    const token = sessionTokenFrom(response);
    if (!token) throw new Error('sign-up set no session cookie');
    const { user } = (await response.json()) as { user: { id: string } };
    const owner = asUser(
      a.url,
      { id: user.id, email: 'guests-owner@example.test', name: 'Ana' },
      token,
    );
    const mapId = await createMapAs(owner);
    const invite = await owner.json<{ token: string }>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'customer' },
      201,
    );
    const ip = freshAddress();
    const accept = (server: TestServer, name: string) =>
      anonymousCall(server.url, 'POST', `/api/invites/${invite.token}/accept`, { name }, from(ip));
    for (let i = 0; i < GUEST_BURST; i += 1) {
      expect((await accept(i % 2 === 0 ? a : b, `Guest ${i}`)).status).toBe(200);
    }
    for (const through of [a, b]) {
      const limited = await accept(through, 'One too many');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3500);
      expect(await errorOf(limited)).toMatchObject({ code: 'too_many_guests' });
    }
  });

  it('create one account when five sign-ups with one email race through both instances, and answer the others as a taken email', async () => {
    const email = 'race-two@example.test';
    const responses = await Promise.all([a, b, a, b, a].map((through) => signUp(through, email)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    const refusals = await Promise.all(
      responses.filter((response) => response.status === 409).map(errorOf),
    );
    for (const refusal of refusals) expect(refusal.code).toBe('email_taken');
  });

  it('fail closed with 503 limiter_unavailable while Redis is down, and work again once it is back', async () => {
    const email = 'outage@example.test';
    expect((await signUp(a, email)).status).toBe(201);
    await redis.stop();
    try {
      for (const through of [a, b]) {
        const refused = await login(through, email, PASSWORD, freshAddress());
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('5');
        expect(await errorOf(refused)).toEqual({
          code: 'limiter_unavailable',
          message: 'the login throttle is unavailable: its Redis cannot be reached',
        });
      }
      const signup = await signUp(b, 'outage-new@example.test');
      expect(signup.status).toBe(503);
      expect(signup.headers.get('retry-after')).toBe('5');
      expect(await errorOf(signup)).toMatchObject({ code: 'limiter_unavailable' });
    } finally {
      await redis.restart();
    }
    for (const through of [a, b]) {
      await expect
        .poll(async () => (await login(through, email, PASSWORD, freshAddress())).status, {
          timeout: 20_000,
        })
        .toBe(200);
    }
  });
});
