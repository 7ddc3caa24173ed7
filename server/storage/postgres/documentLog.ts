import * as Y from 'yjs';
import type { DocumentLog, LogEntry, StoredDocument } from '../storage.ts';
import type { Executor } from './executor.ts';

/**
 * First key of the per-document advisory locks (the two-int4 key space; the second key is
 * hashtext(name)). Compaction, replace, writeInitial and remove take it; appends never do, so the
 * hot path waits for nobody. A hash collision only makes two documents wait for each other.
 */
const DOCUMENT_LOCK_CLASS = 727_465_002;

/** A bytea as a plain Uint8Array (pg gives Buffers; SQLite gives Uint8Arrays). */
export function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

async function lockDocument(exec: Executor, name: string): Promise<void> {
  await exec.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DOCUMENT_LOCK_CLASS, name]);
}

async function upsertSnapshot(
  exec: Executor,
  name: string,
  state: Uint8Array,
  uptoSeq: number,
): Promise<void> {
  await exec.query(
    `INSERT INTO document_snapshots (name, state, upto_seq, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq,
       updated_at = excluded.updated_at`,
    [name, state, uptoSeq, Date.now()],
  );
}

/**
 * Snapshot + append-only update log on PostgreSQL, safe with several processes writing the same
 * document: a log row is deleted only by the compaction that read it and folded it in.
 */
export function postgresDocumentLog(exec: Executor): DocumentLog {
  return {
    async append(entries: readonly LogEntry[]): Promise<void> {
      if (entries.length === 0) return;
      // ONE statement for the whole group (a group commit): one round trip, one WAL flush, and
      // the promise resolves after COMMIT (synchronous_commit on: durable).
      const now = Date.now();
      await exec.query(
        `INSERT INTO document_updates (name, update_data, created_at)
         SELECT name, update_data, $3
         FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t (name, update_data, ord)
         ORDER BY ord`,
        [entries.map((entry) => entry.name), entries.map((entry) => entry.update), now],
      );
    },

    async load(name: string): Promise<StoredDocument> {
      // One statement sees one MVCC snapshot (as a REPEATABLE READ transaction would): the
      // snapshot and ALL log rows of the name, never filtered by upto_seq, since a row with a
      // smaller seq can commit after a larger one was compacted.
      const { rows } = await exec.query<{ part: number; data: Uint8Array }>(
        `SELECT 0 AS part, state AS data, 0::bigint AS seq FROM document_snapshots WHERE name = $1
         UNION ALL
         SELECT 1 AS part, update_data AS data, seq FROM document_updates WHERE name = $1
         ORDER BY part, seq`,
        [name],
      );
      let snapshot: Uint8Array | null = null;
      const tail: Uint8Array[] = [];
      for (const row of rows) {
        if (row.part === 0) snapshot = toBytes(row.data);
        else tail.push(toBytes(row.data));
      }
      return { snapshot, tail };
    },

    async compact(name: string, state: Uint8Array): Promise<void> {
      await exec.atomic(async (tx) => {
        await lockDocument(tx, name);
        const snapshot = await tx.query<{ state: Uint8Array; upto_seq: string }>(
          'SELECT state, upto_seq FROM document_snapshots WHERE name = $1',
          [name],
        );
        const log = await tx.query<{ seq: string; update_data: Uint8Array }>(
          'SELECT seq, update_data FROM document_updates WHERE name = $1 ORDER BY seq',
          [name],
        );
        // The merge of stored snapshot, the rows read and this process's state, through a Y.Doc
        // so deleted content is garbage-collected (Y.mergeUpdates would keep it forever).
        const doc = new Y.Doc();
        try {
          const previous = snapshot.rows[0];
          if (previous) Y.applyUpdate(doc, previous.state);
          for (const row of log.rows) Y.applyUpdate(doc, row.update_data);
          Y.applyUpdate(doc, state);
          const seqs = log.rows.map((row) => row.seq);
          let uptoSeq = previous ? Number(previous.upto_seq) : 0;
          for (const seq of seqs) uptoSeq = Math.max(uptoSeq, Number(seq));
          await upsertSnapshot(tx, name, Y.encodeStateAsUpdate(doc), uptoSeq);
          // Exactly the rows read: a row appended meanwhile (by any process) stays in the log.
          if (seqs.length > 0) {
            await tx.query(
              'DELETE FROM document_updates WHERE name = $1 AND seq = ANY($2::bigint[])',
              [name, seqs],
            );
          }
        } finally {
          doc.destroy();
        }
      });
    },

    async writeInitial(name: string, state: Uint8Array): Promise<void> {
      await exec.atomic(async (tx) => {
        await lockDocument(tx, name);
        await upsertSnapshot(tx, name, state, 0);
      });
    },

    async replace(name: string, state: Uint8Array): Promise<void> {
      await exec.atomic(async (tx) => {
        await lockDocument(tx, name);
        await tx.query('DELETE FROM document_updates WHERE name = $1', [name]);
        await upsertSnapshot(tx, name, state, 0);
      });
    },

    async tailLength(name: string): Promise<number> {
      const { rows } = await exec.query<{ n: string }>(
        'SELECT COUNT(*) AS n FROM document_updates WHERE name = $1',
        [name],
      );
      return Number(rows[0]?.n ?? 0);
    },

    async remove(name: string): Promise<void> {
      await exec.atomic(async (tx) => {
        await lockDocument(tx, name);
        await tx.query('DELETE FROM document_snapshots WHERE name = $1', [name]);
        await tx.query('DELETE FROM document_updates WHERE name = $1', [name]);
      });
    },
  };
}
