import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './dataDirLock.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A real second process that takes the lock, says so on stdout, and then just waits. */
async function holderProcess(dataDir: string): Promise<ChildProcess> {
  const moduleUrl = new URL('./dataDirLock.ts', import.meta.url).href;
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { acquireDataDirLock } = await import(${JSON.stringify(moduleUrl)});
       // Kept reachable: a collected connection would close and drop the lock.
       globalThis.heldLock = acquireDataDirLock(${JSON.stringify(dataDir)});
       console.log('locked');
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  if (!child.stdout) throw new Error('the holder has no stdout');
  const lines = readline.createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    lines.on('line', (line) => line === 'locked' && resolve());
  });
  return child;
}

describe('the DATA_DIR lock', () => {
  it('refuses a second process with a clear message, and is free again after kill -9', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-lock-'));
    const holder = await holderProcess(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      `DATA_DIR ${dataDir} is in use by another Recorrido process: stop it first`,
    );
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    // The kernel dropped the dead process's lock: no stale lock file blocks a restart.
    const lock = acquireDataDirLock(dataDir);
    lock.release();
  });

  it('refuses a second holder in the same process until the first releases it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-lock-'));
    const first = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(/in use by another Recorrido process/);
    first.release();
    first.release();
    acquireDataDirLock(dataDir).release();
  });
});
