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
    help: 'Latency of appending one update to the durable log',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [this.registry],
  });
  readonly compaction = new Histogram({
    name: 'recorrido_log_compaction_seconds',
    help: 'Latency of compacting a document log into a snapshot',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
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
  }

  /** Records one log append, in milliseconds. */
  observeLogAppend(ms: number): void {
    this.logAppend.observe(ms / 1000);
  }

  /** Records one compaction, in milliseconds. */
  observeCompaction(ms: number): void {
    this.compaction.observe(ms / 1000);
  }

  /** Counts one rejection. */
  reject(reason: string): void {
    this.rejected.inc({ reason });
  }
}
