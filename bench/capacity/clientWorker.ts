/**
 * A capacity client worker: hosts every client of the maps given to it (one Y.Doc and one
 * WebSocket each), so every edit and every receipt of a map are timed on one clock. Grows its
 * maps' clients on request, writes mostly idle edits plus a probe writer, and measures delivery
 * latency and loss in windows.
 */
import * as Y from 'yjs';
import { failToParent, onParentGone, toParent } from '../lib/children.ts';
import { nowMs, sleep, waitFor, withTimeout } from '../lib/clock.ts';
import { Histogram } from '../lib/histogram.ts';
import { connectClient, type BenchClient } from '../collab/clients.ts';
import { CAPACITY_MAP, type CapacityIn, type CapacityOut, type MapTarget } from './protocol.ts';

interface Hosted {
  id: number;
  mapIndex: number;
  client: BenchClient;
  /** Its next idle edit (a timer, not polling: thousands of clients per worker). */
  timer: NodeJS.Timeout | null;
  seq: number;
}

interface HostedMap {
  map: MapTarget;
  clients: Hosted[];
  /** Edits written to this map by its clients (all of them live here). */
  sent: number;
}

const maps = new Map<number, HostedMap>();
let nextClientId = 0;
let probe = new Histogram();
let all = new Histogram();
/** Edits sent at or after this wall-clock time are timed; before it (and with 0) none are. */
let timingFrom = 0;
let writing: {
  idleIntervalMs: number;
  probeTimer: NodeJS.Timeout | null;
  paused: boolean;
} | null = null;
let editsSent = 0;

function send(message: CapacityOut): void {
  toParent(message);
}

/** The web client's presence fields: the server stamps `user` (Recorrido), `editing` is free. */
function presenceOf(id: number): Record<string, unknown> {
  return {
    user: { id: `bench-${id}`, name: `Bench ${id}`, department: null, color: '#1f5f8b' },
    editing: null,
  };
}

/** Times every edit another client of the map wrote in the measuring window. */
function observe(entry: Hosted): void {
  const edits = entry.client.doc.getMap<number>(CAPACITY_MAP);
  edits.observe((event) => {
    if (event.transaction.local || timingFrom === 0) return;
    const at = nowMs();
    for (const key of event.keysChanged) {
      const sentAt = edits.get(key);
      if (typeof sentAt !== 'number' || sentAt < timingFrom) continue;
      all.record(at - sentAt);
      if (key.startsWith('p')) probe.record(at - sentAt);
    }
  });
}

function addClient(hostedMap: HostedMap, presence: boolean): Hosted {
  const id = nextClientId;
  nextClientId += 1;
  const entry: Hosted = {
    id,
    mapIndex: hostedMap.map.index,
    client: connectClient(hostedMap.map.target, presence ? presenceOf(id) : undefined),
    timer: null,
    seq: 0,
  };
  observe(entry);
  hostedMap.clients.push(entry);
  return entry;
}

async function grow(message: Extract<CapacityIn, { type: 'grow' }>): Promise<void> {
  const started = performance.now();
  const seed = message.seed ? new Uint8Array(Buffer.from(message.seed, 'base64')) : null;
  // First one client on every new map (the one that pushes the seed), then the rest.
  const fresh: HostedMap[] = [];
  for (const { map } of message.maps) {
    if (!maps.has(map.index)) {
      const hostedMap: HostedMap = { map, clients: [], sent: 0 };
      maps.set(map.index, hostedMap);
      fresh.push(hostedMap);
    }
  }
  for (let offset = 0; offset < fresh.length; offset += message.batch) {
    const batch = fresh.slice(offset, offset + message.batch);
    const firsts = batch.map((hostedMap) => addClient(hostedMap, message.presence));
    await withTimeout(
      Promise.all(firsts.map((entry) => entry.client.synced)),
      message.timeoutMs,
      'the first clients of new maps to sync',
    );
    if (seed) {
      for (const entry of firsts) Y.applyUpdate(entry.client.doc, seed);
      await waitFor(
        () => firsts.every((entry) => entry.client.unacked() === 0),
        message.timeoutMs,
        'the demo map to be acknowledged',
        10,
      );
    }
  }
  const added: Hosted[] = [];
  const pending: { hostedMap: HostedMap; missing: number }[] = message.maps.map((m) => {
    const hostedMap = maps.get(m.map.index);
    if (!hostedMap) throw new Error(`map ${m.map.index} is not hosted here`);
    return { hostedMap, missing: Math.max(0, m.clients - hostedMap.clients.length) };
  });
  // Round-robin over the maps, so a map's clients connect spread over the whole ramp.
  const queue: HostedMap[] = [];
  for (let round = 0; pending.some((p) => p.missing > 0); round += 1) {
    for (const p of pending) {
      if (p.missing > 0) {
        queue.push(p.hostedMap);
        p.missing -= 1;
      }
    }
  }
  for (let offset = 0; offset < queue.length; offset += message.batch) {
    const batch = queue
      .slice(offset, offset + message.batch)
      .map((hostedMap) => addClient(hostedMap, message.presence));
    added.push(...batch);
    await withTimeout(
      Promise.all(batch.map((entry) => entry.client.synced)),
      message.timeoutMs,
      'clients to sync',
    );
  }
  const everyone = [...maps.values()].flatMap((m) => m.clients);
  await waitFor(
    () => everyone.every((e) => e.client.doc.getMap('cards').size >= message.expectedCards),
    message.timeoutMs,
    'every client to hold the whole map',
    10,
  );
  // A client that joins while others write starts writing too, at a random phase.
  for (const entry of added) {
    const hostedMap = maps.get(entry.mapIndex);
    if (writing && hostedMap) {
      scheduleIdle(entry, hostedMap, Math.random() * writing.idleIntervalMs);
    }
  }
  const first = everyone[0];
  send({
    type: 'grown',
    ms: performance.now() - started,
    clients: everyone.length,
    stateBytes: first ? Y.encodeStateAsUpdate(first.client.doc).length : 0,
    cards: first ? first.client.doc.getMap('cards').size : 0,
  });
}

function write(entry: Hosted, hostedMap: HostedMap, key: string): void {
  entry.client.doc.getMap<number>(CAPACITY_MAP).set(key, nowMs());
  hostedMap.sent += 1;
  editsSent += 1;
}

/** The next idle edit of a client in delayMs, then one every idleIntervalMs (skipped while paused). */
function scheduleIdle(entry: Hosted, hostedMap: HostedMap, delayMs: number): void {
  entry.timer = setTimeout(() => {
    if (!writing) return;
    if (!writing.paused) {
      write(entry, hostedMap, `${entry.id}:${entry.seq}`);
      entry.seq += 1;
    }
    scheduleIdle(entry, hostedMap, writing.idleIntervalMs);
  }, delayMs);
}

function startWriting(message: Extract<CapacityIn, { type: 'write' }>): void {
  writing = { idleIntervalMs: message.idleIntervalMs, probeTimer: null, paused: false };
  for (const hostedMap of maps.values()) {
    for (const entry of hostedMap.clients) {
      scheduleIdle(entry, hostedMap, Math.random() * message.idleIntervalMs);
    }
  }
  const probeMap = message.probeMap === null ? undefined : maps.get(message.probeMap);
  const prober = probeMap?.clients[0];
  if (probeMap && prober) {
    writing.probeTimer = setInterval(() => {
      if (!writing || writing.paused) return;
      write(prober, probeMap, `p${prober.id}:${prober.seq}`);
      prober.seq += 1;
    }, message.probeIntervalMs);
  }
}

function stopWriting(): void {
  if (writing?.probeTimer) clearInterval(writing.probeTimer);
  writing = null;
  for (const hostedMap of maps.values()) {
    for (const entry of hostedMap.clients) if (entry.timer) clearTimeout(entry.timer);
  }
}

/** Times one window, then pauses writing, drains and counts what every client misses. */
async function measure(message: Extract<CapacityIn, { type: 'measure' }>): Promise<void> {
  probe = new Histogram();
  all = new Histogram();
  const sentBefore = editsSent;
  timingFrom = nowMs();
  await sleep(message.windowMs);
  if (writing) writing.paused = true;
  const sentInWindow = editsSent - sentBefore;
  const shortfall = () => {
    let lost = 0;
    let missing = 0;
    for (const hostedMap of maps.values()) {
      for (const entry of hostedMap.clients) {
        const held = entry.client.doc.getMap(CAPACITY_MAP).size;
        if (held < hostedMap.sent) {
          lost += hostedMap.sent - held;
          missing += 1;
        }
      }
    }
    return { lost, missing };
  };
  try {
    await waitFor(() => shortfall().lost === 0, message.drainMs, 'every edit to arrive', 20);
  } catch {
    // Reported as lost edits.
  }
  timingFrom = 0;
  const { lost, missing } = shortfall();
  const everyone = [...maps.values()].flatMap((m) => m.clients);
  send({
    type: 'measured',
    probe: probe.toData(),
    all: all.toData(),
    editsSent: sentInWindow,
    lost,
    clientsMissing: missing,
    disconnects: everyone.reduce((total, e) => total + e.client.disconnects(), 0),
    clients: everyone.length,
  });
  // Writing goes on: edits due during the pause were skipped, not caught up.
  if (writing) writing.paused = false;
}

function closeAll(): void {
  stopWriting();
  for (const hostedMap of maps.values()) {
    for (const entry of hostedMap.clients) entry.client.destroy();
  }
  maps.clear();
  send({ type: 'closed', at: nowMs() });
}

function stop(): void {
  stopWriting();
  for (const hostedMap of maps.values()) {
    for (const entry of hostedMap.clients) entry.client.destroy();
  }
  process.exit(0);
}

onParentGone(stop);
process.on('message', (message: CapacityIn) => {
  const handle = async () => {
    switch (message.type) {
      case 'grow':
        return grow(message);
      case 'write':
        return startWriting(message);
      case 'measure':
        return measure(message);
      case 'closeAll':
        return closeAll();
      case 'stop':
        return stop();
    }
  };
  handle().catch(failToParent);
});
