import * as Y from 'yjs';
import { addCard, readMap, setCardText, setEmotion, type CardId } from '../../shared/index.ts';
import type { TestClient } from './collabClient.ts';

/**
 * A test client that remembers every update it made itself, in order, so a test can tell which of
 * them the server acknowledged: the provider sends each local update as one message (no batching in
 * tests) and the acknowledgements come back in the same order on the one socket, so the first
 * `sent.length - provider.unsyncedChanges` updates are the acknowledged ones (after a reconnect,
 * until everything is synced again, only those acknowledged before the drop count).
 */
export interface EditingClient {
  client: TestClient;
  /** Every local update of this client, oldest first. */
  sent: Uint8Array[];
  /** How many of `sent` the server has acknowledged so far (a lower bound while edits fly). */
  acknowledged(): number;
}

/** Starts recording the local updates of a client (call it before the first edit). */
export function recordEdits(client: TestClient): EditingClient {
  const sent: Uint8Array[] = [];
  client.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) sent.push(update);
  });
  // A reconnect restarts the provider's count at 1 (its sync step covers whatever was unsent), so
  // from a drop until the count is back to 0 only what was acknowledged before the drop is certain.
  let ackedBeforeDrop: number | null = null;
  const countNow = () => sent.length - client.provider.unsyncedChanges;
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected' && ackedBeforeDrop === null) ackedBeforeDrop = countNow();
  });
  client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number === 0 && client.provider.isSynced) ackedBeforeDrop = null;
  });
  return {
    client,
    sent,
    acknowledged: () => ackedBeforeDrop ?? countNow(),
  };
}

/**
 * Makes `count` edits on a client's map as a person would, mixing new cards, text edits and emotion
 * scores, yielding to the event loop every few edits so updates stream out while acks come back.
 * Every third edit (i = 0, 3, 6, ...) adds a card; every edit changes the map (one update each).
 */
export async function editContinuously(c: TestClient, tag: string, count: number): Promise<void> {
  const { stages, lanes } = readMap(c.doc);
  const stage = stages[0];
  const lane = lanes[0];
  if (!stage || !lane) throw new Error('the map has no stage or lane');
  const mine: CardId[] = [];
  // Only this client edits its own cards, so a score that differs from its last one is a change.
  const emotions = new Map<CardId, number>();
  for (let i = 0; i < count; i++) {
    const target = mine[(i * 7) % Math.max(1, mine.length)];
    if (i % 3 === 0 || !target) {
      mine.push(addCard(c.doc, { stageId: stage.id, laneId: lane.id, text: `${tag} card ${i}` }));
    } else if (i % 3 === 1) {
      setCardText(c.doc, target, `${tag} edit ${i}`);
    } else {
      const score = (((emotions.get(target) ?? 0) + 3) % 5) - 2; // -2..2, never the last one
      emotions.set(target, score);
      setEmotion(c.doc, target, score);
    }
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** True when two replicas hold the same updates (equal state vectors). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Y.encodeStateVector(b));
}

/**
 * The updates among `updates` that `doc` does not already contain: applying each to a copy of the
 * doc and watching whether the copy changes. Empty means none of them was lost.
 */
export function missingUpdates(doc: Y.Doc, updates: readonly Uint8Array[]): number[] {
  const check = new Y.Doc();
  Y.applyUpdate(check, Y.encodeStateAsUpdate(doc));
  let changes = 0;
  check.on('update', () => (changes += 1));
  const missing: number[] = [];
  for (const [index, update] of updates.entries()) {
    const before = changes;
    Y.applyUpdate(check, update);
    if (changes > before) missing.push(index);
  }
  check.destroy();
  return missing;
}
