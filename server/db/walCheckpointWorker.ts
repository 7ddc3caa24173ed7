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
const timer = setInterval(() => checkpoint.get(), intervalMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('stopped');
});
