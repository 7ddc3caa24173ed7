import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCard, readMap, type MapId } from '../../shared/index.ts';
import { STORAGE_UNAVAILABLE } from '../../shared/close-codes.ts';
import { ChildServer } from '../test/childServer.ts';
import { connectMap, type TestClient } from '../test/collabClient.ts';
import { createMapAs, signUpUser } from '../test/testUser.ts';

// A real full disk: the server's DATA_DIR is a small tmpfs, filled up with a file while a person
// edits, then freed. Mounting needs root, as the tests run here and in CI (this machine kind).
const TMPFS_SIZE = '8m';
const EDITS = 40;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function mountTmpfs(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', dir]);
  } catch (error) {
    throw new Error(
      `this test mounts a small tmpfs as DATA_DIR and needs root (mount failed: ${String(error)})`,
      { cause: error },
    );
  }
  cleanups.push(() => {
    execFileSync('umount', ['-l', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Fills the file system holding `dir` with one file; returns its path (delete it to free). */
function fillUp(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  // The last partial blocks, so not even a page is left.
  const small = Buffer.alloc(512, 1);
  const tail = fs.openSync(filler, 'a');
  try {
    for (;;) fs.writeSync(tail, small);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(tail);
  }
  return filler;
}

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function cardTexts(client: TestClient): string[] {
  return readMap(client.doc)
    .cards.map((card) => card.text)
    .filter((text) => text.startsWith('lleno '))
    .sort();
}

describe('a full disk', () => {
  it('never acknowledges what it could not store, says so, and recovers by itself when space returns', async () => {
    const mount = mountTmpfs();
    const dataDir = path.join(mount, 'data');
    fs.mkdirSync(dataDir);
    const server = new ChildServer(dataDir);
    cleanups.push(() => server.dispose());
    await server.start();
    const owner = await signUpUser(server.url);
    const mapId = (await createMapAs(owner, { title: 'Disco lleno' })) as MapId;
    const other = (await createMapAs(owner, { title: 'Otro mapa' })) as MapId;
    const ana = connectMap(server.url, mapId, { token: owner.token });
    cleanups.push(() => ana.destroy());
    const closes: { code: number; reason: string }[] = [];
    ana.provider.on('close', ({ event }: { event: { code: number; reason: string } }) =>
      closes.push({ code: event.code, reason: event.reason }),
    );
    await ana.synced;
    const { stages, lanes } = readMap(ana.doc);
    const stageId = stages[0]?.id;
    const laneId = lanes[0]?.id;
    if (!stageId || !laneId) throw new Error('the map has no stage or lane');

    const filler = fillUp(mount);
    const expected: string[] = [];
    for (let i = 0; i < EDITS; i += 1) {
      const text = `lleno ${String(i).padStart(2, '0')}`;
      expected.push(text);
      addCard(ana.doc, { stageId, laneId, text });
    }

    // Refused, not acknowledged: the socket closes with the reason the client shows, the changes
    // stay unsynced in the client, and /healthz says why.
    await expect.poll(() => closes.some((c) => c.code === STORAGE_UNAVAILABLE.code)).toBe(true);
    expect(closes.find((c) => c.code === STORAGE_UNAVAILABLE.code)?.reason).toBe(
      STORAGE_UNAVAILABLE.reason,
    );
    expect(ana.provider.unsyncedChanges).toBeGreaterThan(0);
    const failing = await health(server.url);
    expect(failing.status).toBe(503);
    expect(failing.body).toMatchObject({
      status: 'unavailable',
      storage: { kind: 'sqlite', answers: true, writable: false },
    });
    expect(server.findLogs({ msg: 'storing updates failed' }).length).toBeGreaterThan(0);

    // Reading goes on: another person opens another map meanwhile.
    const reader = connectMap(server.url, other, { token: owner.token });
    cleanups.push(() => reader.destroy());
    await reader.synced;
    expect(readMap(reader.doc).stages.length).toBeGreaterThan(0);

    // Space returns: the client's retry stores everything, nobody reloads anything.
    fs.rmSync(filler);
    await expect
      .poll(() => ana.provider.unsyncedChanges, { timeout: 60_000, interval: 100 })
      .toBe(0);
    await expect.poll(async () => (await health(server.url)).status).toBe(200);

    // Everything is stored: a fresh client sees it, and so after kill -9 and a restart.
    const check = async () => {
      const fresh = connectMap(server.url, mapId, { token: owner.token });
      try {
        await fresh.synced;
        return cardTexts(fresh);
      } finally {
        fresh.destroy();
      }
    };
    expect(await check()).toEqual(expected);
    ana.destroy();
    reader.destroy();
    await server.stop('SIGKILL');
    await server.start();
    expect(await check()).toEqual(expected);
  });
});
