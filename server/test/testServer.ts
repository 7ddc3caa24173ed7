import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { ServerConfig } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';
import type { DatabaseSync } from 'node:sqlite';
import { openSqliteStorage, sqliteDatabaseOf } from '../storage/sqlite/sqliteStorage.ts';
import type { Storage } from '../storage/storage.ts';
import { openPostgresStorage } from '../storage/postgres/openPostgresStorage.ts';
import { freshDatabaseUrl } from './postgresServer.ts';

/** A real server on port 0 with its own temporary data folder. */
export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/** Makes a fresh temporary data folder. */
export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'recorrido-test-'));
}

/** Opens the storage a test runs against, given the test's temporary data folder. */
export type StorageFactory = (dataDir: string) => Promise<Storage>;

/** Under TEST_STORAGE=postgres, the database standing for each test data folder. */
const postgresDatabaseByDataDir = new Map<string, string>();

/** The PostgreSQL database of a test data folder under TEST_STORAGE=postgres, if any. */
export function postgresUrlOfDataDir(dataDir: string): string | undefined {
  return postgresDatabaseByDataDir.get(dataDir);
}

/** The storage kinds tests can run against (TEST_STORAGE). */
const STORAGE_FACTORIES: Record<string, StorageFactory> = {
  // As the server opens it: WAL checkpoints in a worker thread.
  sqlite: (dataDir) => Promise.resolve(openSqliteStorage({ dataDir, backgroundCheckpoints: true })),
  // A fresh database on the test file's throwaway PostgreSQL cluster (postgresServer.ts), one per
  // data folder: a server restarted on the same folder finds its data again.
  postgres: async (dataDir) => {
    let url = postgresDatabaseByDataDir.get(dataDir);
    if (!url) {
      url = await freshDatabaseUrl();
      postgresDatabaseByDataDir.set(dataDir, url);
    }
    return openPostgresStorage({ url });
  },
};

/**
 * A factory whose storages all open ONE fresh PostgreSQL database: several servers on it are
 * several instances of one deployment (with REDIS_URL).
 */
export async function sharedPostgresDatabase(): Promise<StorageFactory> {
  const url = await freshDatabaseUrl();
  return () => openPostgresStorage({ url });
}

/**
 * The storage of the test run: TEST_STORAGE names its kind (default `sqlite`). An unknown kind
 * fails loudly rather than silently testing SQLite again.
 */
export function testStorageFactory(kind = process.env.TEST_STORAGE ?? 'sqlite'): StorageFactory {
  const factory = STORAGE_FACTORIES[kind];
  if (!factory) {
    throw new Error(
      `TEST_STORAGE=${kind}: unknown storage kind (known: ${Object.keys(STORAGE_FACTORIES).join(', ')})`,
    );
  }
  return factory;
}

/** Opens a fresh storage of the test run's kind in a new temporary folder; dispose() removes both. */
export async function openTestStorage(
  factory: StorageFactory = testStorageFactory(),
): Promise<{ storage: Storage; dataDir: string; dispose(): Promise<void> }> {
  const dataDir = makeDataDir();
  const storage = await factory(dataDir);
  return {
    storage,
    dataDir,
    async dispose() {
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The SQLite connection of a test's storage, for the few checks that need SQL (rewinding a row's
 * clock, inspecting the file); fails the test on another adapter until it has its own way.
 */
export function sqliteOf(target: { storage: Storage }): DatabaseSync {
  const db = sqliteDatabaseOf(target.storage);
  if (!db) throw new Error(`this check needs SQL on SQLite; the storage is ${target.storage.kind}`);
  return db;
}

/** Options of startTestServer beyond the server configuration. */
export interface TestServerOptions {
  /** Opens the server's storage (default: testStorageFactory(), i.e. TEST_STORAGE or SQLite). */
  storage?: StorageFactory;
}

/**
 * Starts a real Recorrido server for a test (seeding off unless asked; silent unless a logger is
 * given), on a fresh storage of the test run's kind unless options.storage says otherwise.
 */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  logger?: Logger,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? makeDataDir();
  const storage = await (options.storage ?? testStorageFactory())(dataDir);
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      publicUrl: undefined,
      logLevel: 'silent',
      clientDir: path.join(dataDir, 'no-client'),
      seedDemo: false,
      // Tests see a map unload as soon as its last client leaves, unless one asks for a grace period.
      unloadGraceMs: 0,
      ...overrides,
    },
    logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    { storage },
  );
  return {
    ...server,
    dataDir,
    async dispose() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
