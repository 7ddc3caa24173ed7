import { readConfig } from './config.ts';
import { ensureWritableDataDir, StartupError } from './db/dataDir.ts';
import { startServer } from './server.ts';

/** Reads the configuration and checks DATA_DIR; a mistake ends the process with one clear line. */
function configure() {
  try {
    const config = readConfig();
    // With DATABASE_URL nothing is written under DATA_DIR.
    if (!config.databaseUrl) ensureWritableDataDir(config.dataDir);
    return config;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`recorrido: cannot start: ${message}\n`);
    process.exit(1);
  }
}

/** Starts the server; a StartupError (DATA_DIR in use, a damaged database) is one clear line. */
async function start() {
  try {
    return await startServer(configure());
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    process.stderr.write(`recorrido: cannot start: ${error.message}\n`);
    process.exit(1);
  }
}

/** Entry point of `npm start`: serve until SIGTERM/SIGINT, then flush and exit. */
const server = await start();

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
