import type { Hocuspocus } from '@hocuspocus/server';
import { StoredMirror } from '../collab/storedMirror.ts';
import type * as Y from 'yjs';
import { votesDocName, type MapId } from '../../shared/index.ts';
import { serverOrigin } from '../../shared/origins.ts';
import type { VoteStore } from '../storage/storage.ts';
import { roundJson, type RoundJson } from './roundJson.ts';

/** The root Y.Map of `map:<id>/votes`: round id -> RoundJson (a plain object). */
export const VOTES_ROOT = 'rounds';

/** What the mirror reads. */
export type VotesMirrorStore = Pick<VoteStore, 'rounds' | 'votes'>;

/** Origin of the server's writes to a votes mirror (labelled for hooks and logs). */
export const VOTES_MIRROR_ORIGIN = Object.freeze(serverOrigin('votes-mirror'));

/** The public JSON of every round of a map, as stored now. */
export async function storedRounds(store: VotesMirrorStore, mapId: MapId): Promise<RoundJson[]> {
  const rounds = await store.rounds(mapId);
  return Promise.all(rounds.map(async (round) => roundJson(round, await store.votes(round.id))));
}

/**
 * Makes the document's `rounds` map hold exactly these rounds, writing only the rounds that
 * differ (so an unchanged refresh sends nothing to clients).
 */
export function syncRounds(doc: Y.Doc, rounds: readonly RoundJson[]): void {
  const root = doc.getMap<unknown>(VOTES_ROOT);
  const wanted = new Map(rounds.map((round) => [round.id, round]));
  for (const id of [...root.keys()]) if (!wanted.has(id)) root.delete(id);
  for (const [id, round] of wanted) {
    if (JSON.stringify(root.get(id)) !== JSON.stringify(round)) root.set(id, { ...round });
  }
}

/** Makes a loaded votes document hold exactly the stored rounds of its map. */
export async function rebuildVotesMirror(
  doc: Y.Doc,
  store: VotesMirrorStore,
  mapId: MapId,
): Promise<void> {
  const rounds = await storedRounds(store, mapId);
  doc.transact(() => syncRounds(doc, rounds), VOTES_MIRROR_ORIGIN);
}

/**
 * Keeps `map:<id>/votes` equal to the stored rounds (see StoredMirror). It only ever holds
 * RoundJson: the number of voters while a round is open, the ranked counts once it is closed,
 * never who voted for what.
 */
export class VotesMirror extends StoredMirror {
  constructor(hocuspocus: Hocuspocus, store: VotesMirrorStore) {
    super(hocuspocus, votesDocName, async (mapId) => {
      const rounds = await storedRounds(store, mapId);
      return (doc) => syncRounds(doc, rounds);
    });
  }
}
