import type {
  Extension,
  afterUnloadDocumentPayload,
  connectedPayload,
  onChangePayload,
  onDisconnectPayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import type { Metrics } from '../../metrics.ts';

/** Feeds /metrics: open connections, loaded documents, client updates. */
export class MetricsExtension implements Extension {
  readonly extensionName = 'metrics';
  readonly priority = 10;
  readonly #metrics: Metrics;

  constructor(metrics: Metrics) {
    this.#metrics = metrics;
  }

  async connected(_payload: connectedPayload): Promise<void> {
    this.#metrics.connections.inc();
  }

  async onDisconnect(_payload: onDisconnectPayload): Promise<void> {
    this.#metrics.connections.dec();
  }

  async onLoadDocument({ instance }: onLoadDocumentPayload): Promise<void> {
    this.#metrics.documents.set(instance.documents.size + 1);
  }

  async afterUnloadDocument({ instance }: afterUnloadDocumentPayload): Promise<void> {
    this.#metrics.documents.set(instance.documents.size);
  }

  async onChange({ transactionOrigin }: onChangePayload): Promise<void> {
    if (isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'connection') {
      this.#metrics.updates.inc();
    }
  }
}
