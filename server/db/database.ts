import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StartupError } from './dataDir.ts';
import { checkIntegrity } from './integrity.ts';
import { SCHEMA_MIGRATIONS } from './schema.ts';

/** The embedded database: one SQLite file under DATA_DIR, opened synchronously. */
export type Database = DatabaseSync;

/** The SQLite file under a data folder. */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'recorrido.sqlite');
}

/**
 * Opens (creating if needed) the SQLite database and applies pending schema migrations.
 * WAL + synchronous=NORMAL: a committed write survives a crash of this process (kill -9),
 * which is the durability promise; set SQLITE_SYNCHRONOUS=FULL to also survive power loss.
 */
export function openDatabase(
  dataDir: string,
  options: { backgroundCheckpoints?: boolean } = {},
): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = databaseFile(dataDir);
  const db = new DatabaseSync(file);
  const synchronous = process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL';
  try {
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = ${synchronous};
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
    `);
    checkIntegrity(db, file);
  } catch (error) {
    db.close();
    if (error instanceof StartupError) throw error;
    throw new StartupError(
      `the database file ${file} cannot be opened (${error instanceof Error ? error.message : String(error)}): restore it from a backup, or move it away to start empty`,
    );
  }
  // Checkpoints then happen in a worker thread (walCheckpointer.ts), off the event loop.
  if (options.backgroundCheckpoints) db.exec('PRAGMA wal_autocheckpoint = 0');
  migrate(db);
  return db;
}

function migrate(db: Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare('SELECT id FROM schema_migrations')
      .all()
      .map((row) => String(row.id)),
  );
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const migration of SCHEMA_MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    inTransaction(db, () => {
      db.exec(migration.sql);
      record.run(migration.id, Date.now());
    });
  }
}

/**
 * Runs fn inside BEGIN IMMEDIATE / COMMIT, rolling back on any error. Called inside another
 * transaction, fn simply joins it (SQLite has no nested BEGIN), so commands compose.
 */
export function inTransaction<T>(db: Database, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
