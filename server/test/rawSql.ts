import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sqliteDatabaseOf } from '../storage/sqlite/sqliteStorage.ts';
import type { Storage } from '../storage/storage.ts';
import { postgresUrlOfDataDir } from './testServer.ts';

/** A test server as raw SQL sees it: its storage and data folder. */
interface Target {
  storage: Storage;
  dataDir: string;
}

/**
 * Runs one SQL statement with `?` placeholders on a test server's database, whichever it is, for
 * the few checks the API cannot make (rewinding a row's clock, counting rows). Plain SQL both
 * databases understand; numbers come back as numbers.
 */
export async function sqlRows(
  target: Target,
  sql: string,
  params: readonly (string | number | null)[] = [],
): Promise<Record<string, unknown>[]> {
  const db = sqliteDatabaseOf(target.storage);
  if (db) return db.prepare(sql).all(...params);
  const client = new pg.Client({ connectionString: postgresUrl(target) });
  await client.connect();
  try {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const result = await client.query<Record<string, unknown>>(text, [...params]);
    return result.rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
        ]),
      ),
    );
  } finally {
    await client.end();
  }
}

/**
 * Everything the database holds, as text, to prove a secret is not in it: the SQLite files'
 * bytes (after a checkpoint), or every row of every PostgreSQL table printed as text.
 */
export async function databaseText(target: Target): Promise<string> {
  const db = sqliteDatabaseOf(target.storage);
  if (db) {
    db.exec('PRAGMA wal_checkpoint(FULL)');
    return fs
      .readdirSync(target.dataDir)
      .filter((file) => file.startsWith('recorrido.sqlite'))
      .map((file) => fs.readFileSync(path.join(target.dataDir, file)).toString('latin1'))
      .join('\n');
  }
  const tables = await sqlRows(
    target,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await sqlRows(target, `SELECT t::text AS row FROM "${String(table)}" t`);
    parts.push(...rows.map((row) => String(row.row)));
  }
  return parts.join('\n');
}

function postgresUrl(target: Target): string {
  const url = postgresUrlOfDataDir(target.dataDir);
  if (!url) throw new Error(`no PostgreSQL database stands for ${target.dataDir}`);
  return url;
}
