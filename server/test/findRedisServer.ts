import fs from 'node:fs';
import path from 'node:path';

/** Where Debian's `redis-server` package puts the binary. */
export const SYSTEM_REDIS_SERVER = '/usr/bin/redis-server';

/** Path of a usable `redis-server`: $REDIS_SERVER_PATH, one on PATH, or Debian's; null if none. */
export function findRedisServer(): string | null {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, 'redis-server'));
  const candidates = [process.env.REDIS_SERVER_PATH, ...onPath, SYSTEM_REDIS_SERVER];
  return (
    candidates.find((candidate): candidate is string => !!candidate && isExecutable(candidate)) ??
    null
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
