import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildServer } from '../test/childServer.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-datadir-'));
  made.push(dir);
  return dir;
}

/** The unprivileged "nobody" account, used when these tests run as root. */
const NOBODY = 65534;

/**
 * Runs `server/main.ts` with DATA_DIR and waits for it to exit (it must not start). With
 * `asOrdinaryUser` and when the tests run as root (who writes through any mode bits), the server
 * runs as the unprivileged "nobody".
 */
function runServer(
  dataDir: string,
  asOrdinaryUser = false,
): Promise<{ code: number | null; stderr: string }> {
  const asNobody = asOrdinaryUser && process.getuid?.() === 0;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT,
      ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server started with DATA_DIR ${dataDir}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('a bad DATA_DIR', () => {
  it('that cannot be created (a file is in the way) ends the process with one clear line', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    const dataDir = path.join(file, 'data');
    const { code, stderr } = await runServer(dataDir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `recorrido: cannot start: DATA_DIR ${dataDir} cannot be created: a file is in the way\n`,
    );
  });

  it('that is a file ends the process with one clear line', async () => {
    const file = path.join(tempDir(), 'data');
    fs.writeFileSync(file, '');
    const { code, stderr } = await runServer(file);
    expect(code).toBe(1);
    expect(stderr).toBe(`recorrido: cannot start: DATA_DIR ${file} is not a folder\n`);
  });

  it('that is not writable ends the process with one clear line', async () => {
    const dataDir = tempDir();
    // Its owner may read it but not write in it (as root: owned by nobody, who runs the server).
    if (process.getuid?.() === 0) fs.chownSync(dataDir, NOBODY, NOBODY);
    fs.chmodSync(dataDir, 0o500);
    const { code, stderr } = await runServer(dataDir, true);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `recorrido: cannot start: DATA_DIR ${dataDir} is not writable: permission denied\n`,
    );
  });
});

describe('a DATA_DIR another server is using', () => {
  it('refuses the second process in one clear line; after kill -9 of the first, a restart works', async () => {
    const first = new ChildServer(tempDir());
    await first.start();
    try {
      const { code, stderr } = await runServer(first.dataDir);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `recorrido: cannot start: DATA_DIR ${first.dataDir} is in use by another Recorrido process: stop it first (one process per DATA_DIR; run several instances on PostgreSQL with DATABASE_URL)\n`,
      );
      // The first server never noticed.
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
      expect((await first.stop('SIGKILL')).signal).toBe('SIGKILL');
      // No stale lock after a crash.
      await first.start();
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      if (first.running) await first.stop('SIGKILL');
    }
  });
});
