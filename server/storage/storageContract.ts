import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMapId, type CardId, type MapId } from '../../shared/ids.ts';
import { isUniqueViolation } from './errors.ts';
import type { ItemChangeRecord, UserRow } from './rows.ts';
import type { NewActionRow, Storage, StoredDocument } from './storage.ts';

/** An open storage on an empty database, and how to dispose of it. */
export interface OpenedStorage {
  storage: Storage;
  dispose(): Promise<void>;
}

/** Resolves once Date.now() has moved on, so two writes get different times (no fixed sleep). */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
}

/** A Y.Doc holding what a storage returned for one document. */
function docOf(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.tail) Y.applyUpdate(doc, update);
  return doc;
}

/** Asserts two docs hold the same content and have seen the same updates. */
function expectSameDoc(actual: Y.Doc, expected: Y.Doc): void {
  expect(actual.getMap('m').toJSON()).toEqual(expected.getMap('m').toJSON());
  expect(actual.getArray('a').toJSON()).toEqual(expected.getArray('a').toJSON());
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
}

/** Captures every update a doc emits (what a server would append to the log). */
function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}

const bytes = (...values: number[]) => new Uint8Array(values);

/**
 * The behaviour every adapter of the storage seam must show, written once and run against each
 * adapter (SQLite, PostgreSQL). open() must give a storage on an EMPTY database (migrations
 * applied, departments seeded) each time; it is called before every test.
 */
export function describeStorageContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`storage contract: ${name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;

    beforeEach(async () => {
      opened = await open();
      storage = opened.storage;
    });

    afterEach(async () => {
      await opened.dispose();
    });

    let emailCounter = 0;
    async function account(name = 'Ana', email?: string): Promise<UserRow> {
      emailCounter += 1;
      return storage.users.createAccount({
        email: email ?? `person${emailCounter}@example.com`,
        name,
        department: 'marketing',
        passwordHash: `$argon2id$hash${emailCounter}`,
      });
    }

    async function map(title = 'Viaje'): Promise<MapId> {
      const id = newMapId();
      await storage.maps.create({ id, title, template: null });
      return id;
    }

    describe('the storage itself', () => {
      it('says which database it is and answers a ping', async () => {
        expect(['sqlite', 'postgres']).toContain(storage.kind);
        await expect(storage.ping()).resolves.toBeUndefined();
      });
    });

    describe('maps', () => {
      it('creates, reads and counts maps; an unknown id reads as null', async () => {
        const id = newMapId();
        const created = await storage.maps.create({ id, title: 'Alerta', template: 'bank' });
        expect(created).toMatchObject({ id, title: 'Alerta', template: 'bank' });
        expect(created.createdAt).toBe(created.updatedAt);
        expect(await storage.maps.get(id)).toEqual(created);
        expect(await storage.maps.get(newMapId())).toBeNull();
        expect(await storage.maps.count()).toBe(1);
        await map();
        expect(await storage.maps.count()).toBe(2);
      });

      it('lists maps most recently updated first; setTitle and touch move a map up', async () => {
        const first = await map('first');
        await nextMillisecond();
        const second = await map('second');
        expect((await storage.maps.list()).map((row) => row.id)).toEqual([second, first]);
        await nextMillisecond();
        await storage.maps.setTitle(first, 'renamed');
        const list = await storage.maps.list();
        expect(list.map((row) => row.id)).toEqual([first, second]);
        expect(list[0]?.title).toBe('renamed');
        await nextMillisecond();
        await storage.maps.touch(second);
        expect((await storage.maps.list()).map((row) => row.id)).toEqual([second, first]);
      });

      it('deleting a map deletes its members and invites too', async () => {
        const id = await map();
        const owner = await account();
        await storage.members.add(id, owner.id, 'owner');
        const invite = await storage.invites.create({
          mapId: id,
          role: 'editor',
          tokenHash: bytes(1, 2, 3),
          createdBy: owner.id,
          expiresAt: Date.now() + 1000,
          maxUses: 1,
        });
        await storage.maps.delete(id);
        expect(await storage.maps.get(id)).toBeNull();
        expect(await storage.members.role(id, owner.id)).toBeNull();
        expect(await storage.invites.get(id, invite.id)).toBeNull();
        expect(await storage.members.mapsOf(owner.id)).toEqual([]);
      });

      it("creates a map's customer secret once: 32 random bytes, the same ever after", async () => {
        const id = await map();
        const other = await map();
        // Concurrent first calls agree on one value.
        const [a, b, c] = await Promise.all([
          storage.maps.customerSecret(id),
          storage.maps.customerSecret(id),
          storage.maps.customerSecret(id),
        ]);
        expect(a).toBeInstanceOf(Uint8Array);
        expect(a.length).toBe(32);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(await storage.maps.customerSecret(id)).toEqual(a);
        const second = await storage.maps.customerSecret(other);
        expect(second.length).toBe(32);
        expect(second).not.toEqual(a);
        // The catalogue row does not carry it.
        expect(Object.keys((await storage.maps.get(id)) ?? {})).not.toContain('customerSecret');
        await expect(storage.maps.customerSecret(newMapId())).rejects.toThrow();
      });

      it('links a copy to its source map and keeps its state; deleting the source unlinks the copy', async () => {
        const source = await map('Hoy');
        const plain = await storage.maps.get(source);
        expect(plain).toMatchObject({ sourceMapId: null, state: 'as-is' });
        const copyId = newMapId();
        const copy = await storage.maps.create({
          id: copyId,
          title: 'Mañana',
          template: null,
          sourceMapId: source,
          state: 'to-be',
        });
        expect(copy).toMatchObject({ sourceMapId: source, state: 'to-be' });
        expect(await storage.maps.get(copyId)).toEqual(copy);
        const ana = await account();
        await storage.members.add(copyId, ana.id, 'owner');
        expect(await storage.members.mapsOf(ana.id)).toEqual([
          expect.objectContaining({
            id: copyId,
            sourceMapId: source,
            state: 'to-be',
            role: 'owner',
          }),
        ]);

        await nextMillisecond();
        await storage.maps.setState(source, 'to-be');
        const changed = await storage.maps.get(source);
        expect(changed?.state).toBe('to-be');
        expect(changed?.updatedAt).toBeGreaterThan(plain?.updatedAt ?? Infinity);

        await storage.maps.delete(source);
        expect(await storage.maps.get(copyId)).toMatchObject({ id: copyId, sourceMapId: null });
      });
    });

    describe('users', () => {
      it('creates accounts and guests and finds them by id and by email in any case', async () => {
        const ana = await account('Ana', 'Ana.Perez@Example.com');
        expect(ana).toMatchObject({ name: 'Ana', department: 'marketing', isGuest: false });
        expect(await storage.users.byId(ana.id)).toEqual(ana);
        expect((await storage.users.byEmail('ana.perez@example.com'))?.id).toBe(ana.id);
        expect((await storage.users.byEmail('ANA.PEREZ@EXAMPLE.COM'))?.id).toBe(ana.id);
        expect(await storage.users.byEmail('nobody@example.com')).toBeNull();
        expect(await storage.users.byId('no-such-id')).toBeNull();

        const guest = await storage.users.createGuest('Cliente');
        expect(guest).toMatchObject({
          email: null,
          department: null,
          passwordHash: null,
          isGuest: true,
        });
        expect(await storage.users.byId(guest.id)).toEqual(guest);
        expect(await storage.users.countAccounts()).toBe(1);
      });

      it('refuses a second account whose email differs only in case, as a unique violation', async () => {
        await account('Ana', 'ana@example.com');
        const error: unknown = await account('Impostor', 'ANA@Example.COM').then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(isUniqueViolation(error)).toBe(true);
        expect(await storage.users.countAccounts()).toBe(1);
      });

      it('lets one of two simultaneous sign-ups with one email win; the other sees it taken or a unique violation', async () => {
        // The sign-up command's shape: check, then insert, in one transaction. SQLite serialises
        // the transactions (the loser's check sees the winner); PostgreSQL's READ COMMITTED lets
        // both checks pass and the unique index refuses the second insert.
        const signUp = (name: string) =>
          storage.transaction(async (tx) => {
            if (await tx.users.byEmail('race@example.com')) return 'taken';
            await tx.users.createAccount({
              email: name === 'first' ? 'race@example.com' : 'Race@Example.com',
              name,
              department: 'sales',
              passwordHash: 'h',
            });
            return 'created';
          });
        const outcomes = await Promise.allSettled([signUp('first'), signUp('second')]);
        const created = outcomes.filter(
          (outcome) => outcome.status === 'fulfilled' && outcome.value === 'created',
        );
        const refused = outcomes.filter(
          (outcome) =>
            (outcome.status === 'fulfilled' && outcome.value === 'taken') ||
            (outcome.status === 'rejected' && isUniqueViolation(outcome.reason)),
        );
        expect(created).toHaveLength(1);
        expect(refused).toHaveLength(1);
        expect(await storage.users.countAccounts()).toBe(1);
      });

      it('replaces a password hash', async () => {
        const ana = await account();
        await storage.users.setPasswordHash(ana.id, '$argon2id$new');
        expect((await storage.users.byId(ana.id))?.passwordHash).toBe('$argon2id$new');
      });
    });

    describe('sessions', () => {
      it('stores, slides, deletes and expires sessions', async () => {
        const ana = await account();
        const bob = await account('Bob');
        const now = Date.now();
        const session = (id: string, userId: string, expiresAt: number) => ({
          id,
          userId,
          secretHash: bytes(id.length, 7, 255, 0),
          createdAt: now,
          expiresAt,
        });
        await storage.sessions.insert(session('a1', ana.id, now + 1000));
        await storage.sessions.insert(session('a22', ana.id, now + 1000));
        await storage.sessions.insert(session('b1', bob.id, now - 1));
        await storage.sessions.insert(session('b22', bob.id, now + 5000));

        const stored = await storage.sessions.get('a1');
        expect(stored).toMatchObject({ id: 'a1', userId: ana.id, createdAt: now });
        expect(Array.from(stored?.secretHash ?? [])).toEqual([2, 7, 255, 0]);
        expect(await storage.sessions.get('missing')).toBeNull();

        await storage.sessions.setExpiry('a1', now + 9999);
        expect((await storage.sessions.get('a1'))?.expiresAt).toBe(now + 9999);

        expect((await storage.sessions.deleteAllOf(ana.id)).sort()).toEqual(['a1', 'a22']);
        expect(await storage.sessions.get('a22')).toBeNull();
        expect(await storage.sessions.deleteAllOf(ana.id)).toEqual([]);

        await storage.sessions.deleteExpired(now);
        expect(await storage.sessions.get('b1')).toBeNull();
        expect(await storage.sessions.get('b22')).not.toBeNull();
        await storage.sessions.delete('b22');
        expect(await storage.sessions.get('b22')).toBeNull();
      });
    });

    describe('members', () => {
      it('adds, lists (owners first, then by name ignoring case), changes and removes members', async () => {
        const id = await map();
        const zoe = await account('zoe');
        const bea = await account('Bea');
        const carl = await account('carl');
        const guest = await storage.users.createGuest('Cliente');
        await storage.members.add(id, carl.id, 'viewer');
        await storage.members.add(id, zoe.id, 'owner');
        await storage.members.add(id, bea.id, 'editor');
        await storage.members.add(id, guest.id, 'customer');

        expect(await storage.members.role(id, bea.id)).toBe('editor');
        expect(await storage.members.role(id, (await account()).id)).toBeNull();
        expect(await storage.members.get(id, guest.id)).toMatchObject({
          userId: guest.id,
          email: null,
          guest: true,
          role: 'customer',
        });
        expect((await storage.members.list(id)).map((row) => row.name)).toEqual([
          'zoe',
          'Bea',
          'carl',
          'Cliente',
        ]);

        await storage.members.setRole(id, carl.id, 'editor');
        expect((await storage.members.list(id)).map((row) => row.name)).toEqual([
          'zoe',
          'Bea',
          'carl',
          'Cliente',
        ]);
        await storage.members.setRole(id, bea.id, 'owner');
        expect(await storage.members.countOwners(id)).toBe(2);
        expect((await storage.members.list(id)).map((row) => [row.name, row.role])).toEqual([
          ['Bea', 'owner'],
          ['zoe', 'owner'],
          ['carl', 'editor'],
          ['Cliente', 'customer'],
        ]);

        await storage.members.remove(id, zoe.id);
        expect(await storage.members.get(id, zoe.id)).toBeNull();
        expect(await storage.members.countOwners(id)).toBe(1);
        expect(await storage.members.ownsAnyMap(zoe.id)).toBe(false);
        expect(await storage.members.ownsAnyMap(bea.id)).toBe(true);
        expect(await storage.members.ownsAnyMap(carl.id)).toBe(false);
      });

      it('refuses adding someone who is already a member, as a unique violation', async () => {
        const id = await map();
        const ana = await account();
        await storage.members.add(id, ana.id, 'editor');
        const error: unknown = await storage.members.add(id, ana.id, 'viewer').then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(isUniqueViolation(error)).toBe(true);
        expect(await storage.members.role(id, ana.id)).toBe('editor');
      });

      it("lists a user's maps most recently updated first, with their role", async () => {
        const ana = await account();
        const older = await map('older');
        await nextMillisecond();
        const newer = await map('newer');
        const other = await map('not mine');
        await storage.members.add(older, ana.id, 'owner');
        await storage.members.add(newer, ana.id, 'viewer');
        const rows = await storage.members.mapsOf(ana.id);
        expect(rows.map((row) => [row.id, row.title, row.role])).toEqual([
          [newer, 'newer', 'viewer'],
          [older, 'older', 'owner'],
        ]);
        expect(rows.some((row) => row.id === other)).toBe(false);
      });

      it('makes a user owner of every map without members, once', async () => {
        const ana = await account();
        const bob = await account('Bob');
        const unowned1 = await map();
        const unowned2 = await map();
        const owned = await map();
        await storage.members.add(owned, bob.id, 'viewer');
        expect(await storage.members.claimUnownedMaps(ana.id)).toBe(2);
        expect(await storage.members.role(unowned1, ana.id)).toBe('owner');
        expect(await storage.members.role(unowned2, ana.id)).toBe('owner');
        expect(await storage.members.role(owned, ana.id)).toBeNull();
        expect(await storage.members.claimUnownedMaps(bob.id)).toBe(0);
      });

      it('keeps the latest role change of each member, with who made it', async () => {
        const id = await map();
        const owner = await account('Olga');
        const ed = await account('Ed');
        const vi = await account('Vi');
        await storage.members.add(id, owner.id, 'owner');
        await storage.members.add(id, ed.id, 'editor');
        await storage.members.add(id, vi.id, 'commenter');
        expect((await storage.members.latestRoleChanges(id)).size).toBe(0);

        await storage.members.recordRoleChange({
          mapId: id,
          userId: ed.id,
          changedBy: owner.id,
          from: 'viewer',
          to: 'commenter',
        });
        await storage.members.recordRoleChange({
          mapId: id,
          userId: ed.id,
          changedBy: owner.id,
          from: 'commenter',
          to: 'editor',
        });
        await storage.members.recordRoleChange({
          mapId: id,
          userId: vi.id,
          changedBy: null,
          from: 'viewer',
          to: 'commenter',
        });
        const latest = await storage.members.latestRoleChanges(id);
        expect([...latest.keys()].sort()).toEqual([ed.id, vi.id].sort());
        expect(latest.get(ed.id)).toMatchObject({
          userId: ed.id,
          from: 'commenter',
          to: 'editor',
          changedBy: { userId: owner.id, name: 'Olga' },
        });
        expect(latest.get(vi.id)).toMatchObject({ changedBy: null, to: 'commenter' });
        const edSeq = latest.get(ed.id)?.seq ?? 0;
        const viSeq = latest.get(vi.id)?.seq ?? 0;
        expect(viSeq).toBeGreaterThan(edSeq);
        expect(latest.get(ed.id)?.changedAt).toBeGreaterThan(0);
        // Another map's changes are not this map's.
        expect((await storage.members.latestRoleChanges(await map())).size).toBe(0);
      });

      it('counts, per owned map, role changes by someone else the owner has not seen', async () => {
        const id = await map();
        const olga = await account('Olga');
        const pia = await account('Pia');
        const ed = await account('Ed');
        await storage.members.add(id, ed.id, 'editor');
        // A change made before Olga became an owner is not news to her.
        await storage.members.recordRoleChange({
          mapId: id,
          userId: ed.id,
          changedBy: null,
          from: 'viewer',
          to: 'editor',
        });
        await nextMillisecond();
        await storage.members.add(id, olga.id, 'owner');
        await storage.members.add(id, pia.id, 'owner');
        expect(await storage.members.unseenRoleChangeCounts(olga.id)).toEqual(new Map());

        const change = (changedBy: string | null) =>
          storage.members.recordRoleChange({
            mapId: id,
            userId: ed.id,
            changedBy,
            from: 'editor',
            to: 'viewer',
          });
        await change(pia.id);
        await change(null);
        await change(olga.id); // her own change is not news to her
        expect(await storage.members.unseenRoleChangeCounts(olga.id)).toEqual(new Map([[id, 2]]));
        expect(await storage.members.unseenRoleChangeCounts(pia.id)).toEqual(new Map([[id, 2]]));
        // Non-owners are told nothing.
        expect(await storage.members.unseenRoleChangeCounts(ed.id)).toEqual(new Map());

        expect(await storage.members.seenRoleChangeSeq(id, olga.id)).toBe(0);
        await storage.members.markRoleChangesSeen(id, olga.id);
        const latestSeq = (await storage.members.latestRoleChanges(id)).get(ed.id)?.seq;
        expect(await storage.members.seenRoleChangeSeq(id, olga.id)).toBe(latestSeq);
        expect(await storage.members.unseenRoleChangeCounts(olga.id)).toEqual(new Map());
        expect(await storage.members.unseenRoleChangeCounts(pia.id)).toEqual(new Map([[id, 2]]));

        await change(pia.id);
        expect(await storage.members.unseenRoleChangeCounts(olga.id)).toEqual(new Map([[id, 1]]));
        await storage.members.markRoleChangesSeen(id, olga.id);
        expect(await storage.members.unseenRoleChangeCounts(olga.id)).toEqual(new Map());
      });
    });

    describe('invites', () => {
      let tokenCounter = 0;
      async function invite(
        mapId: MapId,
        createdBy: string,
        maxUses: number | null,
        tokenHash = bytes(++tokenCounter % 256, Math.floor(tokenCounter / 256), 7),
      ) {
        return storage.invites.create({
          mapId,
          role: maxUses === null ? 'customer' : 'editor',
          tokenHash,
          createdBy,
          expiresAt: Date.now() + 60_000,
          maxUses,
        });
      }

      it('stores invites under the hash of their token and lists them newest first', async () => {
        const id = await map();
        const owner = await account();
        const first = await invite(id, owner.id, 1, bytes(1, 1, 1));
        expect(first).toMatchObject({
          mapId: id,
          role: 'editor',
          createdBy: owner.id,
          revokedAt: null,
          maxUses: 1,
          uses: 0,
        });
        await nextMillisecond();
        const second = await invite(id, owner.id, null, bytes(2, 2, 2));
        expect(await storage.invites.byTokenHash(bytes(1, 1, 1))).toEqual(first);
        expect(await storage.invites.byTokenHash(bytes(9, 9, 9))).toBeNull();
        expect(await storage.invites.get(id, second.id)).toEqual(second);
        expect(await storage.invites.get(await map(), second.id)).toBeNull();
        expect((await storage.invites.list(id)).map((row) => row.id)).toEqual([
          second.id,
          first.id,
        ]);
      });

      it('refuses two invites with the same token hash, as a unique violation', async () => {
        const id = await map();
        const owner = await account();
        await invite(id, owner.id, 1, bytes(5, 5));
        const error: unknown = await invite(id, owner.id, 1, bytes(5, 5)).then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(isUniqueViolation(error)).toBe(true);
      });

      it('revokes an invite once (a second revoke keeps the first time)', async () => {
        const id = await map();
        const owner = await account();
        const row = await invite(id, owner.id, 1);
        await storage.invites.revoke(id, row.id);
        const revokedAt = (await storage.invites.get(id, row.id))?.revokedAt;
        expect(revokedAt).toEqual(expect.any(Number));
        await nextMillisecond();
        await storage.invites.revoke(id, row.id);
        expect((await storage.invites.get(id, row.id))?.revokedAt).toBe(revokedAt);
      });

      it('counts uses up to the limit, and without limit for unlimited links', async () => {
        const id = await map();
        const owner = await account();
        const limited = await invite(id, owner.id, 2);
        expect(await storage.invites.consumeUse(limited.id)).toBe(true);
        expect(await storage.invites.consumeUse(limited.id)).toBe(true);
        expect(await storage.invites.consumeUse(limited.id)).toBe(false);
        expect((await storage.invites.get(id, limited.id))?.uses).toBe(2);
        const unlimited = await invite(id, owner.id, null);
        for (let i = 0; i < 5; i += 1) {
          expect(await storage.invites.consumeUse(unlimited.id)).toBe(true);
        }
        expect((await storage.invites.get(id, unlimited.id))?.uses).toBe(5);
        expect(await storage.invites.consumeUse('no-such-invite')).toBe(false);
      });

      it('lets exactly the remaining uses through when many accept at once', async () => {
        const id = await map();
        const owner = await account();
        const row = await invite(id, owner.id, 3);
        const results = await Promise.all(
          Array.from({ length: 20 }, () => storage.invites.consumeUse(row.id)),
        );
        expect(results.filter(Boolean)).toHaveLength(3);
        expect((await storage.invites.get(id, row.id))?.uses).toBe(3);
      });
    });

    describe('customer feedback', () => {
      async function customerLink(mapId: MapId, createdBy: string, label: string | null) {
        return storage.invites.create({
          mapId,
          role: 'customer',
          tokenHash: bytes(200, Math.floor(Math.random() * 256), Math.floor(Math.random() * 256)),
          createdBy,
          expiresAt: Date.now() + 60_000,
          maxUses: null,
          label,
        });
      }

      it('keeps an invite label, and none when not given', async () => {
        const id = await map();
        const owner = await account();
        const labelled = await customerLink(id, owner.id, 'Cliente 3, entrevista telefónica');
        expect(labelled.label).toBe('Cliente 3, entrevista telefónica');
        expect((await storage.invites.get(id, labelled.id))?.label).toBe(
          'Cliente 3, entrevista telefónica',
        );
        const plain = await customerLink(id, owner.id, null);
        expect((await storage.invites.get(id, plain.id))?.label).toBeNull();
      });

      it('saves, changes and removes one person’s answers, keyed by internal ids', async () => {
        const id = await map();
        const guest = await storage.users.createGuest('Cliente');
        expect(await storage.feedback.response(id, guest.id)).toBeNull();
        expect(
          await storage.feedback.setCardAnswer(id, guest.id, {
            cardId: 'card-1',
            verdict: 'yes',
            note: null,
          }),
        ).toBe('ok');
        await storage.feedback.setCardAnswer(id, guest.id, {
          cardId: 'card-2',
          verdict: 'not-me',
          note: null,
        });
        await storage.feedback.setCardAnswer(id, guest.id, {
          cardId: 'card-1',
          verdict: 'different',
          note: 'Fue por teléfono',
        });
        await storage.feedback.setStageAnswer(id, guest.id, {
          stageId: 'stage-1',
          emotion: -2,
          note: null,
        });
        await storage.feedback.setStageAnswer(id, guest.id, {
          stageId: 'stage-1',
          emotion: 1,
          note: 'mejor',
        });
        const step = await storage.feedback.addMissing(id, guest.id, {
          stageId: 'stage-1',
          note: 'Llamé dos veces',
        });
        if (step === 'submitted') throw new Error('not submitted yet');
        expect(await storage.feedback.setAbout(id, guest.id, { firstName: 'Lucía' })).toBe('ok');
        await storage.feedback.setAbout(id, guest.id, { comment: 'Todo bien' });
        expect(await storage.feedback.deleteCardAnswer(id, guest.id, 'card-2')).toBe('ok');

        const response = await storage.feedback.response(id, guest.id);
        expect(response).toMatchObject({
          mapId: id,
          userId: guest.id,
          inviteId: null,
          firstName: 'Lucía',
          comment: 'Todo bien',
          submittedAt: null,
          cards: [{ cardId: 'card-1', verdict: 'different', note: 'Fue por teléfono' }],
          stages: [{ stageId: 'stage-1', emotion: 1, note: 'mejor' }],
          missing: [{ id: step.id, stageId: 'stage-1', note: 'Llamé dos veces' }],
        });
        expect(response?.startedAt).toEqual(expect.any(Number));
        // Clearing: null clears, undefined keeps.
        await storage.feedback.setAbout(id, guest.id, { firstName: null });
        expect(await storage.feedback.response(id, guest.id)).toMatchObject({
          firstName: null,
          comment: 'Todo bien',
        });
        expect(await storage.feedback.deleteMissing(id, guest.id, step.id)).toBe('ok');
        expect(await storage.feedback.deleteMissing(id, guest.id, step.id)).toBe('not-found');
        expect((await storage.feedback.response(id, guest.id))?.missing).toEqual([]);
      });

      it('keeps each person’s response apart, and lets no one delete another’s missing step', async () => {
        const id = await map();
        const lucia = await storage.users.createGuest('Lucía');
        const pedro = await storage.users.createGuest('Pedro');
        await storage.feedback.setCardAnswer(id, lucia.id, {
          cardId: 'c',
          verdict: 'yes',
          note: null,
        });
        const step = await storage.feedback.addMissing(id, lucia.id, { stageId: 's', note: 'x' });
        if (step === 'submitted') throw new Error('not submitted yet');
        expect(await storage.feedback.response(id, pedro.id)).toBeNull();
        expect(await storage.feedback.deleteMissing(id, pedro.id, step.id)).toBe('not-found');
        expect((await storage.feedback.response(id, lucia.id))?.missing).toHaveLength(1);
        // Another map's response is another response.
        expect(await storage.feedback.response(await map(), lucia.id)).toBeNull();
      });

      it('refuses every write once submitted, changing nothing', async () => {
        const id = await map();
        const guest = await storage.users.createGuest('Cliente');
        await storage.feedback.setCardAnswer(id, guest.id, {
          cardId: 'c',
          verdict: 'yes',
          note: null,
        });
        const step = await storage.feedback.addMissing(id, guest.id, { stageId: 's', note: 'x' });
        if (step === 'submitted') throw new Error('not submitted yet');
        expect(await storage.feedback.submit(id, guest.id)).toBe('ok');
        const sent = await storage.feedback.response(id, guest.id);
        expect(sent?.submittedAt).toEqual(expect.any(Number));
        expect(
          await storage.feedback.setCardAnswer(id, guest.id, {
            cardId: 'c',
            verdict: 'different',
            note: 'no',
          }),
        ).toBe('submitted');
        expect(await storage.feedback.deleteCardAnswer(id, guest.id, 'c')).toBe('submitted');
        expect(
          await storage.feedback.setStageAnswer(id, guest.id, {
            stageId: 's',
            emotion: 0,
            note: null,
          }),
        ).toBe('submitted');
        expect(await storage.feedback.addMissing(id, guest.id, { stageId: 's', note: 'y' })).toBe(
          'submitted',
        );
        expect(await storage.feedback.deleteMissing(id, guest.id, step.id)).toBe('submitted');
        expect(await storage.feedback.setAbout(id, guest.id, { comment: 'tarde' })).toBe(
          'submitted',
        );
        expect(await storage.feedback.submit(id, guest.id)).toBe('submitted');
        expect(await storage.feedback.response(id, guest.id)).toEqual(sent);
      });

      it('lists started responses only, and counts them per customer link', async () => {
        const id = await map();
        const owner = await account();
        const link = await customerLink(id, owner.id, 'Entrevistas');
        const other = await customerLink(id, owner.id, null);
        const a = await storage.users.createGuest('A');
        const b = await storage.users.createGuest('B');
        const c = await storage.users.createGuest('C');
        await storage.feedback.arrive(id, a.id, link.id);
        await storage.feedback.arrive(id, b.id, link.id);
        await storage.feedback.arrive(id, c.id, other.id);
        // Arrived but nothing saved: not a response yet.
        expect(await storage.feedback.responses(id)).toEqual([]);
        expect(await storage.feedback.responseCounts(id)).toEqual(new Map());
        await storage.feedback.setCardAnswer(id, a.id, { cardId: 'c', verdict: 'yes', note: null });
        await nextMillisecond();
        await storage.feedback.setAbout(id, b.id, { firstName: 'Bea' });
        expect((await storage.feedback.responses(id)).map((r) => r.userId)).toEqual([a.id, b.id]);
        // Each response carries its own answers only.
        expect((await storage.feedback.responses(id)).map((r) => r.cards.length)).toEqual([1, 0]);
        expect((await storage.feedback.response(id, a.id))?.inviteId).toBe(link.id);
        expect(await storage.feedback.responseCounts(id)).toEqual(new Map([[link.id, 2]]));
        // A second arrival through another link keeps the first link.
        await storage.feedback.arrive(id, a.id, other.id);
        expect((await storage.feedback.response(id, a.id))?.inviteId).toBe(link.id);
      });

      it('keeps per-map thresholds, defaulting to 3 answers with a 2/3 majority', async () => {
        const id = await map();
        const other = await map();
        expect(await storage.feedback.settings(id)).toEqual({ minAnswers: 3, majority: 2 / 3 });
        expect(await storage.feedback.setSettings(id, { minAnswers: 5 })).toEqual({
          minAnswers: 5,
          majority: 2 / 3,
        });
        expect(await storage.feedback.setSettings(id, { majority: 0.75 })).toEqual({
          minAnswers: 5,
          majority: 0.75,
        });
        expect(await storage.feedback.settings(id)).toEqual({ minAnswers: 5, majority: 0.75 });
        expect(await storage.feedback.settings(other)).toEqual({ minAnswers: 3, majority: 2 / 3 });
      });

      it('names the maps with card answers among those where the person holds an internal role', async () => {
        const answered = await map();
        const quiet = await map();
        const foreign = await map();
        const ana = await account();
        const guest = await storage.users.createGuest('Cliente');
        await storage.members.add(answered, ana.id, 'viewer');
        await storage.members.add(quiet, ana.id, 'owner');
        await storage.feedback.setCardAnswer(answered, guest.id, {
          cardId: 'c',
          verdict: 'yes',
          note: null,
        });
        await storage.feedback.setAbout(quiet, guest.id, { firstName: 'Solo nombre' });
        await storage.feedback.setCardAnswer(foreign, guest.id, {
          cardId: 'c',
          verdict: 'yes',
          note: null,
        });
        expect(await storage.feedback.answeredMaps(ana.id)).toEqual(new Set([answered]));
      });

      it('goes with its map', async () => {
        const id = await map();
        const guest = await storage.users.createGuest('Cliente');
        await storage.feedback.setCardAnswer(id, guest.id, {
          cardId: 'c',
          verdict: 'yes',
          note: null,
        });
        await storage.feedback.setSettings(id, { minAnswers: 1 });
        await storage.maps.delete(id);
        expect(await storage.feedback.response(id, guest.id)).toBeNull();
        expect(await storage.feedback.settings(id)).toEqual({ minAnswers: 3, majority: 2 / 3 });
      });
    });

    describe('departments', () => {
      it('lists the seeded departments in order with Spanish and English labels', async () => {
        expect(await storage.departments.list()).toEqual([
          { id: 'marketing', label: { es: 'Marketing', en: 'Marketing' } },
          { id: 'sales', label: { es: 'Ventas', en: 'Sales' } },
          { id: 'digital', label: { es: 'Digital', en: 'Digital' } },
          { id: 'it', label: { es: 'Tecnología (TI)', en: 'IT' } },
          { id: 'operations', label: { es: 'Operaciones', en: 'Operations' } },
          { id: 'branches', label: { es: 'Red de sucursales', en: 'Branch network' } },
          { id: 'contact-centre', label: { es: 'Centro de contacto', en: 'Contact centre' } },
          { id: 'compliance', label: { es: 'Cumplimiento normativo', en: 'Compliance' } },
          { id: 'finance', label: { es: 'Finanzas', en: 'Finance' } },
        ]);
        expect(await storage.departments.exists('it')).toBe(true);
        expect(await storage.departments.exists('legal')).toBe(false);
      });

      it("adds the workspace's own departments after the seeded ones, in creation order", async () => {
        expect(await storage.departments.create('legal', 'Legal')).toEqual({
          id: 'legal',
          label: { es: 'Legal', en: 'Legal' },
        });
        await nextMillisecond();
        await storage.departments.create('brand', 'Marca');
        const ids = (await storage.departments.list()).map((row) => row.id);
        expect(ids.slice(-3)).toEqual(['finance', 'legal', 'brand']);
        expect(await storage.departments.exists('brand')).toBe(true);
        const error: unknown = await storage.departments.create('legal', 'Other').then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(isUniqueViolation(error)).toBe(true);
      });
    });

    describe('comment threads', () => {
      it('creates a thread with its first message and mentions, and lists it with the map', async () => {
        const ana = await account('Ana');
        const bo = await account('Bo');
        const mapId = await map();
        const thread = await storage.threads.create({
          mapId,
          anchor: { kind: 'card', id: 'card1' },
          createdBy: ana.id,
          body: '¿Quién responde aquí?',
          mentions: [bo.id, ana.id, bo.id],
        });
        expect(thread).toMatchObject({
          mapId,
          anchor: { kind: 'card', id: 'card1' },
          resolved: false,
          resolvedBy: null,
          resolvedAt: null,
          createdBy: ana.id,
        });
        expect(thread.messages).toHaveLength(1);
        expect(thread.messages[0]).toMatchObject({
          threadId: thread.id,
          authorId: ana.id,
          authorName: 'Ana',
          body: '¿Quién responde aquí?',
          mentions: [bo.id, ana.id],
          editedAt: null,
          deletedAt: null,
        });
        const whole = await storage.threads.create({
          mapId,
          anchor: { kind: 'map' },
          createdBy: bo.id,
          body: 'General',
          mentions: [],
        });
        expect(whole.anchor).toEqual({ kind: 'map' });
        expect(await storage.threads.get(thread.id)).toEqual(thread);
        expect((await storage.threads.list(mapId)).map((t) => t.id)).toEqual([thread.id, whole.id]);
        expect(await storage.threads.list(await map())).toEqual([]);
        expect(await storage.threads.get('nothing')).toBeNull();
      });

      it('appends, edits and deletes messages in order, keeping a deleted one as a placeholder', async () => {
        const ana = await account('Ana');
        const bo = await account('Bo');
        const mapId = await map();
        const thread = await storage.threads.create({
          mapId,
          anchor: { kind: 'stage', id: 'stage1' },
          createdBy: ana.id,
          body: 'uno',
          mentions: [],
        });
        const second = await storage.threads.addMessage({
          threadId: thread.id,
          authorId: bo.id,
          body: 'dos',
          mentions: [ana.id],
        });
        const third = await storage.threads.addMessage({
          threadId: thread.id,
          authorId: ana.id,
          body: 'tres',
          mentions: [],
        });
        expect(await storage.threads.message(second.id)).toEqual({ ...second, mapId });
        await storage.threads.editMessage(second.id, { body: 'dos (editado)', mentions: [] });
        await storage.threads.deleteMessage(third.id);
        const after = await storage.threads.get(thread.id);
        expect(after?.messages.map((m) => [m.body, m.mentions, m.deletedAt !== null])).toEqual([
          ['uno', [], false],
          ['dos (editado)', [], false],
          ['', [], true],
        ]);
        expect(after?.messages[1]?.editedAt).not.toBeNull();
        // A deleted message cannot be edited back to life.
        await storage.threads.editMessage(third.id, { body: 'otra vez', mentions: [] });
        expect((await storage.threads.message(third.id))?.body).toBe('');
        expect(await storage.threads.message('nothing')).toBeNull();
      });

      it('resolves and reopens a thread, recording who resolved it', async () => {
        const ana = await account('Ana');
        const mapId = await map();
        const thread = await storage.threads.create({
          mapId,
          anchor: { kind: 'lane', id: 'lane1' },
          createdBy: ana.id,
          body: 'x',
          mentions: [],
        });
        await storage.threads.setResolved(thread.id, true, ana.id);
        const resolved = await storage.threads.get(thread.id);
        expect(resolved).toMatchObject({ resolved: true, resolvedBy: ana.id });
        expect(resolved?.resolvedAt).toBeGreaterThan(0);
        await storage.threads.setResolved(thread.id, false, ana.id);
        expect(await storage.threads.get(thread.id)).toMatchObject({
          resolved: false,
          resolvedBy: null,
          resolvedAt: null,
        });
      });

      it('deletes threads with their messages, and every thread of a deleted map', async () => {
        const ana = await account('Ana');
        const mapId = await map();
        const one = await storage.threads.create({
          mapId,
          anchor: { kind: 'map' },
          createdBy: ana.id,
          body: 'uno',
          mentions: [ana.id],
        });
        const two = await storage.threads.create({
          mapId,
          anchor: { kind: 'persona', id: 'p1' },
          createdBy: ana.id,
          body: 'dos',
          mentions: [],
        });
        await storage.threads.delete(one.id);
        expect(await storage.threads.get(one.id)).toBeNull();
        expect(await storage.threads.message(one.messages[0]?.id ?? '')).toBeNull();
        await storage.maps.delete(mapId);
        expect(await storage.threads.get(two.id)).toBeNull();
        expect(await storage.threads.list(mapId)).toEqual([]);
      });

      it('rolls a thread back with the transaction that created it', async () => {
        const ana = await account('Ana');
        const mapId = await map();
        let id = '';
        await expect(
          storage.transaction(async (tx) => {
            id = (
              await tx.threads.create({
                mapId,
                anchor: { kind: 'map' },
                createdBy: ana.id,
                body: 'x',
                mentions: [],
              })
            ).id;
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        expect(await storage.threads.get(id)).toBeNull();
      });
    });

    describe('comment read state and inbox', () => {
      /** A thread by `by` on a map, its first message mentioning `mentions`. */
      async function thread(mapId: MapId, by: UserRow, mentions: string[] = []) {
        return storage.threads.create({
          mapId,
          anchor: { kind: 'map' },
          createdBy: by.id,
          body: `hilo de ${by.name}`,
          mentions,
        });
      }

      async function reply(threadId: string, by: UserRow, body: string, mentions: string[] = []) {
        await nextMillisecond();
        return storage.threads.addMessage({ threadId, authorId: by.id, body, mentions });
      }

      it('keeps the anchor label and reports each author’s department (none for guests)', async () => {
        const ana = await account('Ana');
        const guest = await storage.users.createGuest('Cliente');
        const mapId = await map();
        const onCard = await storage.threads.create({
          mapId,
          anchor: { kind: 'card', id: 'card1' },
          anchorLabel: 'Recibe la alerta de viaje',
          createdBy: ana.id,
          body: 'x',
          mentions: [],
        });
        expect(onCard.anchorLabel).toBe('Recibe la alerta de viaje');
        expect(onCard.messages[0]?.authorDepartment).toBe('marketing');
        const whole = await thread(mapId, ana);
        expect(whole.anchorLabel).toBeNull();
        const byGuest = await reply(whole.id, guest, 'hola');
        expect(byGuest).toMatchObject({ authorName: 'Cliente', authorDepartment: null });
        expect((await storage.threads.message(byGuest.id))?.authorDepartment).toBeNull();
        expect((await storage.threads.list(mapId)).map((t) => t.anchorLabel)).toEqual([
          'Recibe la alerta de viaje',
          null,
        ]);
        expect((await storage.threads.get(onCard.id))?.anchorLabel).toBe(
          'Recibe la alerta de viaje',
        );
      });

      it('marks threads read per person, never backwards, and forgets marks with the thread', async () => {
        const ana = await account('Ana');
        const bo = await account('Bo');
        const mapId = await map();
        const one = await thread(mapId, ana);
        const two = await thread(mapId, ana);
        const elsewhere = await thread(await map(), ana);
        expect(await storage.threads.readsOf(mapId, bo.id)).toEqual(new Map());
        await storage.threads.markRead(one.id, bo.id, 2_000);
        await storage.threads.markRead(one.id, bo.id, 1_000);
        await storage.threads.markRead(two.id, bo.id, 500);
        await storage.threads.markRead(two.id, bo.id, 3_000);
        await storage.threads.markRead(elsewhere.id, bo.id, 9_000);
        await storage.threads.markRead(one.id, ana.id, 7_000);
        expect(await storage.threads.readsOf(mapId, bo.id)).toEqual(
          new Map([
            [one.id, 2_000],
            [two.id, 3_000],
          ]),
        );
        expect(await storage.threads.readsOf(mapId, ana.id)).toEqual(new Map([[one.id, 7_000]]));
        // A thread that is gone takes its marks with it, and cannot be marked any more.
        await storage.threads.delete(one.id);
        await storage.threads.markRead(one.id, bo.id, 8_000);
        expect(await storage.threads.readsOf(mapId, bo.id)).toEqual(new Map([[two.id, 3_000]]));
      });

      it('counts per map the live messages by others that one has not read, internal roles only', async () => {
        const ana = await account('Ana');
        const bo = await account('Bo');
        const owned = await map();
        const viewed = await map();
        const asCustomer = await map();
        const notMine = await map();
        await storage.members.add(owned, ana.id, 'owner');
        await storage.members.add(viewed, ana.id, 'viewer');
        await storage.members.add(asCustomer, ana.id, 'customer');
        const mine = await thread(owned, ana);
        await reply(mine.id, bo, 'uno');
        const deleted = await reply(mine.id, bo, 'borrado');
        await storage.threads.deleteMessage(deleted.id);
        await reply(mine.id, ana, 'mío');
        const theirs = await thread(viewed, bo);
        await storage.threads.setResolved(theirs.id, true, bo.id);
        await thread(asCustomer, bo);
        await thread(notMine, bo);
        expect(await storage.threads.unreadCounts(ana.id)).toEqual(
          new Map([
            [owned, 1],
            [viewed, 1],
          ]),
        );
        // Reading up to a message leaves what came after it unread.
        const later = await reply(mine.id, bo, 'dos');
        await storage.threads.markRead(mine.id, ana.id, later.createdAt - 1);
        expect((await storage.threads.unreadCounts(ana.id)).get(owned)).toBe(1);
        await storage.threads.markRead(mine.id, ana.id, later.createdAt);
        expect(await storage.threads.unreadCounts(ana.id)).toEqual(new Map([[viewed, 1]]));
        await reply(theirs.id, bo, 'otra');
        expect(await storage.threads.unreadCounts(ana.id)).toEqual(new Map([[viewed, 2]]));
        // A member removed from a map stops counting it.
        await storage.members.remove(viewed, ana.id);
        expect(await storage.threads.unreadCounts(ana.id)).toEqual(new Map());
      });

      it('lists mentions and replies to my threads, newest first, with map, anchor and read state', async () => {
        const ana = await account('Ana');
        const bo = await account('Bo');
        const mapId = await map('Viaje de Bob');
        await storage.members.add(mapId, ana.id, 'commenter');
        await storage.members.add(mapId, bo.id, 'editor');
        const mine = await storage.threads.create({
          mapId,
          anchor: { kind: 'stage', id: 'stage1' },
          anchorLabel: 'Planificar',
          createdBy: ana.id,
          body: 'mi hilo',
          mentions: [],
        });
        const theirs = await thread(mapId, bo, [ana.id]);
        const plainReply = await reply(mine.id, bo, 'respuesta');
        const mentionInReply = await reply(mine.id, bo, 'te nombro', [ana.id]);
        const notForMe = await reply(theirs.id, bo, 'nada para Ana');
        const gone = await reply(mine.id, bo, 'borrada', [ana.id]);
        await storage.threads.deleteMessage(gone.id);
        await reply(mine.id, ana, 'mía, con mención propia', [ana.id]);

        const inbox = await storage.threads.inboxFor(ana.id, { limit: 50 });
        expect(inbox.map((row) => [row.id, row.reason])).toEqual([
          [mentionInReply.id, 'mention'],
          [plainReply.id, 'reply'],
          [theirs.messages[0]?.id, 'mention'],
        ]);
        expect(inbox.map((row) => row.id)).not.toContain(notForMe.id);
        expect(inbox[0]).toEqual({
          id: mentionInReply.id,
          reason: 'mention',
          mapId,
          mapTitle: 'Viaje de Bob',
          threadId: mine.id,
          anchor: { kind: 'stage', id: 'stage1' },
          anchorLabel: 'Planificar',
          authorId: bo.id,
          authorName: 'Bo',
          authorDepartment: 'marketing',
          body: 'te nombro',
          createdAt: mentionInReply.createdAt,
          read: false,
        });
        expect(await storage.threads.inboxUnread(ana.id)).toBe(3);

        // Reading my thread up to the plain reply marks only that one read.
        await storage.threads.markRead(mine.id, ana.id, plainReply.createdAt);
        const after = await storage.threads.inboxFor(ana.id, { limit: 50 });
        expect(after.map((row) => row.read)).toEqual([false, true, false]);
        expect(await storage.threads.inboxUnread(ana.id)).toBe(2);

        // `after` keeps only later messages; `limit` the newest ones.
        expect(
          (await storage.threads.inboxFor(ana.id, { after: plainReply.createdAt, limit: 50 })).map(
            (row) => row.id,
          ),
        ).toEqual([mentionInReply.id]);
        expect((await storage.threads.inboxFor(ana.id, { limit: 1 })).map((row) => row.id)).toEqual(
          [mentionInReply.id],
        );

        // Bo's inbox holds nothing: Ana wrote only in her own thread.
        expect(await storage.threads.inboxFor(bo.id, { limit: 50 })).toEqual([]);

        // Made a customer, or removed: the map's messages leave the inbox.
        await storage.members.setRole(mapId, ana.id, 'customer');
        expect(await storage.threads.inboxFor(ana.id, { limit: 50 })).toEqual([]);
        expect(await storage.threads.inboxUnread(ana.id)).toBe(0);
        await storage.members.setRole(mapId, ana.id, 'viewer');
        expect(await storage.threads.inboxFor(ana.id, { limit: 50 })).toHaveLength(3);
        await storage.members.remove(mapId, ana.id);
        expect(await storage.threads.inboxFor(ana.id, { limit: 50 })).toEqual([]);
      });
    });

    describe('digest watermarks', () => {
      const windowAll = () => ({ since: 0, until: Date.now() + 1 });
      const claimOf = (userId: string, token: string, now = Date.now()) =>
        storage.digests.claim({ userId, token, now, leaseMs: 60_000, lastMailedBy: now - 1_000 });

      it('finds who may have something new: mentions and replies by others, not own or deleted', async () => {
        const ana = await account('Ana');
        const bo = await account('Bo');
        const cy = await account('Cy');
        const guest = await storage.users.createGuest('Cliente');
        const mapId = await map();
        // Ana's thread mentions Bo (and herself); Cy's reply there is a reply to Ana.
        const thread = await storage.threads.create({
          mapId,
          anchor: { kind: 'map' },
          createdBy: ana.id,
          body: 'hola @Bo',
          mentions: [bo.id, ana.id],
        });
        expect((await storage.digests.candidates(windowAll())).map((c) => c.userId)).toEqual([
          bo.id,
        ]);
        const reply = await storage.threads.addMessage({
          threadId: thread.id,
          authorId: cy.id,
          body: 'respuesta',
          mentions: [guest.id],
        });
        const expected = [ana, bo].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(await storage.digests.candidates(windowAll())).toEqual(
          expected.map((user) => ({ userId: user.id, email: user.email, name: user.name })),
        );
        // A deleted message concerns nobody; the window bounds are (since, until].
        await storage.threads.deleteMessage(reply.id);
        expect((await storage.digests.candidates(windowAll())).map((c) => c.userId)).toEqual([
          bo.id,
        ]);
        const created = thread.messages[0]?.createdAt ?? 0;
        expect(await storage.digests.candidates({ since: created, until: created + 1 })).toEqual(
          [],
        );
        expect(
          await storage.digests.candidates({ since: created - 1, until: created - 1 }),
        ).toEqual([]);
        // Past Bo's watermark, the message no longer makes him a candidate.
        await claimOf(bo.id, 't1');
        expect(
          await storage.digests.finish({
            userId: bo.id,
            token: 't1',
            sentUntil: created,
            mailedAt: null,
          }),
        ).toBe(true);
        expect(await storage.digests.candidates(windowAll())).toEqual([]);
      });

      it('claims a person once, moves the watermark only forward, and releases without moving', async () => {
        const ana = await account('Ana');
        expect(await storage.digests.get(ana.id)).toBeNull();
        const now = Date.now();
        expect(await claimOf(ana.id, 'first', now)).toBe(0);
        expect(await claimOf(ana.id, 'second', now)).toBeNull();
        expect(await storage.digests.get(ana.id)).toEqual({
          userId: ana.id,
          sentUntil: 0,
          lastMailedAt: null,
          claimExpiresAt: now + 60_000,
        });
        // Only the holder's token finishes it.
        expect(
          await storage.digests.finish({
            userId: ana.id,
            token: 'second',
            sentUntil: 5,
            mailedAt: 5,
          }),
        ).toBe(false);
        expect(
          await storage.digests.finish({
            userId: ana.id,
            token: 'first',
            sentUntil: 500,
            mailedAt: now,
          }),
        ).toBe(true);
        expect(await storage.digests.get(ana.id)).toEqual({
          userId: ana.id,
          sentUntil: 500,
          lastMailedAt: now,
          claimExpiresAt: null,
        });
        // Mailed at `now`: refused until a run whose lastMailedBy reaches it.
        expect(
          await storage.digests.claim({
            userId: ana.id,
            token: 'early',
            now: now + 10,
            leaseMs: 60_000,
            lastMailedBy: now - 1,
          }),
        ).toBeNull();
        expect(
          await storage.digests.claim({
            userId: ana.id,
            token: 'later',
            now: now + 10,
            leaseMs: 60_000,
            lastMailedBy: now,
          }),
        ).toBe(500);
        // Never backwards; a release moves nothing but frees the claim.
        expect(
          await storage.digests.finish({
            userId: ana.id,
            token: 'later',
            sentUntil: 100,
            mailedAt: null,
          }),
        ).toBe(true);
        expect(await storage.digests.get(ana.id)).toMatchObject({
          sentUntil: 500,
          lastMailedAt: now,
        });
        const later = now + 2_000;
        expect(await claimOf(ana.id, 'third', later)).toBe(500);
        await storage.digests.release(ana.id, 'third');
        expect(await storage.digests.get(ana.id)).toMatchObject({
          sentUntil: 500,
          claimExpiresAt: null,
        });
        expect(await claimOf(ana.id, 'fourth', later)).toBe(500);
      });

      it('lets a claim lapse after its lease, and the lapsed holder can no longer finish', async () => {
        const ana = await account('Ana');
        const now = Date.now();
        expect(await claimOf(ana.id, 'crashed', now)).toBe(0);
        expect(await claimOf(ana.id, 'next', now + 59_999)).toBeNull();
        expect(await claimOf(ana.id, 'next', now + 60_000)).toBe(0);
        expect(
          await storage.digests.finish({
            userId: ana.id,
            token: 'crashed',
            sentUntil: 9,
            mailedAt: now,
          }),
        ).toBe(false);
        expect(await storage.digests.get(ana.id)).toMatchObject({
          sentUntil: 0,
          lastMailedAt: null,
        });
      });

      it('gives a person to exactly one of many concurrent claims', async () => {
        const ana = await account('Ana');
        const now = Date.now();
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, index) => claimOf(ana.id, `run${index}`, now)),
        );
        expect(results.filter((result) => result !== null)).toEqual([0]);
      });
    });

    describe('change attribution', () => {
      const record = (
        mapId: MapId,
        userId: string,
        overrides: Partial<ItemChangeRecord> = {},
      ): ItemChangeRecord => ({
        mapId,
        userId,
        department: 'marketing',
        kind: 'card',
        itemId: 'card-1',
        change: 'changed',
        label: 'Reservar',
        windowStart: 0,
        firstAt: 1_000,
        lastAt: 2_000,
        ...overrides,
      });

      it('coalesces rows of one window: earliest first time, latest last time and its label', async () => {
        const ana = await account('Ana');
        const m = await map();
        await storage.changes.record([record(m, ana.id)]);
        await storage.changes.record([
          record(m, ana.id, { firstAt: 500, lastAt: 1_500, label: 'Older', department: 'it' }),
        ]);
        await storage.changes.record([
          record(m, ana.id, {
            firstAt: 2_500,
            lastAt: 3_000,
            label: 'Newest',
            department: 'sales',
          }),
        ]);
        const rows = await storage.changes.since(m, 0);
        expect(rows).toEqual([
          {
            mapId: m,
            userId: ana.id,
            userName: 'Ana',
            department: 'sales',
            kind: 'card',
            itemId: 'card-1',
            change: 'changed',
            label: 'Newest',
            firstAt: 500,
            lastAt: 3_000,
          },
        ]);
      });

      it('keeps other windows, kinds, items and people apart, lists by last time and prunes', async () => {
        const ana = await account('Ana');
        const bea = await account('Bea');
        const m = await map();
        const other = await map();
        await storage.changes.record([
          record(m, ana.id, { lastAt: 5_000 }),
          record(m, ana.id, { windowStart: 300_000, firstAt: 300_000, lastAt: 300_001 }),
          record(m, ana.id, { change: 'deleted', lastAt: 4_000 }),
          record(m, bea.id, { kind: 'stage', itemId: 's1', label: 'Etapa', lastAt: 3_000 }),
          record(other, bea.id, { lastAt: 9_000 }),
        ]);
        const rows = await storage.changes.since(m, 2_000);
        expect(rows.map((row) => [row.userName, row.kind, row.change, row.lastAt])).toEqual([
          ['Bea', 'stage', 'changed', 3_000],
          ['Ana', 'card', 'deleted', 4_000],
          ['Ana', 'card', 'changed', 5_000],
          ['Ana', 'card', 'changed', 300_001],
        ]);
        expect(await storage.changes.since(m, 5_000)).toHaveLength(1);
        expect(await storage.changes.prune(4_500)).toBe(2);
        expect((await storage.changes.since(m, 0)).map((row) => row.lastAt)).toEqual([
          5_000, 300_001,
        ]);
        expect(await storage.changes.since(other, 0)).toHaveLength(1);
      });

      it('drops rows of a deleted map and goes with its map', async () => {
        const ana = await account('Ana');
        const m = await map();
        await storage.changes.record([record(m, ana.id)]);
        await storage.maps.delete(m);
        await storage.changes.record([record(m, ana.id, { lastAt: 7_000 })]);
        expect(await storage.changes.since(m, 0)).toEqual([]);
      });
    });

    describe('visits', () => {
      it('starts a visit, continues it across a short gap, and remembers when the last one ended', async () => {
        const ana = await account('Ana');
        const m = await map();
        expect(await storage.visits.get(m, ana.id)).toBeNull();
        await storage.visits.arrive(m, ana.id, 1_000, 100);
        expect(await storage.visits.get(m, ana.id)).toEqual({
          startedAt: 1_000,
          lastSeenAt: 1_000,
          previousEndedAt: null,
          dismissedAt: null,
        });
        await storage.visits.seen([{ mapId: m, userId: ana.id }], 1_050, 100);
        await storage.visits.arrive(m, ana.id, 1_120, 100); // 70 ms after: the same visit
        expect(await storage.visits.get(m, ana.id)).toMatchObject({
          startedAt: 1_000,
          lastSeenAt: 1_120,
          previousEndedAt: null,
        });
        await storage.visits.arrive(m, ana.id, 5_000, 100); // a new visit
        expect(await storage.visits.get(m, ana.id)).toMatchObject({
          startedAt: 5_000,
          lastSeenAt: 5_000,
          previousEndedAt: 1_120,
        });
        // Last-seen never moves backwards (a late heartbeat of another instance).
        await storage.visits.seen([{ mapId: m, userId: ana.id }], 4_000, 100);
        expect(await storage.visits.get(m, ana.id)).toMatchObject({
          startedAt: 5_000,
          lastSeenAt: 5_000,
          previousEndedAt: 1_120,
        });
        // A disconnect stored before its arrival, after a long gap, starts the new visit itself.
        await storage.visits.seen([{ mapId: m, userId: ana.id }], 9_000, 100);
        await storage.visits.arrive(m, ana.id, 8_990, 100);
        expect(await storage.visits.get(m, ana.id)).toEqual({
          startedAt: 9_000,
          lastSeenAt: 9_000,
          previousEndedAt: 5_000,
          dismissedAt: null,
        });
      });

      it('records dismissals, with or without a visit, and ignores deleted maps', async () => {
        const ana = await account('Ana');
        const bea = await account('Bea');
        const m = await map();
        await storage.visits.dismiss(m, ana.id, 2_000);
        expect(await storage.visits.get(m, ana.id)).toEqual({
          startedAt: null,
          lastSeenAt: null,
          previousEndedAt: null,
          dismissedAt: 2_000,
        });
        await storage.visits.arrive(m, ana.id, 3_000, 100);
        await storage.visits.dismiss(m, ana.id, 3_500);
        expect(await storage.visits.get(m, ana.id)).toMatchObject({
          startedAt: 3_000,
          previousEndedAt: null,
          dismissedAt: 3_500,
        });
        expect(await storage.visits.get(m, bea.id)).toBeNull();
        await storage.maps.delete(m);
        await storage.visits.arrive(m, bea.id, 4_000, 100);
        await storage.visits.dismiss(m, bea.id, 4_000);
        expect(await storage.visits.get(m, bea.id)).toBeNull();
        expect(await storage.visits.get(m, ana.id)).toBeNull();
      });
    });

    describe('map versions', () => {
      it('stores versions with their state, lists them newest first without it, with the author', async () => {
        const ana = await account('Ana');
        const m = await map();
        const other = await map();
        expect(await storage.versions.list(m)).toEqual([]);
        expect(await storage.versions.latestCreatedAt(m)).toBeNull();
        const first = await storage.versions.add({
          mapId: m,
          name: null,
          authorId: ana.id,
          auto: true,
          state: bytes(1, 2, 3),
          createdAt: 1_000,
        });
        expect(first).toEqual({
          id: first.id,
          mapId: m,
          createdAt: 1_000,
          name: null,
          authorId: ana.id,
          authorName: 'Ana',
          auto: true,
        });
        const named = await storage.versions.add({
          mapId: m,
          name: 'Antes del taller',
          authorId: ana.id,
          auto: false,
          state: bytes(4, 5),
          createdAt: 2_000,
        });
        // Same time as the named one: the later stored comes first.
        const unknownAuthor = await storage.versions.add({
          mapId: m,
          name: null,
          authorId: null,
          auto: true,
          state: bytes(6),
          createdAt: 2_000,
        });
        await storage.versions.add({
          mapId: other,
          name: 'otro',
          authorId: null,
          auto: false,
          state: bytes(9),
        });
        const list = await storage.versions.list(m);
        expect(list.map((row) => row.id)).toEqual([unknownAuthor.id, named.id, first.id]);
        expect(list[1]).toEqual({ ...named, authorName: 'Ana' });
        expect(list[0]).toMatchObject({ authorId: null, authorName: null, auto: true });
        expect(list[0]).not.toHaveProperty('state');
        expect(await storage.versions.latestCreatedAt(m)).toBe(2_000);
        const read = await storage.versions.get(m, named.id);
        expect(read).toEqual({ ...named, state: bytes(4, 5) });
        expect(read?.state).toBeInstanceOf(Uint8Array);
        // Another map's version, or an unknown id, reads as null.
        expect(await storage.versions.get(other, named.id)).toBeNull();
        expect(await storage.versions.get(m, 'nope')).toBeNull();
      });

      it('keeps a large Yjs state byte for byte', async () => {
        const m = await map();
        const doc = new Y.Doc();
        const cards = doc.getMap('cards');
        for (let i = 0; i < 500; i += 1) cards.set(`card${i}`, `texto ${i} `.repeat(20));
        const state = Y.encodeStateAsUpdate(doc);
        const version = await storage.versions.add({
          mapId: m,
          name: null,
          authorId: null,
          auto: true,
          state,
        });
        const read = await storage.versions.get(m, version.id);
        expect(read?.state).toEqual(state);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, read?.state ?? new Uint8Array());
        expect(copy.getMap('cards').size).toBe(500);
      });

      it('prunes only auto versions older than the limit, of every map; named ones stay', async () => {
        const m = await map();
        const other = await map();
        const add = (mapId: MapId, auto: boolean, createdAt: number) =>
          storage.versions.add({
            mapId,
            name: auto ? null : 'con nombre',
            authorId: null,
            auto,
            state: bytes(1),
            createdAt,
          });
        const oldAuto = await add(m, true, 1_000);
        const oldNamed = await add(m, false, 1_000);
        const recentAuto = await add(m, true, 5_000);
        const otherOldAuto = await add(other, true, 2_000);
        expect(await storage.versions.pruneAuto(3_000)).toBe(2);
        expect((await storage.versions.list(m)).map((row) => row.id)).toEqual([
          recentAuto.id,
          oldNamed.id,
        ]);
        expect(await storage.versions.get(m, oldAuto.id)).toBeNull();
        expect(await storage.versions.get(other, otherOldAuto.id)).toBeNull();
        expect(await storage.versions.pruneAuto(3_000)).toBe(0);
      });

      it('refuses a version of an unknown map; deleting a map deletes its versions', async () => {
        await expect(
          storage.versions.add({
            mapId: newMapId(),
            name: null,
            authorId: null,
            auto: true,
            state: bytes(1),
          }),
        ).rejects.toThrow();
        const m = await map();
        const version = await storage.versions.add({
          mapId: m,
          name: 'v',
          authorId: null,
          auto: false,
          state: bytes(1),
        });
        await storage.maps.delete(m);
        expect(await storage.versions.list(m)).toEqual([]);
        expect(await storage.versions.get(m, version.id)).toBeNull();
      });

      it('adds a version inside a transaction, rolled back with it', async () => {
        const m = await map();
        await expect(
          storage.transaction(async (tx) => {
            await tx.versions.add({
              mapId: m,
              name: 'x',
              authorId: null,
              auto: false,
              state: bytes(1),
            });
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        expect(await storage.versions.list(m)).toEqual([]);
      });
    });

    describe('map actions', () => {
      async function action(mapId: MapId, ownerId: string, extra: Partial<NewActionRow> = {}) {
        return storage.actions.create({
          mapId,
          title: 'Llamar al cliente',
          ownerId,
          department: null,
          due: null,
          status: 'todo',
          cardIds: [],
          kpi: null,
          createdBy: ownerId,
          ...extra,
        });
      }

      it('creates an action with every field and reads it back with its owner name', async () => {
        const id = await map();
        const owner = await account('Olga');
        const created = await action(id, owner.id, {
          department: 'sales',
          due: '2026-12-01',
          cardIds: ['card-a', 'card-b'],
          kpi: { name: 'NPS', target: '+10', cardId: 'card-k' as CardId },
        });
        expect(created).toMatchObject({
          mapId: id,
          title: 'Llamar al cliente',
          ownerId: owner.id,
          ownerName: 'Olga',
          department: 'sales',
          due: '2026-12-01',
          status: 'todo',
          cardIds: ['card-a', 'card-b'],
          kpi: { name: 'NPS', target: '+10', cardId: 'card-k' },
          createdBy: owner.id,
          doneAt: null,
        });
        expect(created.updatedAt).toBe(created.createdAt);
        expect(await storage.actions.get(created.id)).toEqual(created);
        expect(await storage.actions.get('nope')).toBeNull();
        const bare = await action(id, owner.id, { kpi: { name: 'Churn', target: '-5%' } });
        expect(bare.kpi).toEqual({ name: 'Churn', target: '-5%' });
      });

      it('lists a map’s actions by due date, none last, then oldest first', async () => {
        const id = await map();
        const other = await map();
        const owner = await account();
        const late = await action(id, owner.id, { due: '2027-01-10' });
        const none = await action(id, owner.id);
        await nextMillisecond();
        const noneLater = await action(id, owner.id);
        const soon = await action(id, owner.id, { due: '2026-11-30' });
        await action(other, owner.id);
        expect((await storage.actions.list(id)).map((row) => row.id)).toEqual([
          soon.id,
          late.id,
          none.id,
          noneLater.id,
        ]);
      });

      it('updates only the given fields; null clears; an unknown id reads as null', async () => {
        const id = await map();
        const owner = await account('Olga');
        const next = await account('Nico');
        const created = await action(id, owner.id, {
          department: 'it',
          due: '2026-12-01',
          kpi: { name: 'NPS', target: '+10' },
        });
        await nextMillisecond();
        const changed = await storage.actions.update(created.id, {
          title: 'Nuevo título',
          ownerId: next.id,
          due: null,
          cardIds: ['c1'],
        });
        expect(changed).toMatchObject({
          title: 'Nuevo título',
          ownerId: next.id,
          ownerName: 'Nico',
          department: 'it',
          due: null,
          cardIds: ['c1'],
          kpi: { name: 'NPS', target: '+10' },
          status: 'todo',
        });
        expect(changed?.updatedAt).toBeGreaterThan(created.updatedAt);
        const cleared = await storage.actions.update(created.id, { department: null, kpi: null });
        expect(cleared).toMatchObject({ department: null, kpi: null, title: 'Nuevo título' });
        expect(await storage.actions.update('nope', { title: 'x' })).toBeNull();
      });

      it('changes an action only while its owner is the one given, when one is', async () => {
        const id = await map();
        const owner = await account();
        const next = await account();
        const created = await action(id, owner.id);
        const moved = await storage.actions.update(created.id, { status: 'doing' }, owner.id);
        expect(moved?.status).toBe('doing');
        await storage.actions.update(created.id, { ownerId: next.id });
        expect(await storage.actions.update(created.id, { status: 'done' }, owner.id)).toBeNull();
        expect(await storage.actions.get(created.id)).toMatchObject({
          status: 'doing',
          ownerId: next.id,
          doneAt: null,
        });
      });

      it('sets doneAt when an action becomes done, keeps it while done, clears it after', async () => {
        const id = await map();
        const owner = await account();
        const created = await action(id, owner.id, { status: 'done' });
        expect(created.doneAt).toBe(created.createdAt);
        const todo = await storage.actions.update(created.id, { status: 'doing' });
        expect(todo?.doneAt).toBeNull();
        await nextMillisecond();
        const done = await storage.actions.update(created.id, { status: 'done' });
        expect(done?.doneAt).toBe(done?.updatedAt);
        expect(done?.doneAt).toBeGreaterThan(created.createdAt);
        await nextMillisecond();
        const stillDone = await storage.actions.update(created.id, { status: 'done', title: 'y' });
        expect(stillDone?.doneAt).toBe(done?.doneAt);
        const renamed = await storage.actions.update(created.id, { title: 'z' });
        expect(renamed?.doneAt).toBe(done?.doneAt);
        expect((await storage.actions.update(created.id, { status: 'todo' }))?.doneAt).toBeNull();
      });

      it('deletes an action; actions go with their map', async () => {
        const id = await map();
        const owner = await account();
        const first = await action(id, owner.id);
        const second = await action(id, owner.id);
        expect(await storage.actions.delete(first.id)).toBe(true);
        expect(await storage.actions.delete(first.id)).toBe(false);
        expect(await storage.actions.get(first.id)).toBeNull();
        await storage.maps.delete(id);
        expect(await storage.actions.get(second.id)).toBeNull();
      });

      it('refuses an action of an unknown map or owner', async () => {
        const id = await map();
        const owner = await account();
        await expect(action(newMapId(), owner.id)).rejects.toThrow();
        await expect(action(id, 'no-such-user')).rejects.toThrow();
        expect(await storage.actions.list(id)).toEqual([]);
      });

      it('lists what a person owns on maps where they hold an internal role', async () => {
        const first = await map('Primero');
        const second = await map('Segundo');
        const asCustomer = await map('Cliente');
        const removed = await map('Quitado');
        const owner = await account('Olga');
        const other = await account('Nico');
        await storage.members.add(first, owner.id, 'viewer');
        await storage.members.add(second, owner.id, 'owner');
        await storage.members.add(asCustomer, owner.id, 'customer');
        await storage.members.add(removed, owner.id, 'editor');
        const a = await action(first, owner.id, { due: '2026-12-24' });
        const b = await action(second, owner.id, { due: '2026-12-01' });
        await action(asCustomer, owner.id);
        await action(removed, owner.id);
        await action(first, other.id);
        await storage.members.remove(removed, owner.id);
        const owned = await storage.actions.ownedBy(owner.id);
        expect(owned.map((row) => [row.id, row.mapTitle])).toEqual([
          [b.id, 'Segundo'],
          [a.id, 'Primero'],
        ]);
        expect(owned[0]).toMatchObject({ ownerName: 'Olga', mapId: second });
      });
    });

    describe('transactions', () => {
      it('commits everything the function wrote and resolves to its result', async () => {
        const id = newMapId();
        const result = await storage.transaction(async (tx) => {
          const user = await tx.users.createAccount({
            email: 'tx@example.com',
            name: 'Tx',
            department: 'it',
            passwordHash: 'h',
          });
          await tx.maps.create({ id, title: 'in tx', template: null });
          await tx.members.add(id, user.id, 'owner');
          await tx.documents.append([{ name: `map:${id}`, update: bytes(0, 0) }]);
          expect(await tx.members.role(id, user.id)).toBe('owner');
          return user.id;
        });
        expect(await storage.members.role(id, result)).toBe('owner');
        expect(await storage.documents.tailLength(`map:${id}`)).toBe(1);
      });

      it('rolls back everything the function wrote when it rejects, and rejects with its error', async () => {
        const id = newMapId();
        const failure = new Error('changed my mind');
        await expect(
          storage.transaction(async (tx) => {
            await tx.users.createAccount({
              email: 'gone@example.com',
              name: 'Gone',
              department: 'it',
              passwordHash: 'h',
            });
            await tx.maps.create({ id, title: 'gone', template: null });
            await tx.documents.append([{ name: `map:${id}`, update: bytes(1) }]);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await storage.users.byEmail('gone@example.com')).toBeNull();
        expect(await storage.maps.get(id)).toBeNull();
        expect(await storage.documents.tailLength(`map:${id}`)).toBe(0);
      });

      it('rolls back the whole transaction when one write breaks a unique constraint', async () => {
        await account('Ana', 'taken@example.com');
        const id = newMapId();
        const error: unknown = await storage
          .transaction(async (tx) => {
            await tx.maps.create({ id, title: 'half', template: null });
            await tx.users.createAccount({
              email: 'TAKEN@example.com',
              name: 'Dup',
              department: 'it',
              passwordHash: 'h',
            });
          })
          .then(
            () => null,
            (caught: unknown) => caught,
          );
        expect(isUniqueViolation(error)).toBe(true);
        expect(await storage.maps.get(id)).toBeNull();
        // The storage is still usable afterwards.
        expect(await storage.maps.count()).toBe(0);
      });
    });

    describe('document log', () => {
      it('reads an unknown document as nothing stored', async () => {
        expect(await storage.documents.load('map:none')).toEqual({ snapshot: null, tail: [] });
        expect(await storage.documents.tailLength('map:none')).toBe(0);
        await expect(storage.documents.append([])).resolves.toBeUndefined();
      });

      it('appends a group of updates of several documents in one call, each to its own log', async () => {
        const a = new Y.Doc();
        const b = new Y.Doc();
        const aUpdates = recordUpdates(a);
        const bUpdates = recordUpdates(b);
        a.getMap('m').set('x', 1);
        b.getMap('m').set('y', 2);
        a.getArray('a').push(['first']);
        a.getArray('a').push(['second']);
        await storage.documents.append([
          { name: 'map:a', update: aUpdates[0] ?? bytes() },
          { name: 'map:b', update: bUpdates[0] ?? bytes() },
          { name: 'map:a', update: aUpdates[1] ?? bytes() },
          { name: 'map:a', update: aUpdates[2] ?? bytes() },
        ]);
        expect(await storage.documents.tailLength('map:a')).toBe(3);
        expect(await storage.documents.tailLength('map:b')).toBe(1);
        const loadedA = await storage.documents.load('map:a');
        expect(loadedA.snapshot).toBeNull();
        expect(loadedA.tail).toEqual(aUpdates);
        expectSameDoc(docOf(loadedA), a);
        expectSameDoc(docOf(await storage.documents.load('map:b')), b);
      });

      it('compacts the log into the snapshot', async () => {
        const doc = new Y.Doc();
        const updates = recordUpdates(doc);
        for (let i = 0; i < 10; i += 1) doc.getMap('m').set(`k${i}`, i);
        await storage.documents.append(updates.map((update) => ({ name: 'map:c', update })));
        await storage.documents.compact('map:c', Y.encodeStateAsUpdate(doc));
        expect(await storage.documents.tailLength('map:c')).toBe(0);
        const loaded = await storage.documents.load('map:c');
        expect(loaded.tail).toEqual([]);
        expect(loaded.snapshot).not.toBeNull();
        expectSameDoc(docOf(loaded), doc);
      });

      it("keeps another writer's updates that this process's state lacks when compacting", async () => {
        const mine = new Y.Doc();
        const theirs = new Y.Doc();
        const mineUpdates = recordUpdates(mine);
        const theirUpdates = recordUpdates(theirs);
        mine.getMap('m').set('mine', 1);
        theirs.getMap('m').set('theirs', 2);
        await storage.documents.append([{ name: 'map:d', update: mineUpdates[0] ?? bytes() }]);
        await storage.documents.append([{ name: 'map:d', update: theirUpdates[0] ?? bytes() }]);
        // This process never saw "theirs": the merge with the log still keeps it.
        await storage.documents.compact('map:d', Y.encodeStateAsUpdate(mine));
        const expected = new Y.Doc();
        Y.applyUpdate(expected, mineUpdates[0] ?? bytes());
        Y.applyUpdate(expected, theirUpdates[0] ?? bytes());
        expectSameDoc(docOf(await storage.documents.load('map:d')), expected);
      });

      it('keeps a row appended while a compaction runs', async () => {
        const mine = new Y.Doc();
        const theirs = new Y.Doc();
        const mineUpdates = recordUpdates(mine);
        const theirUpdates = recordUpdates(theirs);
        for (let i = 0; i < 20; i += 1) mine.getArray('a').push([`mine ${i}`]);
        await storage.documents.append(mineUpdates.map((update) => ({ name: 'map:e', update })));
        for (let i = 0; i < 20; i += 1) theirs.getMap('m').set(`t${i}`, i);
        const state = Y.encodeStateAsUpdate(mine);
        await Promise.all([
          storage.documents.compact('map:e', state),
          ...theirUpdates.map((update) => storage.documents.append([{ name: 'map:e', update }])),
          storage.documents.compact('map:e', state),
        ]);
        const expected = new Y.Doc();
        Y.applyUpdate(expected, Y.encodeStateAsUpdate(mine));
        Y.applyUpdate(expected, Y.encodeStateAsUpdate(theirs));
        expectSameDoc(docOf(await storage.documents.load('map:e')), expected);
      });

      it('writes an initial snapshot that later updates build on', async () => {
        const doc = new Y.Doc();
        doc.getMap('m').set('seeded', true);
        await storage.documents.writeInitial('map:f', Y.encodeStateAsUpdate(doc));
        const updates = recordUpdates(doc);
        doc.getMap('m').set('edited', true);
        await storage.documents.append(updates.map((update) => ({ name: 'map:f', update })));
        const loaded = await storage.documents.load('map:f');
        expect(loaded.snapshot).not.toBeNull();
        expect(loaded.tail).toHaveLength(1);
        expectSameDoc(docOf(loaded), doc);
      });

      it("replaces a document's whole stored state", async () => {
        const old = new Y.Doc();
        const oldUpdates = recordUpdates(old);
        old.getMap('m').set('old', 1);
        await storage.documents.writeInitial('map:g', Y.encodeStateAsUpdate(old));
        old.getMap('m').set('older', 2);
        await storage.documents.append(oldUpdates.map((update) => ({ name: 'map:g', update })));
        const repaired = new Y.Doc();
        repaired.getMap('m').set('repaired', 3);
        await storage.documents.replace('map:g', Y.encodeStateAsUpdate(repaired));
        expect(await storage.documents.tailLength('map:g')).toBe(0);
        expectSameDoc(docOf(await storage.documents.load('map:g')), repaired);
      });

      it('removes every trace of one document and leaves the others', async () => {
        const doc = new Y.Doc();
        const updates = recordUpdates(doc);
        doc.getMap('m').set('x', 1);
        doc.getMap('m').set('y', 2);
        await storage.documents.writeInitial('map:h', Y.encodeStateAsUpdate(doc));
        await storage.documents.append([
          { name: 'map:h', update: updates[0] ?? bytes() },
          { name: 'map:keep', update: updates[1] ?? bytes() },
        ]);
        await storage.documents.remove('map:h');
        expect(await storage.documents.load('map:h')).toEqual({ snapshot: null, tail: [] });
        expect(await storage.documents.tailLength('map:h')).toBe(0);
        expect(await storage.documents.tailLength('map:keep')).toBe(1);
      });
    });
  });
}
