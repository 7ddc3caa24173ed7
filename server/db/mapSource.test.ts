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

describe('migration 0012-map-source', () => {
  it('keeps the maps made before it, as AS-IS maps copied from nothing; a copy loses its link when its source goes', () => {
    const dir = makeDataDir();
    dirs.push(dir);
    const old = new DatabaseSync(databaseFile(dir));
    old.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const migration of SCHEMA_MIGRATIONS) {
      if (migration.id === '0012-map-source') break;
      old.exec(migration.sql);
      old.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, 0)').run(migration.id);
    }
    old.exec(
      "INSERT INTO maps (id, title, created_at, updated_at) VALUES ('m1', 'Hoy', 0, 0), ('m2', 'Otro', 0, 0)",
    );
    old.close();

    const db = openDatabase(dir);
    try {
      expect(db.prepare('SELECT id, source_map_id, state FROM maps ORDER BY id').all()).toEqual([
        { id: 'm1', source_map_id: null, state: 'as-is' },
        { id: 'm2', source_map_id: null, state: 'as-is' },
      ]);
      db.exec(
        "INSERT INTO maps (id, title, created_at, updated_at, source_map_id, state) VALUES ('m3', 'Mañana', 1, 1, 'm1', 'to-be')",
      );
      expect(() => db.exec("UPDATE maps SET state = 'later' WHERE id = 'm3'")).toThrow();
      db.exec("DELETE FROM maps WHERE id = 'm1'");
      expect(db.prepare("SELECT source_map_id, state FROM maps WHERE id = 'm3'").get()).toEqual({
        source_map_id: null,
        state: 'to-be',
      });
    } finally {
      db.close();
    }
  });
});
