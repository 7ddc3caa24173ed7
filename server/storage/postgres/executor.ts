import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { StorageUnavailableError, UniqueViolationError } from '../errors.ts';

/**
 * Where a store's SQL runs: the pool (each statement on any connection, atomic on its own) or
 * the one connection of a transaction. Errors come out mapped (see mapPgError).
 */
export interface Executor {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  /**
   * Runs fn atomically: in a transaction of its own on the pool; inside a transaction, as part
   * of it (like SQLite's inTransaction, so commands compose).
   */
  atomic<T>(fn: (exec: Executor) => Promise<T>): Promise<T>;
}

/** SQLSTATE classes and codes that mean "the server is not there (any more)". */
function isUnavailableCode(code: string): boolean {
  return (
    code.startsWith('08') || // connection exception
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' // cannot_connect_now (starting up, shutting down)
  );
}

/** The SQLSTATE of a pg DatabaseError, or null for errors of the connection itself. */
function sqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * Maps a pg error to what callers expect: a unique violation to UniqueViolationError (as
 * isUniqueViolation recognises), a lost, refused or timed-out connection to
 * StorageUnavailableError with a clear message; anything else unchanged.
 */
export function mapPgError(error: unknown): unknown {
  if (error instanceof UniqueViolationError || error instanceof StorageUnavailableError) {
    return error;
  }
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  if (state === '23505') {
    const { constraint } = error as { constraint?: unknown };
    return new UniqueViolationError(message, {
      cause: error,
      constraint: typeof constraint === 'string' ? constraint : null,
    });
  }
  if (state === null || isUnavailableCode(state)) {
    return new StorageUnavailableError(`PostgreSQL is unavailable: ${message}`, { cause: error });
  }
  return error;
}

/** True when the connection that raised error cannot be trusted for another statement. */
function breaksConnection(error: unknown): boolean {
  return mapPgError(error) instanceof StorageUnavailableError;
}

/** The pool's own state, shared by its executors. */
export interface PoolState {
  pool: Pool;
  closed: boolean;
}

function assertOpen(state: PoolState): void {
  if (state.closed) throw new Error('the PostgreSQL storage is closed');
}

/** Runs statements on the pool: each on any free connection. */
export function poolExecutor(state: PoolState): Executor {
  return {
    async query<R extends QueryResultRow>(text: string, values?: unknown[]) {
      assertOpen(state);
      try {
        return await state.pool.query<R>(text, values);
      } catch (error) {
        throw mapPgError(error);
      }
    },
    atomic: (fn) => runTransaction(state, fn),
  };
}

/**
 * Runs statements on one connection, inside the transaction it is in; once the transaction is
 * over (end()), calls reject instead of running on a connection the pool gave someone else.
 */
function clientExecutor(client: PoolClient): { exec: Executor; end(): void } {
  let ended = false;
  const exec: Executor = {
    async query<R extends QueryResultRow>(text: string, values?: unknown[]) {
      if (ended) throw new Error('the transaction is over: use the stores outside it');
      try {
        return await client.query<R>(text, values);
      } catch (error) {
        throw mapPgError(error);
      }
    },
    atomic: (fn) => fn(exec),
  };
  return {
    exec,
    end: () => {
      ended = true;
    },
  };
}

/**
 * BEGIN on a dedicated connection, fn with an executor bound to it, COMMIT; ROLLBACK when fn or
 * COMMIT fails. A connection that broke is destroyed, not returned to the pool.
 */
export async function runTransaction<T>(
  state: PoolState,
  fn: (exec: Executor) => Promise<T>,
): Promise<T> {
  assertOpen(state);
  let client: PoolClient;
  try {
    client = await state.pool.connect();
  } catch (error) {
    throw mapPgError(error);
  }
  let broken: Error | null = null;
  // The connection may die while fn awaits something else: without a listener, pg's 'error'
  // event would crash the process.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  const { exec, end } = clientExecutor(client);
  try {
    await exec.query('BEGIN');
    const result = await fn(exec);
    await exec.query('COMMIT');
    return result;
  } catch (error) {
    if (breaksConnection(error)) broken ??= error instanceof Error ? error : new Error('broken');
    if (!broken) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    }
    throw error;
  } finally {
    end();
    client.off('error', onError);
    client.release(broken ?? undefined);
  }
}
