/** One ordered SQL migration of the server's database. */
export interface SqlMigration {
  /** Stable id; never renamed once shipped. */
  id: string;
  sql: string;
}

/** Every table the server keeps, in the order they were introduced. */
export const SCHEMA_MIGRATIONS: readonly SqlMigration[] = [
  {
    id: '0001-maps-and-documents',
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        template TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- Compacted Yjs state of a collaboration document (map:<id>, map:<id>/comments, ...).
      CREATE TABLE document_snapshots (
        name TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        -- highest document_updates.seq folded into state
        upto_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- Append-only log of acknowledged updates, written before the ack (durability promise).
      CREATE TABLE document_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        update_data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX document_updates_by_name ON document_updates (name, seq);
    `,
  },
];
