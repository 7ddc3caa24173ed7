import { randomUUID } from 'node:crypto';
import type { Document, Hocuspocus } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { mapDocName, type MapId } from '../../shared/index.ts';

/** How long a warmed-up map waits for its page's connection before it may unload again. */
export const WARM_UP_HOLD_MS = 10_000;

/**
 * Loads a map's document when a member asks for the map's page, before the page's WebSocket asks
 * for it. The browser spends 150-300 ms fetching and starting the app first; on a cold map the
 * server's load from storage (100-400 ms on a 2,400-card map) then overlaps it instead of
 * following it. Only for members who may read the map (the HTTP side checks), and once per map:
 * a document already loaded or loading is left alone.
 *
 * The document is loaded the way a connection loads it (every onLoadDocument hook runs), without a
 * connection: nothing is stored for it and no session starts. If no connection came after
 * `holdMs`, it unloads as after a last connection (with the unload grace period).
 */
export class MapWarmUp {
  readonly #hocuspocus: Hocuspocus;
  readonly #logger: Logger;
  readonly #holdMs: number;

  constructor(hocuspocus: Hocuspocus, logger: Logger, holdMs = WARM_UP_HOLD_MS) {
    this.#hocuspocus = hocuspocus;
    this.#logger = logger;
    this.#holdMs = holdMs;
  }

  /** Starts loading the map's document unless it is loaded or loading; never throws. */
  warm(mapId: MapId): void {
    const name = mapDocName(mapId);
    const instance = this.#hocuspocus;
    if (instance.documents.has(name) || instance.loadingDocuments.has(name)) return;
    instance
      .createDocument(
        name,
        new Request('http://localhost/warm-up'),
        randomUUID(),
        { isAuthenticated: true, readOnly: true },
        {},
      )
      .then((document) => this.#releaseLater(document))
      .catch((error: unknown) => {
        // The page's own connection will load it again and report what is wrong.
        this.#logger.debug({ err: error, documentName: name }, 'map warm-up failed');
      });
  }

  #releaseLater(document: Document): void {
    setTimeout(() => {
      if (document.getConnectionsCount() === 0) void this.#hocuspocus.unloadDocument(document);
    }, this.#holdMs).unref();
  }
}
