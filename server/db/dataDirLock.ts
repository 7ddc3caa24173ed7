import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StartupError } from './dataDir.ts';

/** The lock file beside the database. */
export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'recorrido.lock');
}

/** A held DATA_DIR lock; release() lets another process take it. */
export interface DataDirLock {
  release(): void;
}

/**
 * Takes the exclusive lock of a data folder, or throws a StartupError saying another process
 * holds it. Two processes writing one SQLite folder would each compact the other's log rows away,
 * losing acknowledged edits, so the embedded database is for one process only.
 *
 * The lock is an exclusive transaction held open on a small SQLite file beside the database:
 * SQLite takes it with the operating system's file locks, which the kernel releases when the
 * process ends in any way (kill -9 included), so a crash never leaves a stale lock behind, and it
 * also refuses a second opener inside the same process. The database file itself stays free for
 * the WAL checkpoint worker. Keep the returned lock reachable for as long as it must hold: a
 * garbage-collected connection is closed, and its lock goes with it.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = lockFile(dataDir);
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    const busy = error instanceof Error && /locked|busy/i.test(error.message);
    if (busy) {
      throw new StartupError(
        `DATA_DIR ${dataDir} is in use by another Recorrido process: stop it first (one process per DATA_DIR; run several instances on PostgreSQL with DATABASE_URL)`,
      );
    }
    throw new StartupError(
      `DATA_DIR ${dataDir}: cannot lock ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      db.close();
    },
  };
}
