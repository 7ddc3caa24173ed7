import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, openDatabase } from './database.ts';

function dataDirWithRows(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-integrity-'));
  const db = openDatabase(dataDir);
  const insert = db.prepare(
    'INSERT INTO document_updates (name, update_data, created_at) VALUES (?, ?, ?)',
  );
  for (let i = 0; i < 2_000; i += 1) insert.run(`map:${i % 7}`, new Uint8Array(200).fill(i), i);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return dataDir;
}

describe('opening a damaged database file', () => {
  it('refuses a file with an overwritten page in one clear line', () => {
    const dataDir = dataDirWithRows();
    const file = databaseFile(dataDir);
    const pageSize = 4096;
    const pages = fs.statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(20);
    // A page in the middle of the table overwritten, as a bad disk or a stray write would.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, Math.floor(pages / 2) * pageSize);
    fs.closeSync(fd);
    expect(() => openDatabase(dataDir)).toThrow(
      new RegExp(
        `^the database file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (is damaged|cannot be opened) \\(.+\\): restore it from a backup`,
      ),
    );
  });

  it('refuses a file that is not a database at all', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-integrity-'));
    fs.writeFileSync(databaseFile(dataDir), 'this is not a database, just text '.repeat(200));
    expect(() => openDatabase(dataDir)).toThrow(/cannot be opened \(file is not a database\)/);
  });

  it('opens a healthy file', () => {
    const dataDir = dataDirWithRows();
    const db = openDatabase(dataDir);
    expect(Number(db.prepare('SELECT COUNT(*) AS n FROM document_updates').get()?.n)).toBe(2_000);
    db.close();
  });
});
