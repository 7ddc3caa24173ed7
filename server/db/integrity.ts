import type { DatabaseSync } from 'node:sqlite';
import { StartupError } from './dataDir.ts';

/**
 * Checks the SQLite file's structure at start (`PRAGMA quick_check`: every page and index entry
 * readable and well-formed, in time linear in the file's size). A damaged file is refused with a
 * one-line StartupError instead of serving logins while maps silently fail to sync.
 */
export function checkIntegrity(db: DatabaseSync, file: string): void {
  let problems: string[];
  try {
    problems = db
      .prepare('PRAGMA quick_check(5)')
      .all()
      .map((row) => String(Object.values(row)[0]))
      .filter((line) => line !== 'ok');
  } catch (error) {
    throw damaged(file, error instanceof Error ? error.message : String(error));
  }
  if (problems.length > 0) throw damaged(file, problems.join('; '));
}

function damaged(file: string, detail: string): StartupError {
  return new StartupError(
    `the database file ${file} is damaged (${detail}): restore it from a backup, or move it away to start empty`,
  );
}
