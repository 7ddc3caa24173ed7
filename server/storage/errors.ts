// Errors every storage adapter speaks, so callers never look at a database's own error codes.

/** A write broke a unique constraint (an email already taken, a duplicate id). */
export class UniqueViolationError extends Error {
  /** The constraint or index that refused the write, when the database names it. */
  readonly constraint: string | null;

  constructor(message: string, options: { cause?: unknown; constraint?: string | null } = {}) {
    super(message, { cause: options.cause });
    this.name = 'UniqueViolationError';
    this.constraint = options.constraint ?? null;
  }
}

/**
 * The database cannot be reached or dropped the connection (refused, timed out, shut down):
 * the call may be retried later, the adapter reconnects on its own.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StorageUnavailableError';
  }
}

/** SQLite's extended result codes for a broken UNIQUE or PRIMARY KEY constraint. */
const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
/** PostgreSQL's SQLSTATE unique_violation. */
const PG_UNIQUE_VIOLATION = '23505';

/**
 * True when error (or an error in its `cause` chain) is a unique-constraint violation, whichever
 * adapter threw it: UniqueViolationError, a node:sqlite error with SQLITE_CONSTRAINT_UNIQUE /
 * _PRIMARYKEY, or a raw `pg` error with SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth += 1) {
    if (current instanceof UniqueViolationError) return true;
    if (typeof current !== 'object') return false;
    const { errcode, code } = current as { errcode?: unknown; code?: unknown };
    if (errcode === SQLITE_CONSTRAINT_UNIQUE || errcode === SQLITE_CONSTRAINT_PRIMARYKEY) {
      return true;
    }
    if (code === PG_UNIQUE_VIOLATION) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
