import { Hocuspocus, type Configuration, type Document } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { MAP_UNAVAILABLE, type CloseEvent } from '../../shared/close-codes.ts';
import type { Metrics } from '../metrics.ts';

/** Closes the WebSocket that sent a request (server.ts knows the sockets; Hocuspocus does not). */
export type CloseSocket = (request: Request, event: CloseEvent) => void;

/** Where a failed document load is reported and how its socket is closed. */
export interface LoadFailureConfiguration {
  logger: Logger;
  metrics: Metrics;
  closeSocket: CloseSocket;
}

/**
 * The error Hocuspocus receives instead of the original one: it refuses every connection waiting
 * for this load with `reason` (ClientConnection sends it as the permission-denied reason).
 */
export class MapUnavailableError extends Error {
  /** The refusal reason Hocuspocus forwards to the waiting clients. */
  readonly reason = MAP_UNAVAILABLE.reason;

  constructor(documentName: string, options: { cause: unknown }) {
    super(`document ${documentName} could not be loaded`, options);
    this.name = 'MapUnavailableError';
  }
}

/**
 * Hocuspocus whose document loads never leave anyone waiting: when any onLoadDocument hook throws
 * (whichever extension: a corrupted snapshot in persistence, a failing migration), the failure is
 * logged at error and counted once, the socket that asked for the document is closed with
 * MAP_UNAVAILABLE, and the connections that shared the load are refused with the same reason.
 * Hooks cannot see each other's failures, so this is the one place that sees them all; Hocuspocus
 * itself only answers such a failure with a misleading "permission-denied".
 */
export class LoadFailureReportingHocuspocus extends Hocuspocus {
  readonly #failures: LoadFailureConfiguration;

  constructor(configuration: Partial<Configuration>, failures: LoadFailureConfiguration) {
    super(configuration);
    this.#failures = failures;
  }

  override async loadDocument(...args: Parameters<Hocuspocus['loadDocument']>): Promise<Document> {
    try {
      return await super.loadDocument(...args);
    } catch (error) {
      const [documentName, request, socketId] = args;
      const { logger, metrics, closeSocket } = this.#failures;
      metrics.loadFailures.inc();
      logger.error(
        { event: 'collab_load_failed', documentName, socketId, err: error },
        'a collaboration document failed to load',
      );
      closeSocket(request, MAP_UNAVAILABLE);
      throw new MapUnavailableError(documentName, { cause: error });
    }
  }
}
