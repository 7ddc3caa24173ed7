import fs from 'node:fs';
import path from 'node:path';

/** A problem the operator must fix before the server can start; main prints its message alone. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way';
    case 'ENOENT':
      return 'its parent folder does not exist';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * Makes sure DATA_DIR exists (creating it), is a folder, and is writable, by creating and removing
 * a probe file (a mode check alone misses read-only mounts and runs as root). Throws a
 * StartupError with a one-line message naming the folder and the reason.
 */
export function ensureWritableDataDir(dataDir: string): void {
  if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) {
    throw new StartupError(`DATA_DIR ${dataDir} is not a folder`);
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dataDir} cannot be created: ${reason(error)}`);
  }
  const probe = path.join(dataDir, `.write-probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dataDir} is not writable: ${reason(error)}`);
  }
}
