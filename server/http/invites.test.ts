import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    s.db
      .prepare('UPDATE map_invites SET expires_at = ? WHERE id = ?')
      .run(Date.now() - 1, expiring.id);
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
    const row = s.db.prepare('SELECT * FROM map_invites WHERE id = ?').get(invite.id);
    expect(Buffer.from(row?.token_hash as Uint8Array)).toHaveLength(32);
    expect(JSON.stringify(await owner.json('GET', `/api/maps/${mapId}/invites`))).not.toContain(
      invite.token,
    );
    s.db.exec('PRAGMA wal_checkpoint(FULL)');
    for (const file of fs.readdirSync(s.dataDir).filter((f) => f.startsWith('recorrido.sqlite'))) {
      expect(fs.readFileSync(path.join(s.dataDir, file)).includes(invite.token), file).toBe(false);
    }
  });
});
