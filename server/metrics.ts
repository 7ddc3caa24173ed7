import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server instance (its own registry, so tests can run several). */
export class Metrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'recorrido_collab_connections',
    help: 'Open collaboration connections',
    registers: [this.registry],
  });
  readonly documents = new Gauge({
    name: 'recorrido_collab_loaded_documents',
    help: 'Collaboration documents loaded in memory',
    registers: [this.registry],
  });
  readonly updates = new Counter({
    name: 'recorrido_collab_updates_total',
    help: 'Document updates received from clients (rate() gives updates/s)',
    registers: [this.registry],
  });
  readonly logAppend = new Histogram({
    name: 'recorrido_log_append_seconds',
    help: 'Latency of one group commit of updates to the durable log',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [this.registry],
  });
  readonly logBatch = new Histogram({
    name: 'recorrido_log_append_batch_updates',
    help: 'Updates written per group commit of the durable log',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });
  readonly storageWriteFailures = new Counter({
    name: 'recorrido_storage_write_failures_total',
    help: 'Group commits of the durable log that failed (their updates were refused, not acknowledged)',
    registers: [this.registry],
  });
  readonly storageWritable = new Gauge({
    name: 'recorrido_storage_writable',
    help: '1 while storage writes succeed, 0 from a failed write until the next one succeeds',
    registers: [this.registry],
  });
  readonly compaction = new Histogram({
    name: 'recorrido_log_compaction_seconds',
    help: 'Latency of compacting a document log into a snapshot',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    registers: [this.registry],
  });
  readonly compactionsSkipped = new Counter({
    name: 'recorrido_log_compactions_skipped_total',
    help: 'Stores of a document with nothing logged since its last compaction (nothing was written)',
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'recorrido_collab_rejected_messages_total',
    help: 'Collaboration messages or connections rejected, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly loadFailures = new Counter({
    name: 'recorrido_collab_document_load_failures_total',
    help: 'Collaboration documents that failed to load (the connections were closed)',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    this.storageWritable.set(1);
  }

  /** Records one group commit of `updates` updates, in milliseconds. */
  observeLogAppend(ms: number, updates = 1): void {
    this.logAppend.observe(ms / 1000);
    this.logBatch.observe(updates);
    this.storageWritable.set(1);
  }

  /** Records a failed group commit. */
  observeStorageWriteFailure(): void {
    this.storageWriteFailures.inc();
    this.storageWritable.set(0);
  }

  /** Records one compaction, in milliseconds. */
  observeCompaction(ms: number): void {
    this.compaction.observe(ms / 1000);
  }

  /** Counts one store that had nothing to compact. */
  observeCompactionSkipped(): void {
    this.compactionsSkipped.inc();
  }

  /** Counts one rejection. */
  reject(reason: string): void {
    this.rejected.inc({ reason });
  }
}
