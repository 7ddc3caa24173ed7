import * as Y from 'yjs';
import { inTransaction, type Database } from './database.ts';

/** Stored state of one collaboration document: the snapshot plus the log tail after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  tail: Uint8Array[];
}

/**
 * Snapshot + append-only update log for Yjs documents. Every method is synchronous: node:sqlite
 * commits before returning, so an update appended inside Y.Doc's 'update' event is on disk before
 * Hocuspocus sends the acknowledgement.
 */
export class DocumentStore {
  readonly #db: Database;
  readonly #append;
  readonly #loadSnapshot;
  readonly #loadTail;
  readonly #maxSeq;
  readonly #upsertSnapshot;
  readonly #trimLog;
  readonly #countTail;

  constructor(db: Database) {
    this.#db = db;
    this.#append = db.prepare(
      'INSERT INTO document_updates (name, update_data, created_at) VALUES (?, ?, ?)',
    );
    this.#loadSnapshot = db.prepare(
      'SELECT state, upto_seq, updated_at FROM document_snapshots WHERE name = ?',
    );
    this.#loadTail = db.prepare(
      'SELECT update_data FROM document_updates WHERE name = ? AND seq > ? ORDER BY seq',
    );
    this.#maxSeq = db.prepare('SELECT MAX(seq) AS seq FROM document_updates WHERE name = ?');
    this.#upsertSnapshot = db.prepare(`
      INSERT INTO document_snapshots (name, state, upto_seq, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq,
        updated_at = excluded.updated_at`);
    this.#trimLog = db.prepare('DELETE FROM document_updates WHERE name = ? AND seq <= ?');
    this.#countTail = db.prepare('SELECT COUNT(*) AS n FROM document_updates WHERE name = ?');
  }

  /** Appends one update to the log (committed on return). */
  append(name: string, update: Uint8Array): void {
    this.#append.run(name, update, Date.now());
  }

  /** Reads the snapshot and every logged update after it. */
  load(name: string): StoredDocument {
    const row = this.#loadSnapshot.get(name);
    const snapshot = row ? (row.state as Uint8Array) : null;
    const uptoSeq = row ? Number(row.upto_seq) : 0;
    const tail = this.#loadTail.all(name, uptoSeq).map((r) => r.update_data as Uint8Array);
    return { snapshot, tail };
  }

  /** Applies the stored state to doc; returns false when nothing is stored under that name. */
  loadInto(name: string, doc: Y.Doc, origin: unknown): boolean {
    const { snapshot, tail } = this.load(name);
    if (!snapshot && tail.length === 0) return false;
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const update of tail) Y.applyUpdate(doc, update);
    }, origin);
    return true;
  }

  /**
   * Folds the log into a new snapshot in one transaction: the snapshot is the document's full
   * state, which contains every logged update up to the current highest seq, so those rows go.
   */
  compact(name: string, doc: Y.Doc): void {
    const state = Y.encodeStateAsUpdate(doc);
    inTransaction(this.#db, () => {
      const upto = Number(this.#maxSeq.get(name)?.seq ?? 0);
      const existing = this.#loadSnapshot.get(name);
      const uptoSeq = Math.max(upto, existing ? Number(existing.upto_seq) : 0);
      this.#upsertSnapshot.run(name, state, uptoSeq, Date.now());
      this.#trimLog.run(name, uptoSeq);
    });
  }

  /** Writes a full state as the snapshot of a document that has none yet (seeding, import). */
  writeInitial(name: string, state: Uint8Array): void {
    this.#upsertSnapshot.run(name, state, 0, Date.now());
  }

  /**
   * An opaque marker of a document's stored state: it changes with every append and compaction.
   * A command that reads with `load`, works outside a transaction and writes with `replace`
   * passes it back, so an update appended in between is never folded away unseen.
   */
  revision(name: string): string {
    const snapshot = this.#loadSnapshot.get(name);
    const maxSeq = Number(this.#maxSeq.get(name)?.seq ?? 0);
    if (!snapshot) return `none:${maxSeq}`;
    return `${Number(snapshot.upto_seq)}@${Number(snapshot.updated_at)}:${maxSeq}`;
  }

  /**
   * Replaces a document's whole stored state (an operator repair) in one transaction: `state`
   * becomes the snapshot and every log row is folded into it (deleted), as `compact` does. When
   * the stored state no longer matches `revision` (something wrote to it since it was read),
   * nothing is written and false is returned.
   */
  replace(name: string, state: Uint8Array, revision: string): boolean {
    return inTransaction(this.#db, () => {
      if (this.revision(name) !== revision) return false;
      const existing = this.#loadSnapshot.get(name);
      const upto = Number(this.#maxSeq.get(name)?.seq ?? 0);
      const uptoSeq = Math.max(upto, existing ? Number(existing.upto_seq) : 0);
      this.#upsertSnapshot.run(name, state, uptoSeq, Date.now());
      this.#trimLog.run(name, uptoSeq);
      return true;
    });
  }

  /** Number of log rows not yet compacted (tests, metrics). */
  tailLength(name: string): number {
    return Number(this.#countTail.get(name)?.n ?? 0);
  }

  /** Removes every trace of a document (map deletion). */
  remove(name: string): void {
    inTransaction(this.#db, () => {
      this.#db.prepare('DELETE FROM document_snapshots WHERE name = ?').run(name);
      this.#db.prepare('DELETE FROM document_updates WHERE name = ?').run(name);
    });
  }
}
