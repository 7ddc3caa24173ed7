import pg from 'pg';
import type { Storage } from '../storage.ts';
import { mapPgError, poolExecutor, runTransaction, type PoolState } from './executor.ts';
import { migrate } from './migrations.ts';
import { postgresStores } from './stores.ts';

/** How to reach PostgreSQL, and how long to wait for it before a call rejects. */
export interface PostgresStorageOptions {
  /** A `postgres://` connection URL (DATABASE_URL). */
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Longest wait for a new connection, refused or silent server alike (default 5 s). */
  connectionTimeoutMillis?: number;
  /**
   * Longest a statement may run, enforced by the server (statement_timeout) and, a little
   * later, by the client (query_timeout: a server that stopped answering, after up to 5 s more).
   * Default 30 s.
   */
  statementTimeoutMillis?: number;
  /** Longest ping() waits for `SELECT 1` (default 2 s). */
  pingTimeoutMillis?: number;
  /**
   * Longest the migrations at start may take, waiting for another process's included (default
   * 10 min: a migration may rewrite a big table).
   */
  migrationTimeoutMillis?: number;
}

/**
 * Applies pending migrations on a connection of its own: the pool's statement timeout is for
 * requests, not for a migration or for waiting on the migration lock.
 */
async function migrateOnce(options: PostgresStorageOptions): Promise<void> {
  const timeout = options.migrationTimeoutMillis ?? 600_000;
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    statement_timeout: timeout,
    query_timeout: timeout + 5_000,
    application_name: 'recorrido-migrations',
  });
  // A connection error arrives as the rejection of the pending call; the event must not crash.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await migrate(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Opens the PostgreSQL adapter of the storage seam on a pg Pool and applies pending migrations
 * (one transaction under an advisory lock, so processes starting together do not race). A lost
 * connection makes calls reject with StorageUnavailableError; later calls reconnect.
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const statementTimeout = options.statementTimeoutMillis ?? 30_000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    statement_timeout: statementTimeout,
    // The client gives up a little after the server would have: a server that answers nothing
    // (hung, or the network path is gone) still cannot make a call wait forever.
    query_timeout: statementTimeout + Math.min(5_000, statementTimeout),
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'recorrido',
  });
  // An idle connection that dies (server restart, network) emits 'error' on the pool; the pool
  // drops it and the next call opens a new one. Without a listener the process would crash.
  pool.on('error', () => undefined);
  const state: PoolState = { pool, closed: false };
  try {
    await migrateOnce(options);
  } catch (error) {
    state.closed = true;
    await pool.end().catch(() => undefined);
    throw mapPgError(error);
  }
  const exec = poolExecutor(state);
  const pingTimeout = options.pingTimeoutMillis ?? 2_000;
  return {
    kind: 'postgres',
    ...postgresStores(exec),
    transaction: (fn) => runTransaction(state, (tx) => fn(postgresStores(tx))),
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(mapPgError(new Error(`no answer to SELECT 1 within ${pingTimeout} ms`))),
          pingTimeout,
        );
      });
      try {
        await Promise.race([exec.query('SELECT 1'), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      await pool.end();
    },
  };
}
