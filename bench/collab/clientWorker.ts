/**
 * A client worker process: hosts many benchmark clients (one Y.Doc + one WebSocket each), writes
 * timestamped edits on schedule and measures what its readers receive. All of its clients share
 * one clock, so a latency between a writer and a reader in this process is exact.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { Histogram } from '../lib/histogram.ts';
import { nowMs, sleep, waitFor, withTimeout } from '../lib/clock.ts';
import { failToParent, onParentGone, toParent } from '../lib/children.ts';
import { connectClient, type BenchClient } from './clients.ts';
import { BENCH_MAP, type Target, type WorkerIn, type WorkerOut } from './protocol.ts';

interface Hosted {
  id: number;
  client: BenchClient;
  received: number;
}

const hosted: Hosted[] = [];
const latency = new Histogram();
let firstAt = 0;
let lastAt = 0;
/**
 * While collecting: when the drain ends. Checked inside the observe handler too, because a
 * server that floods its clients (y-websocket under load) can keep one event-loop turn busy for
 * seconds, and timers would only notice the deadline long after it passed.
 */
let collecting: { deadline: number; finish(): void } | null = null;
/** Set once results were reported: later deliveries are not counted. */
let frozen = false;

function send(message: WorkerOut): void {
  toParent(message);
}

/** Counts every key another client wrote; the value is the writer's send time. */
function observe(entry: Hosted): void {
  const map = entry.client.doc.getMap<number>(BENCH_MAP);
  map.observe((event) => {
    if (event.transaction.local || frozen) return;
    const at = nowMs();
    for (const key of event.keysChanged) {
      const sentAt = map.get(key);
      if (typeof sentAt !== 'number') continue;
      entry.received += 1;
      latency.record(at - sentAt);
    }
    if (firstAt === 0) firstAt = at;
    lastAt = at;
    if (collecting && at > collecting.deadline) collecting.finish();
  });
}

async function connect(message: Extract<WorkerIn, { type: 'connect' }>): Promise<void> {
  const targetOf = (i: number): Target => {
    const target = message.targets[message.targetIndex?.[i] ?? 0];
    if (!target) throw new Error(`no target for client ${message.firstId + i}`);
    return target;
  };
  const started = performance.now();
  for (let offset = 0; offset < message.count; offset += message.batch) {
    const batch: Hosted[] = [];
    for (let i = offset; i < Math.min(message.count, offset + message.batch); i += 1) {
      const entry: Hosted = {
        id: message.firstId + i,
        client: connectClient(targetOf(i)),
        received: 0,
      };
      observe(entry);
      hosted.push(entry);
      batch.push(entry);
    }
    await withTimeout(
      Promise.all(batch.map((entry) => entry.client.synced)),
      message.timeoutMs,
      `clients ${message.firstId + offset}.. to sync`,
    );
  }
  send({ type: 'connected', ms: performance.now() - started });
}

async function run(message: Extract<WorkerIn, { type: 'run' }>): Promise<void> {
  const writers = message.writers.map((id) => {
    const entry = hosted.find((h) => h.id === id);
    if (!entry) throw new Error(`writer ${id} is not hosted here`);
    const rank = id % message.totalWriters;
    return {
      id,
      map: entry.client.doc.getMap<number>(BENCH_MAP),
      next: message.startAt + (rank / message.totalWriters) * message.intervalMs,
      sent: 0,
    };
  });
  const deadline = message.startAt + message.maxWriteMs;
  let lagged = false;
  const startIn = message.startAt - nowMs();
  if (startIn > 0) await sleep(startIn);
  // Bounded in count (editsPerWriter each) and in time (deadline).
  for (;;) {
    const now = nowMs();
    if (now > deadline) {
      lagged = writers.some((w) => w.sent < message.editsPerWriter);
      break;
    }
    let pending = false;
    for (const writer of writers) {
      while (writer.sent < message.editsPerWriter && writer.next <= now) {
        const seq = writer.sent;
        writer.map.set(`${writer.id}:${seq}`, nowMs());
        writer.sent += 1;
        writer.next += message.intervalMs;
      }
      if (writer.sent < message.editsPerWriter) pending = true;
    }
    if (!pending) break;
    await sleep(1);
  }
  const sent: Record<string, number> = {};
  for (const writer of writers) sent[writer.id] = writer.sent;
  send({
    type: 'sent',
    sent,
    planned: writers.length * message.editsPerWriter,
    lagged,
    endedAt: nowMs(),
  });
}

async function collect(message: Extract<WorkerIn, { type: 'collect' }>): Promise<void> {
  const total = Object.values(message.sent).reduce((a, b) => a + b, 0);
  const expectedOf = (entry: Hosted) => total - (message.sent[entry.id] ?? 0);
  const done = () => hosted.every((entry) => entry.received >= expectedOf(entry));
  const finish = () => {
    if (frozen) return;
    frozen = true;
    collecting = null;
    report(expectedOf);
  };
  collecting = { deadline: nowMs() + message.drainMs, finish };
  try {
    await waitFor(() => frozen || done(), message.drainMs, 'every update to arrive', 10);
  } catch {
    // Reported as missing updates.
  }
  finish();
}

function report(expectedOf: (entry: Hosted) => number): void {
  let expected = 0;
  let received = 0;
  let readersMissing = 0;
  let disconnects = 0;
  for (const entry of hosted) {
    expected += expectedOf(entry);
    received += Math.min(entry.received, expectedOf(entry));
    if (entry.received < expectedOf(entry)) readersMissing += 1;
    disconnects += entry.client.disconnects();
  }
  send({
    type: 'collected',
    expected,
    received,
    readersMissing,
    latency: latency.toData(),
    firstAt,
    lastAt,
    disconnects,
  });
}

/** Pushes a prepared map (one update) through the first hosted client. */
async function seed(message: Extract<WorkerIn, { type: 'seed' }>): Promise<void> {
  const entry = hosted[0];
  if (!entry) throw new Error('no client to seed with');
  const update = fs.readFileSync(message.file);
  Y.applyUpdate(entry.client.doc, new Uint8Array(update));
  // Hocuspocus acknowledges; y-websocket does not (the first cold-sync sample waits instead).
  await waitFor(
    () => entry.client.unacked() === 0,
    message.timeoutMs,
    'the seed to be acknowledged',
  );
  send({
    type: 'seeded',
    cards: entry.client.doc.getMap('cards').size,
    unacked: entry.client.unacked(),
  });
}

/** Times fresh clients (no local state) until they hold every card; one warm-up first. */
async function coldSync(message: Extract<WorkerIn, { type: 'coldSync' }>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i <= message.samples; i += 1) {
    const started = nowMs();
    const client = connectClient(message.target);
    try {
      const cards = client.doc.getMap('cards');
      await withTimeout(client.synced, message.timeoutMs, 'a fresh client to sync');
      await waitFor(() => cards.size >= message.expectedCards, message.timeoutMs, 'every card', 1);
      if (i > 0) samples.push(nowMs() - started);
    } finally {
      client.destroy();
    }
    await sleep(100);
  }
  send({ type: 'coldSynced', ms: samples });
}

function stop(): void {
  for (const entry of hosted) entry.client.destroy();
  process.exit(0);
}

// y-websocket registers one process 'exit' listener per provider.
process.setMaxListeners(0);
onParentGone(stop);
process.on('message', (message: WorkerIn) => {
  const handle = async () => {
    switch (message.type) {
      case 'connect':
        return connect(message);
      case 'run':
        return run(message);
      case 'collect':
        return collect(message);
      case 'seed':
        return seed(message);
      case 'coldSync':
        return coldSync(message);
      case 'stop':
        return stop();
    }
  };
  handle().catch(failToParent);
});
