import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { SessionRepository } from '../db/sessions.ts';
import { UserRepository } from '../db/users.ts';
import { makeDataDir } from '../test/testServer.ts';
import { SESSION_ABSOLUTE_LIFETIME_MS, SESSION_LIFETIME_MS, SessionManager } from './sessions.ts';

const DAY = 24 * 60 * 60 * 1000;
const opened: { db: Database; dir: string }[] = [];
afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function setup(absoluteLifetimeMs?: number) {
  const dir = makeDataDir();
  const db = openDatabase(dir);
  opened.push({ db, dir });
  const clock = { now: Date.UTC(2026, 0, 1) };
  const users = new UserRepository(db);
  const repo = new SessionRepository(db);
  const sessions = new SessionManager(repo, users, () => clock.now, absoluteLifetimeMs);
  const user = users.createAccount({
    email: 'ana@example.test',
    name: 'Ana',
    department: 'it',
    passwordHash: 'x',
  });
  return { db, clock, sessions, repo, user };
}

describe('Lucia-style sessions', () => {
  it('issues id.secret tokens and stores only the SHA-256 of the secret', () => {
    const { sessions, repo, user } = setup();
    const { token, session } = sessions.create(user.id);
    const [id, secret] = token.split('.');
    expect(id).toBe(session.id);
    const stored = repo.get(session.id);
    expect(stored?.secretHash).toHaveLength(32);
    expect(Buffer.from(stored?.secretHash ?? []).toString('utf8')).not.toContain(secret);
    expect(sessions.validate(token)?.user.id).toBe(user.id);
  });

  it('refuses a token whose secret differs, even by one character, and malformed tokens', () => {
    const { sessions, user } = setup();
    const { token } = sessions.create(user.id);
    const last = token.at(-1) === 'a' ? 'b' : 'a';
    expect(sessions.validate(token.slice(0, -1) + last)).toBeNull();
    expect(sessions.validate(token.split('.')[0] ?? '')).toBeNull();
    expect(sessions.validate(`${token}.x`)).toBeNull();
    expect(sessions.validate('')).toBeNull();
  });

  it('slides the expiry forward when used in the second half of its lifetime', () => {
    const { sessions, clock, user } = setup();
    const { token, session } = sessions.create(user.id);
    expect(session.expiresAt - clock.now).toBe(SESSION_LIFETIME_MS);
    clock.now += 10 * DAY;
    expect(sessions.validate(token)?.refreshed).toBe(false);
    clock.now += 10 * DAY;
    const refreshed = sessions.validate(token);
    expect(refreshed?.refreshed).toBe(true);
    expect(refreshed?.session.expiresAt).toBe(clock.now + SESSION_LIFETIME_MS);
    clock.now += 29 * DAY;
    expect(sessions.validate(token)).not.toBeNull();
  });

  it('ends a session 90 days after sign-in however often it is used, and deletes it', () => {
    const { sessions, clock, repo, user } = setup();
    expect(SESSION_ABSOLUTE_LIFETIME_MS).toBe(90 * DAY);
    const { token, session } = sessions.create(user.id);
    const createdAt = clock.now;
    for (let day = 10; day < 90; day += 10) {
      clock.now = createdAt + day * DAY;
      const valid = sessions.validate(token);
      expect(valid, `day ${day}`).not.toBeNull();
      expect(valid?.session.expiresAt).toBeLessThanOrEqual(createdAt + 90 * DAY);
    }
    clock.now = createdAt + 90 * DAY - 1;
    expect(sessions.validate(token)).not.toBeNull();
    clock.now = createdAt + 90 * DAY;
    expect(sessions.validate(token)).toBeNull();
    expect(repo.get(session.id)).toBeNull();
  });

  it('takes a shorter absolute lifetime from its configuration', () => {
    const { sessions, clock, user } = setup(7 * DAY);
    const { token, session } = sessions.create(user.id);
    expect(session.expiresAt - clock.now).toBe(7 * DAY);
    clock.now += 6 * DAY;
    expect(sessions.validate(token)?.refreshed).toBe(false);
    clock.now += DAY;
    expect(sessions.validate(token)).toBeNull();
  });

  it('expires an unused session after 30 days and deletes it', () => {
    const { sessions, clock, repo, user } = setup();
    const { token, session } = sessions.create(user.id);
    clock.now += SESSION_LIFETIME_MS;
    expect(sessions.validate(token)).toBeNull();
    expect(repo.get(session.id)).toBeNull();
  });

  it('sweeps expired sessions out of the table when new ones are created', () => {
    const { sessions, clock, repo, user } = setup();
    const old = sessions.create(user.id);
    clock.now += SESSION_LIFETIME_MS + 2 * 60 * 60 * 1000;
    sessions.create(user.id);
    expect(repo.get(old.session.id)).toBeNull();
  });

  it('revokes one session, or all sessions of a user', () => {
    const { sessions, user } = setup();
    const a = sessions.create(user.id);
    const b = sessions.create(user.id);
    const c = sessions.create(user.id);
    sessions.invalidate(a.session.id);
    expect(sessions.validate(a.token)).toBeNull();
    expect(sessions.validate(b.token)).not.toBeNull();
    expect(sessions.invalidateAll(user.id).sort()).toEqual([b.session.id, c.session.id].sort());
    expect(sessions.validate(c.token)).toBeNull();
  });
});
