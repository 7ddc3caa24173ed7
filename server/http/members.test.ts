import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from '../test/logCapture.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer();
});
afterEach(async () => {
  await s.dispose();
});

interface Member {
  userId: string;
  email: string;
  name: string;
  department: string;
  role: string;
  roleChange: {
    from: string;
    to: string;
    changedBy: { userId: string; name: string } | null;
    changedAt: string;
    unseen: boolean;
  } | null;
}

async function unseenOnList(user: TestUser, mapId: string): Promise<number | undefined> {
  const { maps } = await user.json<{ maps: { id: string; unseenRoleChanges: number }[] }>(
    'GET',
    '/api/maps',
  );
  return maps.find((m) => m.id === mapId)?.unseenRoleChanges;
}

async function members(user: TestUser, mapId: string): Promise<Member[]> {
  return (await user.json<{ members: Member[] }>('GET', `/api/maps/${mapId}/members`)).members;
}

describe('map members', () => {
  it('adds an existing user by email, changes their role and removes them', async () => {
    const owner = await signUpUser(s.url, { name: 'Olga', department: 'marketing' });
    const bob = await signUpUser(s.url, { name: 'Bob', department: 'it' });
    const mapId = await createMapAs(owner);

    const added = await owner.json<Member>(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: bob.email.toUpperCase(), role: 'viewer' },
      201,
    );
    expect(added).toMatchObject({ userId: bob.id, name: 'Bob', department: 'it', role: 'viewer' });
    expect(
      (await bob.json<{ maps: { id: string; role: string }[] }>('GET', '/api/maps')).maps,
    ).toEqual([expect.objectContaining({ id: mapId, role: 'viewer' })]);
    expect((await members(bob, mapId)).map((m) => [m.name, m.role])).toEqual([
      ['Olga', 'owner'],
      ['Bob', 'viewer'],
    ]);

    const changed = await owner.json<Member>('PATCH', `/api/maps/${mapId}/members/${bob.id}`, {
      role: 'editor',
    });
    expect(changed.role).toBe('editor');
    expect((await bob.call('PATCH', `/api/maps/${mapId}`, { title: 'Renombrado' })).status).toBe(
      200,
    );

    expect((await owner.call('DELETE', `/api/maps/${mapId}/members/${bob.id}`)).status).toBe(204);
    expect((await bob.call('GET', `/api/maps/${mapId}`)).status).toBe(404);
  });

  it('explains that an unknown email must sign up first, and refuses duplicates', async () => {
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const unknown = await owner.call('POST', `/api/maps/${mapId}/members`, {
      email: 'nobody@example.test',
      role: 'editor',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'user_not_found', message: expect.stringMatching(/sign up first/) },
    });
    const dup = await owner.call('POST', `/api/maps/${mapId}/members`, {
      email: owner.email,
      role: 'viewer',
    });
    expect(dup.status).toBe(409);
    const badRole = await owner.call('POST', `/api/maps/${mapId}/members`, {
      email: owner.email,
      role: 'admin',
    });
    expect(badRole.status).toBe(400);
  });

  it('never leaves a map without an owner', async () => {
    const owner = await signUpUser(s.url);
    const other = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const demote = await owner.call('PATCH', `/api/maps/${mapId}/members/${owner.id}`, {
      role: 'editor',
    });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ error: { code: 'last_owner' } });
    expect((await owner.call('DELETE', `/api/maps/${mapId}/members/${owner.id}`)).status).toBe(409);

    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: other.email, role: 'owner' },
      201,
    );
    // With a second owner, the first may step down or leave.
    expect((await owner.call('DELETE', `/api/maps/${mapId}/members/${owner.id}`)).status).toBe(204);
    expect((await other.call('DELETE', `/api/maps/${mapId}/members/${other.id}`)).status).toBe(409);
  });

  it('lets any member leave a map but only owners remove someone else', async () => {
    const owner = await signUpUser(s.url);
    const viewer = await signUpUser(s.url);
    const editor = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: viewer.email, role: 'viewer' },
      201,
    );
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: editor.email, role: 'editor' },
      201,
    );
    expect((await editor.call('DELETE', `/api/maps/${mapId}/members/${viewer.id}`)).status).toBe(
      403,
    );
    expect((await viewer.call('DELETE', `/api/maps/${mapId}/members/${viewer.id}`)).status).toBe(
      204,
    );
    expect((await members(owner, mapId)).map((m) => m.userId)).not.toContain(viewer.id);
  });

  it('shows everyone on the map who changed whose role and when, and logs it for the owners', async () => {
    await s.dispose();
    const logs = captureLogs('info');
    s = await startTestServer({}, logs.logger);
    const owner = await signUpUser(s.url, { name: 'Olga' });
    const bob = await signUpUser(s.url, { name: 'Bob' });
    const eve = await signUpUser(s.url, { name: 'Eve' });
    const mapId = await createMapAs(owner);
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: bob.email, role: 'viewer' },
      201,
    );
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: eve.email, role: 'viewer' },
      201,
    );
    expect((await members(owner, mapId)).every((m) => m.roleChange === null)).toBe(true);

    const before = Date.now();
    await owner.json('PATCH', `/api/maps/${mapId}/members/${bob.id}`, { role: 'editor' });
    // A non-owner can change nobody's role, the owner's least of all.
    expect(
      (await bob.call('PATCH', `/api/maps/${mapId}/members/${owner.id}`, { role: 'viewer' }))
        .status,
    ).toBe(403);
    // An invite link that upgrades a member is recorded too, with no person behind it.
    const { token } = await owner.json<{ token: string }>(
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'commenter' },
      201,
    );
    await eve.json('POST', `/api/invites/${token}/accept`);

    const list = await members(bob, mapId);
    const bobRow = list.find((m) => m.userId === bob.id);
    expect(bobRow?.roleChange).toMatchObject({
      from: 'viewer',
      to: 'editor',
      changedBy: { userId: owner.id, name: 'Olga' },
    });
    expect(Date.parse(bobRow?.roleChange?.changedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(list.find((m) => m.userId === eve.id)?.roleChange).toMatchObject({
      from: 'viewer',
      to: 'commenter',
      changedBy: null,
    });
    expect(list.find((m) => m.userId === owner.id)?.roleChange).toBeNull();
    expect(
      logs.find({ event: 'member_role_changed', userId: bob.id, by: owner.id, to: 'editor' }),
    ).toHaveLength(1);
    expect(logs.find({ event: 'member_role_changed', userId: eve.id, via: 'invite' })).toHaveLength(
      1,
    );

    // Someone removed and added again starts with a clean slate.
    expect((await owner.call('DELETE', `/api/maps/${mapId}/members/${bob.id}`)).status).toBe(204);
    expect(logs.find({ event: 'member_removed', userId: bob.id, by: owner.id })).toHaveLength(1);
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: bob.email, role: 'viewer' },
      201,
    );
    expect((await members(owner, mapId)).find((m) => m.userId === bob.id)?.roleChange).toBeNull();
  });

  it("tells a map's other owners when a member's role changes, until they open the members", async () => {
    const olga = await signUpUser(s.url, { name: 'Olga' });
    const omar = await signUpUser(s.url, { name: 'Omar' });
    const bob = await signUpUser(s.url, { name: 'Bob' });
    const mapId = await createMapAs(olga);
    for (const [user, role] of [
      [omar, 'owner'],
      [bob, 'viewer'],
    ] as const) {
      await olga.json('POST', `/api/maps/${mapId}/members`, { email: user.email, role }, 201);
    }
    expect(await unseenOnList(omar, mapId)).toBe(0);

    await olga.json('PATCH', `/api/maps/${mapId}/members/${bob.id}`, { role: 'editor' });
    // Omar, the other owner, is told; Olga made the change herself; Bob is not an owner.
    expect(await unseenOnList(omar, mapId)).toBe(1);
    expect(await unseenOnList(olga, mapId)).toBe(0);
    expect(await unseenOnList(bob, mapId)).toBe(0);
    const bobSeenByOmar = (await members(omar, mapId)).find((m) => m.userId === bob.id);
    expect(bobSeenByOmar?.roleChange).toMatchObject({ to: 'editor', unseen: true });
    const bobSeenByOlga = (await members(olga, mapId)).find((m) => m.userId === bob.id);
    expect(bobSeenByOlga?.roleChange?.unseen).toBe(false);
    const bobSeenByBob = (await members(bob, mapId)).find((m) => m.userId === bob.id);
    expect(bobSeenByBob?.roleChange?.unseen).toBe(false);

    // Only owners mark changes seen; then they are no longer new, until the next change.
    expect((await bob.call('POST', `/api/maps/${mapId}/members/role-changes/seen`)).status).toBe(
      403,
    );
    expect((await omar.call('POST', `/api/maps/${mapId}/members/role-changes/seen`)).status).toBe(
      204,
    );
    expect(await unseenOnList(omar, mapId)).toBe(0);
    expect((await members(omar, mapId)).find((m) => m.userId === bob.id)?.roleChange?.unseen).toBe(
      false,
    );
    await olga.json('PATCH', `/api/maps/${mapId}/members/${bob.id}`, { role: 'viewer' });
    expect(await unseenOnList(omar, mapId)).toBe(1);
  });
});
