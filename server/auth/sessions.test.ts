import { afterEach, describe, expect, it } from 'vitest';
import { openTestStorage } from '../test/testServer.ts';
import { SESSION_ABSOLUTE_LIFETIME_MS, SESSION_LIFETIME_MS, SessionManager } from './sessions.ts';

const DAY = 24 * 60 * 60 * 1000;
const opened: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.dispose();
});

async function setup(absoluteLifetimeMs?: number) {
  const test = await openTestStorage();
  opened.push(test);
  const { storage } = test;
  const clock = { now: Date.UTC(2026, 0, 1) };
  const repo = storage.sessions;
  const sessions = new SessionManager(storage, () => clock.now, absoluteLifetimeMs);
  const user = await storage.users.createAccount({
    email: 'ana@example.test',
    name: 'Ana',
    department: 'it',
    passwordHash: 'x',
  });
  return { clock, sessions, repo, user };
}

describe('Lucia-style sessions', () => {
  it('issues id.secret tokens and stores only the SHA-256 of the secret', async () => {
    const { sessions, repo, user } = await setup();
    const { token, session } = await sessions.create(user.id);
    const [id, secret] = token.split('.');
    expect(id).toBe(session.id);
    const stored = await repo.get(session.id);
    expect(stored?.secretHash).toHaveLength(32);
    expect(Buffer.from(stored?.secretHash ?? []).toString('utf8')).not.toContain(secret);
    expect((await sessions.validate(token))?.user.id).toBe(user.id);
  });

  it('refuses a token whose secret differs, even by one character, and malformed tokens', async () => {
    const { sessions, user } = await setup();
    const { token } = await sessions.create(user.id);
    const last = token.at(-1) === 'a' ? 'b' : 'a';
    expect(await sessions.validate(token.slice(0, -1) + last)).toBeNull();
    expect(await sessions.validate(token.split('.')[0] ?? '')).toBeNull();
    expect(await sessions.validate(`${token}.x`)).toBeNull();
    expect(await sessions.validate('')).toBeNull();
  });

  it('slides the expiry forward when used in the second half of its lifetime', async () => {
    const { sessions, clock, user } = await setup();
    const { token, session } = await sessions.create(user.id);
    expect(session.expiresAt - clock.now).toBe(SESSION_LIFETIME_MS);
    clock.now += 10 * DAY;
    expect((await sessions.validate(token))?.refreshed).toBe(false);
    clock.now += 10 * DAY;
    const refreshed = await sessions.validate(token);
    expect(refreshed?.refreshed).toBe(true);
    expect(refreshed?.session.expiresAt).toBe(clock.now + SESSION_LIFETIME_MS);
    clock.now += 29 * DAY;
    expect(await sessions.validate(token)).not.toBeNull();
  });

  it('ends a session 90 days after sign-in however often it is used, and deletes it', async () => {
    const { sessions, clock, repo, user } = await setup();
    expect(SESSION_ABSOLUTE_LIFETIME_MS).toBe(90 * DAY);
    const { token, session } = await sessions.create(user.id);
    const createdAt = clock.now;
    for (let day = 10; day < 90; day += 10) {
      clock.now = createdAt + day * DAY;
      const valid = await sessions.validate(token);
      expect(valid, `day ${day}`).not.toBeNull();
      expect(valid?.session.expiresAt).toBeLessThanOrEqual(createdAt + 90 * DAY);
    }
    clock.now = createdAt + 90 * DAY - 1;
    expect(await sessions.validate(token)).not.toBeNull();
    clock.now = createdAt + 90 * DAY;
    expect(await sessions.validate(token)).toBeNull();
    expect(await repo.get(session.id)).toBeNull();
  });

  it('takes a shorter absolute lifetime from its configuration', async () => {
    const { sessions, clock, user } = await setup(7 * DAY);
    const { token, session } = await sessions.create(user.id);
    expect(session.expiresAt - clock.now).toBe(7 * DAY);
    clock.now += 6 * DAY;
    expect((await sessions.validate(token))?.refreshed).toBe(false);
    clock.now += DAY;
    expect(await sessions.validate(token)).toBeNull();
  });

  it('expires an unused session after 30 days and deletes it', async () => {
    const { sessions, clock, repo, user } = await setup();
    const { token, session } = await sessions.create(user.id);
    clock.now += SESSION_LIFETIME_MS;
    expect(await sessions.validate(token)).toBeNull();
    expect(await repo.get(session.id)).toBeNull();
  });

  it('sweeps expired sessions out of the table when new ones are created', async () => {
    const { sessions, clock, repo, user } = await setup();
    const old = await sessions.create(user.id);
    clock.now += SESSION_LIFETIME_MS + 2 * 60 * 60 * 1000;
    await sessions.create(user.id);
    expect(await repo.get(old.session.id)).toBeNull();
  });

  it('revokes one session, or all sessions of a user', async () => {
    const { sessions, user } = await setup();
    const a = await sessions.create(user.id);
    const b = await sessions.create(user.id);
    const c = await sessions.create(user.id);
    await sessions.invalidate(a.session.id);
    expect(await sessions.validate(a.token)).toBeNull();
    expect(await sessions.validate(b.token)).not.toBeNull();
    expect((await sessions.invalidateAll(user.id)).sort()).toEqual(
      [b.session.id, c.session.id].sort(),
    );
    expect(await sessions.validate(c.token)).toBeNull();
  });
});
