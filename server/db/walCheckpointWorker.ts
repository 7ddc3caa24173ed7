// Runs in a worker thread: folds the SQLite write-ahead log into the database file on its own
// connection, so the main thread's synchronous log appends never pay for a checkpoint.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
}

const { file, intervalMs } = workerData as CheckpointWorkerData;
const db = new DatabaseSync(file);
// PASSIVE never waits for the writer and never blocks it; what it cannot fold now it folds next time.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let failing = false;
const timer = setInterval(() => {
  try {
    checkpoint.get();
    failing = false;
  } catch (error) {
    // A full disk or an I/O error: the log stays in the -wal file (nothing is lost) and the next
    // interval tries again. Thrown from here it would end the worker and, unhandled, the server.
    if (!failing) {
      parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    }
    failing = true;
  }
}, intervalMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('stopped');
});
