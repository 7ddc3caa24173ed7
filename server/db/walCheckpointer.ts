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
export function startWalCheckpointer(file: string, intervalMs = 500): WalCheckpointer {
  const worker = new Worker(new URL('./walCheckpointWorker.ts', import.meta.url), {
    workerData: { file, intervalMs },
  });
  worker.unref();
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
