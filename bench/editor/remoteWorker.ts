/**
 * The remote editors of bench/editor: a worker process hosting the benchmark's scripted
 * colleagues, each with its own Y.Doc and its own socket to the real server (as a browser tab
 * would have), each typing into its own card. It also seeds the big map through one provider.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import {
  cardBody,
  deleteLane,
  deleteStage,
  EDITING_FIELD,
  readMap,
  type CardId,
  type MapView,
} from '../../shared/index.ts';
import { fillBigMap } from '../collab/bigMap.ts';
import { failToParent, onParentGone, toParent } from '../lib/children.ts';
import { nowMs, sleep, waitFor, withTimeout } from '../lib/clock.ts';
import type { MapTarget, RemoteIn, RemoteOut } from './protocol.ts';

/** Characters a remote editor types into its card before deleting them again in one go. */
const TYPED_RUN = 30;
const LETTERS = 'the customer waits for an answer ';

interface Remote {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  synced: Promise<void>;
}

let remotes: Remote[] = [];
let editing: { stop: boolean; done: Promise<{ edits: number; lagged: boolean }> } | null = null;

function send(message: RemoteOut): void {
  toParent(message);
}

function connect(target: MapTarget): Remote {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({
    url: target.wsUrl,
    name: target.documentName,
    document: doc,
    token: target.token,
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
      reject(new Error(`authentication failed: ${reason}`)),
    );
  });
  return { doc, provider, synced };
}

function destroy(remote: Remote): void {
  remote.provider.destroy();
  remote.doc.destroy();
}

/**
 * Turns a blank map (three stages, three lanes, no card) into the big map: removes what the
 * blank template made and adds the big map's stages, lanes and cards, all in one transaction,
 * which this provider sends to the server as one update; waits until the server acknowledged it.
 */
async function seed(message: Extract<RemoteIn, { type: 'seed' }>): Promise<void> {
  const remote = connect(message.target);
  try {
    await withTimeout(remote.synced, message.timeoutMs, 'the seeding client to sync');
    const before = readMap(remote.doc);
    let cards = 0;
    remote.doc.transact(() => {
      for (const stage of before.stages) deleteStage(remote.doc, stage.id);
      for (const lane of before.lanes) deleteLane(remote.doc, lane.id);
      cards = fillBigMap(remote.doc, message.shape);
    });
    await waitFor(
      () => remote.provider.unsyncedChanges === 0,
      message.timeoutMs,
      'the server to acknowledge the big map',
      10,
    );
    send({ type: 'seeded', cards: Math.min(cards, readMap(remote.doc).cards.length) });
  } finally {
    destroy(remote);
  }
}

async function connectAll(message: Extract<RemoteIn, { type: 'connect' }>): Promise<void> {
  const started = performance.now();
  remotes = Array.from({ length: message.clients }, () => connect(message.target));
  await withTimeout(
    Promise.all(remotes.map((r) => r.synced)),
    message.timeoutMs,
    `${message.clients} remote editors to sync`,
  );
  const cards = remotes[0] ? readMap(remotes[0].doc).cards.length : 0;
  send({ type: 'connected', ms: performance.now() - started, cards });
}

/**
 * Which cards the remote editors type in, one card per cell, never in the browser's cell:
 * half in the first cells in reading order (on screen at the top left, where the browser types),
 * half spread evenly over the rest of the map (mostly off screen on a big map).
 */
export function pickCards(view: MapView, exclude: string, count: number): CardId[] {
  const excluded = view.cards.find((card) => card.id === exclude);
  const firstOfCell = new Map<string, CardId>();
  for (const card of view.cards) {
    if (excluded && card.stageId === excluded.stageId && card.laneId === excluded.laneId) continue;
    const cell = `${card.laneId}/${card.stageId}`;
    if (!firstOfCell.has(cell)) firstOfCell.set(cell, card.id);
  }
  const cells = [...firstOfCell.values()];
  if (cells.length < count) throw new Error(`only ${cells.length} cells to edit, ${count} wanted`);
  const near = Math.ceil(count / 2);
  const picked = cells.slice(0, near);
  const rest = cells.slice(near);
  const far = count - near;
  for (let i = 0; i < far; i += 1) {
    const card = rest[Math.floor(((i + 0.5) * rest.length) / far)];
    if (card) picked.push(card);
  }
  return picked;
}

/**
 * One keystroke of a colleague in a card: a character at the end of the first paragraph, as a
 * rich-text editor writes it (the paragraph's Y.XmlText); every TYPED_RUN characters, what they
 * typed is deleted again, so the card keeps its size however long the run.
 */
function typeOne(doc: Y.Doc, cardId: CardId, seq: number): void {
  const body = cardBody(doc, cardId);
  if (!body) throw new Error(`card ${cardId} has no body`);
  doc.transact(() => {
    let paragraph = body.get(0);
    if (!(paragraph instanceof Y.XmlElement)) {
      paragraph = new Y.XmlElement('paragraph');
      body.insert(0, [paragraph]);
    }
    let text = paragraph.get(0);
    if (!(text instanceof Y.XmlText)) {
      text = new Y.XmlText();
      paragraph.insert(0, [text]);
    }
    const position = seq % (TYPED_RUN + 1);
    if (position === TYPED_RUN) text.delete(text.length - TYPED_RUN, TYPED_RUN);
    else text.insert(text.length, LETTERS[seq % LETTERS.length] ?? 'x');
  });
}

function startEditing(message: Extract<RemoteIn, { type: 'edit' }>): void {
  const first = remotes[0];
  if (!first) throw new Error('no remote editor connected');
  const cardIds = pickCards(readMap(first.doc), message.exclude, remotes.length);
  const intervalMs = 1000 / message.editsPerSecond;
  const startAt = nowMs();
  const writers = remotes.map((remote, i) => {
    const cardId = cardIds[i] as CardId;
    // Seen by everyone as "editing this card", as the web client's editor claims it.
    remote.provider.setAwarenessField(EDITING_FIELD, { kind: 'card', id: cardId });
    return { remote, cardId, seq: 0, next: startAt + (i / remotes.length) * intervalMs };
  });
  const state = { stop: false, done: Promise.resolve({ edits: 0, lagged: false }) };
  state.done = (async () => {
    let edits = 0;
    let lagged = false;
    while (!state.stop) {
      const now = nowMs();
      for (const writer of writers) {
        if (writer.next > now) continue;
        // More than one interval behind: this process could not keep the pace.
        if (now - writer.next > intervalMs) lagged = true;
        typeOne(writer.remote.doc, writer.cardId, writer.seq);
        writer.seq += 1;
        edits += 1;
        writer.next += intervalMs;
      }
      await sleep(2);
    }
    for (const writer of writers) writer.remote.provider.setAwarenessField(EDITING_FIELD, null);
    return { edits, lagged };
  })();
  editing = state;
  send({ type: 'editing', cardIds });
}

/** Stops the typing (if any) and says how many edits were sent. */
async function stopEditing(): Promise<{ edits: number; lagged: boolean }> {
  const current = editing;
  editing = null;
  if (!current) return { edits: 0, lagged: false };
  current.stop = true;
  return current.done;
}

async function pause(): Promise<void> {
  send({ type: 'paused', ...(await stopEditing()) });
}

async function disconnect(): Promise<void> {
  await stopEditing();
  for (const remote of remotes.splice(0)) destroy(remote);
  send({ type: 'disconnected' });
}

function stop(): void {
  for (const remote of remotes) destroy(remote);
  process.exit(0);
}

onParentGone(stop);
process.on('message', (message: RemoteIn) => {
  const handle = async () => {
    switch (message.type) {
      case 'seed':
        return seed(message);
      case 'connect':
        return connectAll(message);
      case 'edit':
        return startEditing(message);
      case 'pause':
        return pause();
      case 'disconnect':
        return disconnect();
      case 'stop':
        return stop();
    }
  };
  handle().catch(failToParent);
});
