import type {
  afterUnloadDocumentPayload,
  Document,
  Extension,
  Hocuspocus,
  LocalTransactionOrigin,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import {
  CustomerProjector,
  mapDocName,
  parseDocName,
  reconcileCustomerDoc,
} from '../../../shared/index.ts';
import { customerIdOf } from '../../customer/customerIds.ts';
import type { MapStore } from '../../storage/storage.ts';

/** Settings of the customer projection. */
export interface CustomerProjectionConfiguration {
  maps: Pick<MapStore, 'customerSecret'>;
  logger: Logger;
  /** How long map changes are coalesced before the projection is reconciled (ms, default 20). */
  delayMs?: number;
}

/**
 * Origin of the server's writes to a customer projection. The projection is never stored
 * (PersistenceExtension's isStored), so its writes skip the store hooks too.
 */
export const CUSTOMER_PROJECTION_ORIGIN: LocalTransactionOrigin = Object.freeze({
  source: 'local',
  skipStoreHooks: true,
  context: { reason: 'customer-projection' },
});

/** The server's own connection to a document (Hocuspocus's DirectConnection class). */
type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

/** Context of the server's own connection to the map document behind a projection. */
const MAP_CONNECTION_CONTEXT = Object.freeze({ reason: 'customer-projection' });

/** One open customer document kept equal to the projection of its (loaded) map document. */
class LiveProjection {
  readonly #target: Document;
  readonly #connection: DirectConnection;
  readonly #source: Y.Doc;
  readonly #projector: CustomerProjector;
  readonly #delayMs: number;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    target: Document,
    connection: DirectConnection,
    secret: Uint8Array,
    options: { delayMs: number; logger: Logger },
  ) {
    const source = connection.document;
    if (!source) throw new Error('map connection closed');
    this.#target = target;
    this.#connection = connection;
    this.#source = source;
    // Ids keep their customer id for the life of the projection: one HMAC per id, not per change.
    const ids = new Map<string, string>();
    const customerId = (id: string): string => {
      let out = ids.get(id);
      if (out === undefined) {
        out = customerIdOf(secret, id);
        ids.set(id, out);
      }
      return out;
    };
    this.#projector = new CustomerProjector(source, customerId);
    this.#delayMs = options.delayMs;
    this.#logger = options.logger;
    source.on('update', this.#schedule);
    this.reconcile();
  }

  /** Whether a change of the map waits to be reconciled. */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Writes what differs between the projection document and the map's projection now. */
  reconcile(): void {
    if (this.#closed) return;
    const next = this.#projector.project();
    this.#target.transact(
      () => reconcileCustomerDoc(this.#target, next),
      CUSTOMER_PROJECTION_ORIGIN,
    );
  }

  /** Stops following the map and releases it (stored and unloaded unless someone has it open). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#source.off('update', this.#schedule);
    this.#projector.destroy();
    await this.#connection.disconnect();
  }

  /** Coalesces the map's changes of one short window into one reconcile. */
  readonly #schedule = (): void => {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      try {
        this.reconcile();
      } catch (error) {
        this.#logger.error({ err: error }, 'customer projection reconcile failed');
      }
    }, this.#delayMs);
  };
}

/**
 * Keeps `map:<id>/customer` live from `map:<id>`: when a customer document loads, the server
 * opens the map document too (a direct connection keeps it loaded for as long as the projection
 * is open), writes the allow-listed projection (shared/customer-projection.ts) with opaque ids,
 * and after each change of the map, coalesced over a few milliseconds, writes only what differs;
 * a card's body is recomputed only when that body changed. The projection is never stored
 * (PersistenceExtension skips it) and every client connection to it is read-only (policy), so
 * only this extension writes it. When the customer document unloads, the map is released.
 */
export class CustomerProjectionExtension implements Extension {
  readonly extensionName = 'customer-projection';
  readonly priority = 47;
  readonly #config: CustomerProjectionConfiguration;
  readonly #live = new Map<string, LiveProjection>();

  constructor(config: CustomerProjectionConfiguration) {
    this.#config = config;
  }

  async onLoadDocument({ document, documentName, instance }: onLoadDocumentPayload) {
    const target = parseDocName(documentName);
    if (target?.kind !== 'customer') return;
    const secret = await this.#config.maps.customerSecret(target.mapId);
    const connection = await instance.openDirectConnection(
      mapDocName(target.mapId),
      MAP_CONNECTION_CONTEXT,
    );
    let live: LiveProjection;
    try {
      live = new LiveProjection(document, connection, secret, {
        delayMs: this.#config.delayMs ?? 20,
        logger: this.#config.logger,
      });
    } catch (error) {
      await connection.disconnect();
      throw error;
    }
    // A previous copy whose unload has not been handled yet is replaced, and released.
    const previous = this.#live.get(documentName);
    this.#live.set(documentName, live);
    await previous?.close().catch((error: unknown) => {
      this.#config.logger.error({ err: error, documentName }, 'releasing a projection failed');
    });
  }

  /**
   * Whether the open projection `documentName` has map changes still to reconcile (false when
   * none is open). Tests wait on it to know that a change of the map was handled.
   */
  isPending(documentName: string): boolean {
    return this.#live.get(documentName)?.pending ?? false;
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload) {
    // A new copy may already have loaded under the same name (a reconnect right after the unload).
    if (instance.documents.has(documentName)) return;
    const live = this.#live.get(documentName);
    if (!live) return;
    this.#live.delete(documentName);
    await live.close();
  }

  async onDestroy(): Promise<void> {
    const open = [...this.#live.values()];
    this.#live.clear();
    await Promise.all(open.map((live) => live.close()));
  }
}
