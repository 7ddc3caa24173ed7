import { inTransaction, type Database } from './database.ts';
import { foldDocument } from '../storage/foldDocument.ts';
import type { Synchronous } from '../storage/sqlite/gate.ts';
import type { DocumentLog, LogEntry, StoredDocument } from '../storage/storage.ts';

/**
 * Snapshot + append-only update log of Yjs documents in SQLite, the DocumentLog of the SQLite
 * adapter. Every method is synchronous: node:sqlite commits before returning, so an update
 * appended inside Y.Doc's 'update' event is on disk before Hocuspocus sends the acknowledgement.
 *
 * Every log row that exists is unfolded: compaction deletes exactly the rows it merged into the
 * snapshot, so `load` reads all of them. (`document_snapshots.upto_seq` is still written, as the
 * highest seq folded so far, but nothing relies on it any more.)
 */
export class DocumentStore implements Synchronous<DocumentLog> {
  readonly #db: Database;
  readonly #append;
  readonly #loadSnapshot;
  readonly #loadLog;
  readonly #upsertSnapshot;
  readonly #trimLog;
  readonly #countTail;
  readonly #removeSnapshot;
  readonly #removeLog;

  constructor(db: Database) {
    this.#db = db;
    this.#append = db.prepare(
      'INSERT INTO document_updates (name, update_data, created_at) VALUES (?, ?, ?)',
    );
    this.#loadSnapshot = db.prepare(
      'SELECT state, upto_seq FROM document_snapshots WHERE name = ?',
    );
    this.#loadLog = db.prepare(
      'SELECT seq, update_data FROM document_updates WHERE name = ? ORDER BY seq',
    );
    this.#upsertSnapshot = db.prepare(`
      INSERT INTO document_snapshots (name, state, upto_seq, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq,
        updated_at = excluded.updated_at`);
    this.#trimLog = db.prepare('DELETE FROM document_updates WHERE name = ? AND seq <= ?');
    this.#countTail = db.prepare('SELECT COUNT(*) AS n FROM document_updates WHERE name = ?');
    this.#removeSnapshot = db.prepare('DELETE FROM document_snapshots WHERE name = ?');
    this.#removeLog = db.prepare('DELETE FROM document_updates WHERE name = ?');
  }

  /** Appends updates to the logs in one transaction (committed on return). */
  append(entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    const now = Date.now();
    if (entries.length === 1 && entries[0]) {
      this.#append.run(entries[0].name, entries[0].update, now);
      return;
    }
    inTransaction(this.#db, () => {
      for (const { name, update } of entries) this.#append.run(name, update, now);
    });
  }

  /** Reads the snapshot and every log row of the document. */
  load(name: string): StoredDocument {
    const { snapshot, rows } = this.#read(name);
    return { snapshot, tail: rows.map((row) => row.update) };
  }

  /**
   * Folds the log into the snapshot in one transaction: the new snapshot merges the stored one,
   * every log row read here and `state` (foldDocument); then exactly those rows are deleted. Under BEGIN
   * IMMEDIATE no other writer can append in between, so "seq <= the highest seq read" deletes
   * exactly the rows read.
   */
  compact(name: string, state: Uint8Array): void {
    inTransaction(this.#db, () => {
      const { snapshot, uptoSeq, rows } = this.#read(name);
      const updates = rows.map((row) => row.update);
      const merged = foldDocument(snapshot ? [snapshot, ...updates] : updates, state);
      // Rows come in seq order: the last one read is the highest.
      const maxRead = rows.at(-1)?.seq;
      this.#upsertSnapshot.run(name, merged, Math.max(uptoSeq, maxRead ?? 0), Date.now());
      if (maxRead !== undefined) this.#trimLog.run(name, maxRead);
    });
  }

  /** Writes a full state as the snapshot of a document that has none yet (seeding, import). */
  writeInitial(name: string, state: Uint8Array): void {
    this.#upsertSnapshot.run(name, state, 0, Date.now());
  }

  /** Replaces the document's whole stored state: the snapshot becomes `state`, the log empties. */
  replace(name: string, state: Uint8Array): void {
    inTransaction(this.#db, () => {
      const existing = this.#loadSnapshot.get(name);
      this.#removeLog.run(name);
      this.#upsertSnapshot.run(name, state, existing ? Number(existing.upto_seq) : 0, Date.now());
    });
  }

  /** Number of log rows not yet compacted (tests, metrics). */
  tailLength(name: string): number {
    return Number(this.#countTail.get(name)?.n ?? 0);
  }

  /** Removes every trace of a document (map deletion). */
  remove(name: string): void {
    inTransaction(this.#db, () => {
      this.#removeSnapshot.run(name);
      this.#removeLog.run(name);
    });
  }

  #read(name: string): {
    snapshot: Uint8Array | null;
    uptoSeq: number;
    rows: { seq: number; update: Uint8Array }[];
  } {
    const row = this.#loadSnapshot.get(name);
    const rows = this.#loadLog.all(name).map((r) => ({
      seq: Number(r.seq),
      update: r.update_data as Uint8Array,
    }));
    return {
      snapshot: row ? (row.state as Uint8Array) : null,
      uptoSeq: row ? Number(row.upto_seq) : 0,
      rows,
    };
  }
}
