import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseText, sqlRows } from '../test/rawSql.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import {
  anonymousCall,
  asUser,
  createMapAs,
  sessionTokenFrom,
  signUpUser,
} from '../test/testUser.ts';

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer();
});
afterEach(async () => {
  await s.dispose();
});

interface CreatedInvite {
  id: string;
  token: string;
  url: string;
  role: string;
  expiresAt: string;
  status: string;
  maxUses: number | null;
  uses: number;
}

describe('invite links', () => {
  it('creates a link that a signed-in user accepts to join with its role', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner, { title: 'Onboarding' });
    const invite = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'commenter', expiresInDays: 3 },
      201,
    );
    expect(invite.url).toBe(`${s.url}/invite/${invite.token}`);
    expect(invite.status).toBe('active');
    const days = (Date.parse(invite.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);

    const preview = await (await fetch(`${s.url}/api/invites/${invite.token}`)).json();
    expect(preview).toMatchObject({ mapTitle: 'Onboarding', role: 'commenter' });

    const joiner = await signUpUser(s.url);
    const accepted = await joiner.json<{ mapId: string; role: string }>(
      'POST',
      `/api/invites/${invite.token}/accept`,
    );
    expect(accepted).toEqual({ mapId, role: 'commenter', guest: false });
    expect((await joiner.json<{ role: string }>('GET', `/api/maps/${mapId}`)).role).toBe(
      'commenter',
    );
  });

  it('never lowers the role of someone who already holds a stronger one', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const { token } = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'viewer' },
      201,
    );
    const accepted = await owner.json<{ role: string }>('POST', `/api/invites/${token}/accept`);
    expect(accepted.role).toBe('owner');
  });

  it('lets a customer join without an account through a guest session, and nobody else', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const customer = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'customer' },
      201,
    );
    const accept = await anonymousCall(s.url, 'POST', `/api/invites/${customer.token}/accept`, {
      name: 'Carla',
    });
    expect(accept.status).toBe(200);
    expect(await accept.json()).toEqual({ mapId, role: 'customer', guest: true });
    const guest = asUser(
      s.url,
      { id: '', email: '', name: 'Carla' },
      sessionTokenFrom(accept) ?? '',
    );
    expect(await guest.json('GET', '/api/me')).toMatchObject({
      name: 'Carla',
      email: null,
      department: null,
      guest: true,
    });
    expect((await guest.json<{ maps: { role: string }[] }>('GET', '/api/maps')).maps).toEqual([
      expect.objectContaining({ id: mapId, role: 'customer' }),
    ]);
    // A guest cannot create maps or see the member list.
    expect((await guest.call('POST', '/api/maps', { title: 'Mío' })).status).toBe(403);
    expect((await guest.call('GET', `/api/maps/${mapId}/members`)).status).toBe(403);

    const editorInvite = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'editor' },
      201,
    );
    const refused = await anonymousCall(s.url, 'POST', `/api/invites/${editorInvite.token}/accept`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: { code: 'unauthenticated', message: expect.stringMatching(/sign in/) },
    });
  });

  it('answers 410 for revoked and expired links and 404 for unknown ones', async () => {
    const owner = await signUpUser(s.url);
    const joiner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const revoked = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'editor' },
      201,
    );
    expect((await owner.call('DELETE', `/api/maps/${mapId}/invites/${revoked.id}`)).status).toBe(
      204,
    );
    const afterRevoke = await joiner.call('POST', `/api/invites/${revoked.token}/accept`);
    expect(afterRevoke.status).toBe(410);
    expect(await afterRevoke.json()).toMatchObject({
      error: { code: 'invite_revoked', message: expect.stringMatching(/revoked/) },
    });

    const expiring = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'editor', expiresInDays: 1 },
      201,
    );
    await sqlRows(s, 'UPDATE map_invites SET expires_at = ? WHERE id = ?', [
      Date.now() - 1,
      expiring.id,
    ]);
    const afterExpiry = await joiner.call('POST', `/api/invites/${expiring.token}/accept`);
    expect(afterExpiry.status).toBe(410);
    expect(await afterExpiry.json()).toMatchObject({ error: { code: 'invite_expired' } });
    expect((await fetch(`${s.url}/api/invites/${expiring.token}`)).status).toBe(410);

    expect((await joiner.call('POST', `/api/invites/${'x'.repeat(48)}/accept`)).status).toBe(404);
    expect((await joiner.call('GET', `/api/maps/${mapId}`)).status).toBe(404);

    const list = await owner.json<{ invites: { id: string; status: string }[] }>(
      'GET',
      `/api/maps/${mapId}/invites`,
    );
    expect(Object.fromEntries(list.invites.map((i) => [i.id, i.status]))).toEqual({
      [revoked.id]: 'revoked',
      [expiring.id]: 'expired',
    });
  });

  it('stores only a SHA-256 hash of the invite token', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const invite = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'viewer' },
      201,
    );
    const [row] = await sqlRows(s, 'SELECT token_hash FROM map_invites WHERE id = ?', [invite.id]);
    expect(Buffer.from(row?.token_hash as Uint8Array)).toHaveLength(32);
    expect(JSON.stringify(await owner.json('GET', `/api/maps/${mapId}/invites`))).not.toContain(
      invite.token,
    );
    const stored = await databaseText(s);
    expect(stored).toContain(invite.id);
    expect(stored.includes(invite.token)).toBe(false);
  });

  it('admits one person per member link by default and refuses the second with 410', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const invite = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'editor' },
      201,
    );
    expect(invite).toMatchObject({ maxUses: 1, uses: 0, status: 'active' });
    const first = await signUpUser(s.url);
    const second = await signUpUser(s.url);
    expect((await first.call('POST', `/api/invites/${invite.token}/accept`)).status).toBe(200);
    const refused = await second.call('POST', `/api/invites/${invite.token}/accept`);
    expect(refused.status).toBe(410);
    expect(await refused.json()).toMatchObject({
      error: { code: 'invite_used_up', message: expect.stringMatching(/already been used/) },
    });
    expect((await fetch(`${s.url}/api/invites/${invite.token}`)).status).toBe(410);
    expect((await second.call('GET', `/api/maps/${mapId}`)).status).toBe(404);
    const list = await owner.json<{ invites: CreatedInvite[] }>(
      'GET',
      `/api/maps/${mapId}/invites`,
    );
    expect(list.invites).toEqual([
      expect.objectContaining({ uses: 1, maxUses: 1, status: 'used' }),
    ]);
  });

  it('lets exactly one of several people accepting a single-use link at once in', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const { token } = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'viewer' },
      201,
    );
    const people = await Promise.all([1, 2, 3, 4].map(() => signUpUser(s.url)));
    const statuses = await Promise.all(
      people.map(async (p) => (await p.call('POST', `/api/invites/${token}/accept`)).status),
    );
    expect(statuses.sort()).toEqual([200, 410, 410, 410]);
    const members = await owner.json<{ members: unknown[] }>('GET', `/api/maps/${mapId}/members`);
    expect(members.members).toHaveLength(2);
  });

  it('honours a chosen number of uses, and a member re-opening a link does not use it', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const { token } = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'commenter', maxUses: 2 },
      201,
    );
    const a = await signUpUser(s.url);
    const b = await signUpUser(s.url);
    const c = await signUpUser(s.url);
    expect((await a.call('POST', `/api/invites/${token}/accept`)).status).toBe(200);
    // Accepting again changes nothing, so it takes no use.
    expect((await a.call('POST', `/api/invites/${token}/accept`)).status).toBe(200);
    expect((await b.call('POST', `/api/invites/${token}/accept`)).status).toBe(200);
    expect((await c.call('POST', `/api/invites/${token}/accept`)).status).toBe(410);
    const body = await owner.call('POST', `/api/maps/${mapId}/invites`, {
      role: 'viewer',
      maxUses: 0,
    });
    expect(body.status).toBe(400);
  });

  it('never grants ownership by link, and refuses owner links made before this rule', async () => {
    const owner = await signUpUser(s.url);
    const editor = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const refused = await owner.call('POST', `/api/maps/${mapId}/invites`, { role: 'owner' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'owner_invite_forbidden', message: expect.stringMatching(/never granted/) },
    });
    expect(
      (await owner.json<{ invites: unknown[] }>('GET', `/api/maps/${mapId}/invites`)).invites,
    ).toEqual([]);

    // An owner link already in the database (issued by an older version) opens nothing.
    const legacy = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'viewer', maxUses: 5 },
      201,
    );
    await sqlRows(s, "UPDATE map_invites SET role = 'owner' WHERE id = ?", [legacy.id]);
    const accept = await editor.call('POST', `/api/invites/${legacy.token}/accept`);
    expect(accept.status).toBe(410);
    expect(await accept.json()).toMatchObject({ error: { code: 'invite_revoked' } });
    expect((await editor.call('GET', `/api/maps/${mapId}`)).status).toBe(404);
  });

  it('lets a customer link admit many customers, but limits guest accounts per IP with 429', async () => {
    await s.dispose();
    s = await startTestServer({ guestLimits: { burst: 3, perHour: 1 } });
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const invite = await owner.json<CreatedInvite>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'customer' },
      201,
    );
    expect(invite.maxUses).toBeNull();
    for (const name of ['Ana', 'Beto', 'Cora']) {
      const ok = await anonymousCall(s.url, 'POST', `/api/invites/${invite.token}/accept`, {
        name,
      });
      expect(ok.status).toBe(200);
    }
    const limited = await anonymousCall(s.url, 'POST', `/api/invites/${invite.token}/accept`, {
      name: 'Dani',
    });
    expect(limited.status).toBe(429);
    // One token per hour comes back: about an hour (3600 s) until the next guest.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await limited.json()).toMatchObject({ error: { code: 'too_many_guests' } });
    // Guests are the users without an email.
    const [guests] = await sqlRows(s, 'SELECT COUNT(*) AS n FROM users WHERE email IS NULL');
    expect(Number(guests?.n)).toBe(3);

    // A signed-in person accepting the same link creates no guest and is not limited.
    const member = await signUpUser(s.url);
    expect((await member.call('POST', `/api/invites/${invite.token}/accept`)).status).toBe(200);
  });
});
