import { readConfig } from './config.ts';
import { startServer } from './server.ts';

/** Entry point of `npm start`: serve until SIGTERM/SIGINT, then flush and exit. */
const server = await startServer(readConfig());

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
