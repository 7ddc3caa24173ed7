import type { DatabaseSync } from 'node:sqlite';
import { databaseFile, openDatabase } from '../../db/database.ts';
import { acquireDataDirLock } from '../../db/dataDirLock.ts';
import { DepartmentRepository } from '../../db/departments.ts';
import { DigestRepository } from '../../db/digests.ts';
import { DocumentStore } from '../../db/documents.ts';
import { FeedbackRepository } from '../../db/feedback.ts';
import { InviteRepository } from '../../db/invites.ts';
import { MapRepository } from '../../db/maps.ts';
import { MemberRepository } from '../../db/members.ts';
import { SessionRepository } from '../../db/sessions.ts';
import { ThreadRepository } from '../../db/threads.ts';
import { ChangeRepository, VisitRepository } from '../../db/activity.ts';
import { UserRepository } from '../../db/users.ts';
import { VersionRepository } from '../../db/versions.ts';
import { ActionRepository } from '../../db/actions.ts';
import { VoteRepository } from '../../db/votes.ts';
import { startWalCheckpointer, type WalCheckpointer } from '../../db/walCheckpointer.ts';
import type {
  ActionStore,
  ChangeStore,
  DepartmentStore,
  DigestStore,
  DocumentLog,
  FeedbackStore,
  InviteStore,
  MapStore,
  MemberStore,
  SessionStore,
  Storage,
  StorageStores,
  ThreadStore,
  UserStore,
  VersionStore,
  VisitStore,
  VoteStore,
} from '../storage.ts';
import { asyncStore, ConnectionGate, settle, type Runner } from './gate.ts';

/** Options of openSqliteStorage. */
export interface SqliteStorageOptions {
  /** The folder of the SQLite file (DATA_DIR). */
  dataDir: string;
  /**
   * Checkpoint the write-ahead log in a worker thread instead of on the main connection (the
   * server does; see walCheckpointer.ts). The adapter starts and stops that worker.
   */
  backgroundCheckpoints?: boolean;
}

/** The connection behind each SQLite storage, for sqlite-only diagnostics (sqliteDatabaseOf). */
const connections = new WeakMap<Storage, DatabaseSync>();

/**
 * The embedded adapter: one node:sqlite connection to the file under DATA_DIR, with the queries of
 * the repositories in server/db/ behind the async Storage interfaces. It holds the DATA_DIR lock
 * (dataDirLock.ts) until closed: a second process, or a second storage, on the folder is refused.
 *
 * Two rules follow from node:sqlite being ONE synchronous connection:
 *
 * 1. Outside a transaction, a call runs its SQL synchronously when it is made, and returns an
 *    already-settled promise. An update appended in Y.Doc's 'update' event is therefore committed
 *    before Hocuspocus acknowledges it, without awaiting anything on the hot path (the durability
 *    promise of PersistenceExtension and the durability tests rely on this).
 *
 * 2. `transaction(fn)` runs BEGIN IMMEDIATE / COMMIT (ROLLBACK when fn rejects) around
 *    `await fn(tx)`, one transaction at a time (a mutex, ConnectionGate). Calls made on the outer
 *    stores while a transaction is open wait until it has ended, then run in arrival order:
 *    executed at once they would silently join it and be committed or rolled back with it. Such a
 *    waiting call resolves later, so rule 1's "settled at call time" holds only while no
 *    transaction is open: keep transactions short, with no awaits on anything but `tx`, so an
 *    update is never held back behind one. Calls on the outer stores from inside fn would wait for
 *    their own transaction forever: use `tx`. Calls on `tx` after fn has settled are refused.
 */
export function openSqliteStorage(options: SqliteStorageOptions): Storage {
  const backgroundCheckpoints = options.backgroundCheckpoints ?? false;
  // One process per DATA_DIR (a StartupError names the folder otherwise); released on close.
  const lock = acquireDataDirLock(options.dataDir);
  let db: DatabaseSync;
  try {
    db = openDatabase(options.dataDir, { backgroundCheckpoints });
  } catch (error) {
    lock.release();
    throw error;
  }
  const checkpointer: WalCheckpointer | null = backgroundCheckpoints
    ? startWalCheckpointer(databaseFile(options.dataDir))
    : null;
  const repositories = {
    documents: new DocumentStore(db),
    maps: new MapRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    members: new MemberRepository(db),
    invites: new InviteRepository(db),
    departments: new DepartmentRepository(db),
    threads: new ThreadRepository(db),
    digests: new DigestRepository(db),
    changes: new ChangeRepository(db),
    visits: new VisitRepository(db),
    feedback: new FeedbackRepository(db),
    versions: new VersionRepository(db),
    actions: new ActionRepository(db),
    votes: new VoteRepository(db),
  };
  const stores = (run: Runner): StorageStores => ({
    documents: asyncStore<DocumentLog>(repositories.documents, run),
    maps: asyncStore<MapStore>(repositories.maps, run),
    users: asyncStore<UserStore>(repositories.users, run),
    sessions: asyncStore<SessionStore>(repositories.sessions, run),
    members: asyncStore<MemberStore>(repositories.members, run),
    invites: asyncStore<InviteStore>(repositories.invites, run),
    departments: asyncStore<DepartmentStore>(repositories.departments, run),
    threads: asyncStore<ThreadStore>(repositories.threads, run),
    digests: asyncStore<DigestStore>(repositories.digests, run),
    changes: asyncStore<ChangeStore>(repositories.changes, run),
    visits: asyncStore<VisitStore>(repositories.visits, run),
    feedback: asyncStore<FeedbackStore>(repositories.feedback, run),
    versions: asyncStore<VersionStore>(repositories.versions, run),
    actions: asyncStore<ActionStore>(repositories.actions, run),
    votes: asyncStore<VoteStore>(repositories.votes, run),
  });
  const gate = new ConnectionGate();
  let closing: Promise<void> | undefined;

  const storage: Storage = {
    kind: 'sqlite',
    ...stores(gate.run),

    transaction: (fn) =>
      gate.exclusive(async () => {
        let open = true;
        const inside: Runner = (call) =>
          open ? settle(call) : Promise.reject(new Error('the transaction has already ended'));
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(stores(inside));
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          open = false;
        }
      }),

    ping: () =>
      gate.run(() => {
        db.prepare('SELECT 1').get();
      }),

    close: () =>
      (closing ??= gate.exclusive(async () => {
        gate.markClosed();
        await checkpointer?.stop();
        db.close();
        lock.release();
      })),
  };
  connections.set(storage, db);
  return storage;
}

/**
 * The node:sqlite connection behind a SQLite storage, or null for any other adapter. For
 * sqlite-only diagnostics and tests (PRAGMAs, inspecting the file); application code never uses it.
 */
export function sqliteDatabaseOf(storage: Storage): DatabaseSync | null {
  return connections.get(storage) ?? null;
}
