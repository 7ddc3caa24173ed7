import type { Logger } from 'pino';
import type { Metrics } from '../../metrics.ts';

/** Why the collaboration server refused a message or a connection (the metric's `reason` label). */
export type RejectReason =
  /** A text frame; the protocol is binary. */
  | 'text_frame'
  /** A binary frame that does not decode as a Hocuspocus/Yjs message. */
  | 'malformed'
  /** A message type or sub-type clients may not send. */
  | 'wrong_type'
  /** A frame above the WebSocket message size cap. */
  | 'message_too_large'
  /** A connection above its message or byte budget. */
  | 'rate_limited'
  /** A WebSocket upgrade from an IP above its connection-attempt budget. */
  | 'connection_rate_limited'
  /** An update that would grow a document beyond its size cap. */
  | 'document_too_large'
  /** An update that would nest shared types beyond the depth limit. */
  | 'nesting_too_deep'
  /** An update inserting shared types under items the document does not hold (depth unknown). */
  | 'missing_ancestors'
  /** Hocuspocus threw while handling a message that passed validation. */
  | 'handler_error'
  /** Awareness states for client ids the connection does not own, or beyond its cap. */
  | 'awareness_not_owned';

/** Where a rejection is reported: one structured log line and one metric increment each. */
export class Rejections {
  readonly #logger: Logger;
  readonly #metrics: Metrics;

  constructor(logger: Logger, metrics: Metrics) {
    this.#logger = logger;
    this.#metrics = metrics;
  }

  /** Logs (warn, with the reason and the caller's fields) and counts one rejection. */
  report(reason: RejectReason, fields: Record<string, unknown>, message: string): void {
    this.#metrics.reject(reason);
    this.#logger.warn({ event: 'collab_rejected', reason, ...fields }, message);
  }
}
