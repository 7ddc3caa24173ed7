import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir } from '../test/testServer.ts';
import { databaseFile, openDatabase } from './database.ts';
import { SCHEMA_MIGRATIONS } from './schema.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database as the version before migration 0003 left it. */
function databaseBefore(migrationId: string): string {
  const dir = makeDataDir();
  dirs.push(dir);
  const db = new DatabaseSync(databaseFile(dir));
  db.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  for (const migration of SCHEMA_MIGRATIONS) {
    if (migration.id === migrationId) break;
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, 0)').run(migration.id);
  }
  db.exec(`
    INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m1', 'Map', 0, 0);
    INSERT INTO map_invites (id, map_id, token_hash, role, created_at, expires_at) VALUES
      ('owner-link', 'm1', x'01', 'owner', 0, 9999999999999),
      ('editor-link', 'm1', x'02', 'editor', 0, 9999999999999),
      ('customer-link', 'm1', x'03', 'customer', 0, 9999999999999);
  `);
  db.close();
  return dir;
}

describe('migration 0003-invite-uses-and-role-changes', () => {
  it('revokes old owner links, makes old member links single-use and leaves customer links open', () => {
    const db = openDatabase(databaseBefore('0003-invite-uses-and-role-changes'));
    try {
      const rows = db
        .prepare('SELECT id, max_uses, uses, revoked_at FROM map_invites ORDER BY id')
        .all();
      expect(rows).toEqual([
        { id: 'customer-link', max_uses: null, uses: 0, revoked_at: null },
        { id: 'editor-link', max_uses: 1, uses: 0, revoked_at: null },
        { id: 'owner-link', max_uses: 1, uses: 0, revoked_at: expect.any(Number) },
      ]);
      const revokedAt = Number(rows[2]?.revoked_at);
      expect(Math.abs(revokedAt - Date.now())).toBeLessThan(60_000);
    } finally {
      db.close();
    }
  });
});
