import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { ServerConfig } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';

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

/** Starts a real Recorrido server for a test (seeding off unless asked; silent unless a logger is given). */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  logger?: Logger,
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? makeDataDir();
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      publicUrl: undefined,
      logLevel: 'silent',
      clientDir: path.join(dataDir, 'no-client'),
      seedDemo: false,
      ...overrides,
    },
    logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
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
