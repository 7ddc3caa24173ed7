import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newMapId, type MapId } from '../../shared/ids.ts';
import type { UserRow } from './rows.ts';
import type { Storage } from './storage.ts';
import type { OpenedStorage } from './storageContract.ts';

/**
 * The VoteStore part of the storage contract (issue 14), run against each adapter next to
 * describeStorageContract. Kept in its own file so the vote rounds stay one self-contained block
 * (no accounts are ever deleted, so only the map's cascade is checked).
 */
export function describeVoteStoreContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`vote store contract: ${name}`, () => {
    let opened: OpenedStorage;
    let storage: Storage;

    beforeEach(async () => {
      opened = await open();
      storage = opened.storage;
    });

    afterEach(async () => {
      await opened.dispose();
    });

    let counter = 0;
    function account(name = 'Ana'): Promise<UserRow> {
      counter += 1;
      return storage.users.createAccount({
        email: `voter${counter}@example.com`,
        name,
        department: 'marketing',
        passwordHash: `$argon2id$hash${counter}`,
      });
    }

    async function map(): Promise<MapId> {
      const id = newMapId();
      await storage.maps.create({ id, title: 'Viaje', template: null });
      return id;
    }

    it('starts a round, keeps one open round per map, lists newest first', async () => {
      const ana = await account('Ana');
      const mapId = await map();
      const first = await storage.votes.createRound({
        mapId,
        votesPerPerson: 3,
        cardIds: ['c1', 'c2'],
        createdBy: ana.id,
      });
      if (first === 'round-open') throw new Error('the first round was refused');
      expect(first).toMatchObject({
        mapId,
        status: 'open',
        votesPerPerson: 3,
        cardIds: ['c1', 'c2'],
        closedAt: null,
        createdBy: ana.id,
        createdByName: 'Ana',
      });
      expect(
        await storage.votes.createRound({
          mapId,
          votesPerPerson: 1,
          cardIds: ['c1'],
          createdBy: ana.id,
        }),
      ).toBe('round-open');
      const closed = await storage.votes.close(first.id);
      expect(closed).toMatchObject({ id: first.id, status: 'closed' });
      expect(await storage.votes.close(first.id)).toBe('round-closed');
      expect(await storage.votes.close('missing')).toBe('not-found');
      const second = await storage.votes.createRound({
        mapId,
        votesPerPerson: 1,
        cardIds: ['c2'],
        createdBy: ana.id,
      });
      if (second === 'round-open') throw new Error('a round after a closed one was refused');
      expect((await storage.votes.rounds(mapId)).map((r) => r.id)).toEqual([second.id, first.id]);
      expect(await storage.votes.round('missing')).toBeNull();
    });

    it('checks every vote: card in round, once per card, at most votesPerPerson, open only', async () => {
      const ana = await account('Ana');
      const bea = await account('Bea');
      const mapId = await map();
      const round = await storage.votes.createRound({
        mapId,
        votesPerPerson: 2,
        cardIds: ['c1', 'c2', 'c3'],
        createdBy: ana.id,
      });
      if (round === 'round-open') throw new Error('refused');
      expect(await storage.votes.cast(round.id, ana.id, 'c1')).toBe('ok');
      expect(await storage.votes.cast(round.id, ana.id, 'c1')).toBe('already-voted');
      expect(await storage.votes.cast(round.id, ana.id, 'zz')).toBe('card-not-in-round');
      expect(await storage.votes.cast(round.id, ana.id, 'c2')).toBe('ok');
      expect(await storage.votes.cast(round.id, ana.id, 'c3')).toBe('no-votes-left');
      expect(await storage.votes.cast(round.id, bea.id, 'c3')).toBe('ok');
      expect(await storage.votes.retract(round.id, ana.id, 'c3')).toBe('not-voted');
      expect(await storage.votes.retract(round.id, ana.id, 'c2')).toBe('ok');
      expect(await storage.votes.cast(round.id, ana.id, 'c3')).toBe('ok');
      expect(await storage.votes.cast('missing', ana.id, 'c1')).toBe('not-found');
      const votes = await storage.votes.votes(round.id);
      expect(votes.map((v) => `${v.userId === ana.id ? 'ana' : 'bea'}:${v.cardId}`).sort()).toEqual(
        ['ana:c1', 'ana:c3', 'bea:c3'],
      );
      await storage.votes.close(round.id);
      expect(await storage.votes.cast(round.id, bea.id, 'c1')).toBe('round-closed');
      expect(await storage.votes.retract(round.id, bea.id, 'c3')).toBe('round-closed');
      expect(await storage.votes.votes(round.id)).toHaveLength(3);
    });

    it('never lets concurrent votes exceed the limit', async () => {
      const ana = await account('Ana');
      const mapId = await map();
      const cards = Array.from({ length: 10 }, (_, i) => `c${i}`);
      const round = await storage.votes.createRound({
        mapId,
        votesPerPerson: 3,
        cardIds: cards,
        createdBy: ana.id,
      });
      if (round === 'round-open') throw new Error('refused');
      const outcomes = await Promise.all(cards.map((c) => storage.votes.cast(round.id, ana.id, c)));
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'no-votes-left')).toHaveLength(7);
      expect(await storage.votes.votes(round.id)).toHaveLength(3);
    });

    it('goes with its map', async () => {
      const ana = await account('Ana');
      const mapId = await map();
      const round = await storage.votes.createRound({
        mapId,
        votesPerPerson: 2,
        cardIds: ['c1'],
        createdBy: ana.id,
      });
      if (round === 'round-open') throw new Error('refused');
      await storage.votes.cast(round.id, ana.id, 'c1');
      await storage.maps.delete(mapId);
      expect(await storage.votes.round(round.id)).toBeNull();
      expect(await storage.votes.votes(round.id)).toEqual([]);
    });
  });
}
