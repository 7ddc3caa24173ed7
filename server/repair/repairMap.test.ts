import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAP_UNAVAILABLE } from '../../shared/close-codes.ts';
import {
  addCard,
  cardBody,
  fragmentText,
  mapDocName,
  readMap,
  setCardText,
  type CardId,
  type MapId,
} from '../../shared/index.ts';
import { openSqliteStorage } from '../storage/sqlite/sqliteStorage.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { deepNestingUpdates } from '../test/deepNesting.ts';
import { makeDataDir, startTestServer, type TestServer } from '../test/testServer.ts';
import { createMapAs, signUpUser, type TestUser } from '../test/testUser.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const LEVELS = 20_000;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

/** A server on dataDir, closed (not deleted) after the test. */
async function serve(dataDir: string): Promise<TestServer> {
  const server = await startTestServer({ dataDir });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  cleanup.push(close);
  return { ...server, close };
}

function client(server: TestServer, mapId: string, user: TestUser): TestClient {
  const c = connectMap(server.url, mapId, { token: user.token });
  cleanup.push(() => c.destroy());
  return c;
}

/** Runs `scripts/repair-map.ts` as a child process (only this PID is ever signalled). */
async function runRepairCli(
  dataDir: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'repair-map.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  cleanup.push(() => {
    if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGKILL');
    }
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

/** The first close code and reason a client sees. */
function firstClose(c: TestClient): () => { code: number; reason: string } | undefined {
  let first: { code: number; reason: string } | undefined;
  c.provider.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    first ??= { code: event.code, reason: event.reason };
  });
  return () => first;
}

/**
 * A map with two cards, then stored as before the depth guard: 20,000 blockquotes nested in the
 * second card's body and deleted again, written straight into the DocumentStore.
 */
async function poisonedMap(dataDir: string) {
  const server = await serve(dataDir);
  const owner = await signUpUser(server.url);
  const mapId = await createMapAs(owner, { title: 'Envenenado' });
  const editor = client(server, mapId, owner);
  await editor.synced;
  const { stages, lanes } = readMap(editor.doc);
  const stage = stages[0];
  const lane = lanes[0];
  if (!stage || !lane) throw new Error('the map has no stage or lane');
  const other = addCard(editor.doc, { stageId: stage.id, laneId: lane.id, text: 'Otra tarjeta' });
  const deep = addCard(editor.doc, { stageId: stage.id, laneId: lane.id, text: 'Texto somero' });
  await expect.poll(() => editor.provider.unsyncedChanges).toBe(0);
  editor.destroy();
  await server.close();

  const storage = openSqliteStorage({ dataDir });
  try {
    const name = mapDocName(mapId as MapId);
    const { snapshot, tail } = await storage.documents.load(name);
    const stored = snapshot ? [snapshot, ...tail] : tail;
    const body = (replica: Parameters<typeof cardBody>[0]) => {
      const fragment = cardBody(replica, deep);
      if (!fragment) throw new Error('the card has no body');
      return fragment;
    };
    const { nest, remove } = deepNestingUpdates(stored, body, LEVELS);
    await storage.documents.append([
      { name, update: nest },
      { name, update: remove },
    ]);
  } finally {
    await storage.close();
  }
  return { owner, mapId, other, deep };
}

function cardText(c: TestClient, id: CardId): string | undefined {
  return readMap(c.doc).cards.find((card) => card.id === id)?.text;
}

describe('repair-map on a map poisoned by deep nesting', () => {
  it('makes a map the server refused (4503) open again with its cards and text, and honest edits survive a restart', async () => {
    const dataDir = makeDataDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const { owner, mapId, other, deep } = await poisonedMap(dataDir);

    // Before: the map cannot be loaded.
    const refused = await serve(dataDir);
    const blocked = client(refused, mapId, owner);
    const blockedClose = firstClose(blocked);
    await expect
      .poll(blockedClose, { timeout: 10_000 })
      .toEqual({ code: MAP_UNAVAILABLE.code, reason: MAP_UNAVAILABLE.reason });
    blocked.destroy();
    await refused.close();

    // A dry run reports and writes nothing.
    const name = mapDocName(mapId as MapId);
    const before = await storedBytes(dataDir, name);
    const dry = await runRepairCli(dataDir, [mapId, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${name}: would remove ${LEVELS + 2 - 64} shared types`);
    expect(await storedBytes(dataDir, name)).toEqual(before);

    const started = performance.now();
    const run = await runRepairCli(dataDir, [mapId]);
    const elapsed = performance.now() - started;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      `${name}: removed ${LEVELS + 2 - 64} shared types nested deeper than 64 (deepest was ${LEVELS + 2})`,
    );
    expect(run.stdout).toContain('3 documents checked, 1 repaired');
    expect(elapsed).toBeLessThan(30_000);

    // After: the map opens with both cards and the shallow text.
    const repaired = await serve(dataDir);
    const editor = client(repaired, mapId, owner);
    // Polled rather than awaited: without the repair this fails in 10 s instead of hanging.
    await expect.poll(() => editor.provider.isSynced, { timeout: 10_000 }).toBe(true);
    expect(cardText(editor, other)).toBe('Otra tarjeta');
    expect(cardText(editor, deep)).toBe('Texto somero');
    const body = cardBody(editor.doc, deep);
    expect(body && fragmentText(body)).toBe('Texto somero');
    setCardText(editor.doc, other, 'Editada tras la reparación');
    await expect.poll(() => editor.provider.unsyncedChanges).toBe(0);
    editor.destroy();
    await repaired.close();

    const restarted = await serve(dataDir);
    const reader = client(restarted, mapId, owner);
    await expect.poll(() => reader.provider.isSynced, { timeout: 10_000 }).toBe(true);
    expect(cardText(reader, other)).toBe('Editada tras la reparación');
    expect(cardText(reader, deep)).toBe('Texto somero');

    // A second run finds nothing left to repair.
    reader.destroy();
    await restarted.close();
    const again = await runRepairCli(dataDir, ['--all']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('3 documents checked, 0 repaired\n');
  });

  it('refuses to run beside a server on the same DATA_DIR', async () => {
    const server = await serve(makeDataDir());
    cleanup.push(() => fs.rmSync(server.dataDir, { recursive: true, force: true }));
    const run = await runRepairCli(server.dataDir, ['--all']);
    await server.close();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `repair-map: DATA_DIR ${server.dataDir} is in use by another Recorrido process: stop it first (one process per DATA_DIR; run several instances on PostgreSQL with DATABASE_URL)\n`,
    );
  });

  it('refuses an unknown map with one line and exit code 1', async () => {
    const server = await serve(makeDataDir());
    cleanup.push(() => fs.rmSync(server.dataDir, { recursive: true, force: true }));
    await server.close();
    const run = await runRepairCli(server.dataDir, ['no-such-map']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('repair-map: unknown map no-such-map\n');
  });
});

/** The stored snapshot and log of a document, read from the database file. */
async function storedBytes(dataDir: string, name: string) {
  const storage = openSqliteStorage({ dataDir });
  try {
    return await storage.documents.load(name);
  } finally {
    await storage.close();
  }
}
