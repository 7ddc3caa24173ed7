import { Worker } from 'node:worker_threads';

/** Folds the write-ahead log in the background; stop() before closing the main connection. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Starts the background checkpointer for the SQLite file. With it the main connection runs with
 * `wal_autocheckpoint = 0`: measured here, an automatic checkpoint every ~300 appends stalled the
 * event loop for 8-18 ms (bench/collab), which showed as fan-out p99 latency.
 */
export function startWalCheckpointer(
  file: string,
  intervalMs = 500,
  /** Told once when checkpoints start failing (full disk), again after they recovered. */
  onFailure: (message: string) => void = () => {},
): WalCheckpointer {
  const worker = new Worker(new URL('./walCheckpointWorker.ts', import.meta.url), {
    workerData: { file, intervalMs },
  });
  worker.unref();
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'failed' in message) {
      onFailure(String(message.failed));
    }
  });
  // A worker that dies (it cannot open the file) must not take the server with it: checkpoints
  // stop, the log stays in the -wal file, and SQLite still reads it.
  worker.on('error', (error: Error) => onFailure(error.message));
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (message: unknown) => message === 'stopped' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
