import crypto from 'node:crypto';
import os from 'node:os';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type {
  afterLoadDocumentPayload,
  Hocuspocus,
  onAwarenessUpdatePayload,
  onChangePayload,
  onConfigurePayload,
} from '@hocuspocus/server';
import { parseDocName } from '../../shared/doc-names.ts';
import type { Logger } from 'pino';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { isRedisOrigin } from '../collab/origins.ts';
import { CLUSTER_PREFIX, type ClusterBus } from './ClusterBus.ts';
import { createRedisConnection } from './redisConnection.ts';

/** Prefix of the extension's channels and locks: `recorrido:doc:map:<id>`, `recorrido:doc:map:<id>:lock`. */
export const DOCUMENT_CHANNEL_PREFIX = `${CLUSTER_PREFIX}doc`;

/** Options of createRedisExtension. */
export interface RedisExtensionOptions {
  logger: Logger;
  /** This process's id on the document channels (default: host, pid and a random suffix). */
  identifier?: string;
  /** Carries presence departures between instances (RecorridoRedisExtension). */
  bus?: ClusterBus;
}

/**
 * Documents each instance derives on its own and never relays: the customer projection
 * (CustomerProjectionExtension) is computed on every instance from its copy of the map, which
 * this extension does keep in sync. Relaying the projection too would merge two instances'
 * rewrites of the same card body into one body holding both.
 */
function isInstanceLocal(documentName: string): boolean {
  return parseDocName(documentName)?.kind === 'customer';
}

/** Origin of the awareness removals applied for another instance: like the extension's own. */
const RELAYED_REMOVAL_ORIGIN = { source: 'redis' } as const;

/**
 * The Redis extension, plus presence departures across instances. Hocuspocus 4.7 relays awareness
 * through Redis, but a removal does not survive the trip: the receiving instance decodes it into a
 * scratch Awareness for beforeHandleAwareness and re-encodes only the states that scratch still
 * holds, so the removed client is left out (and an instance whose last connection left publishes
 * nothing at all). Without this, a person who closes the map stays in the presence bars of the
 * other instances until the 30 s awareness timeout. So each removal made here (a connection
 * leaving, or a client clearing its state) is published on the bus, and the other instances remove
 * those client ids from their copy of the document's awareness, which broadcasts to their clients.
 */
export class RecorridoRedisExtension extends RedisExtension {
  readonly #bus: ClusterBus | undefined;
  readonly #unsubscribe: (() => void) | undefined;
  #hocuspocus: Hocuspocus | undefined;

  constructor(configuration: ConstructorParameters<typeof RedisExtension>[0], bus?: ClusterBus) {
    super(configuration);
    this.#bus = bus;
    this.#unsubscribe = bus?.on('presence-left', ({ documentName, clientIds }, { self }) => {
      if (self) return;
      const document = this.#hocuspocus?.documents.get(documentName);
      if (!document) return;
      // A client id one of our own connections announces stays: that person moved here (a
      // reconnect through the load balancer) before the instance they left noticed the close.
      const local = new Set<number>();
      for (const { clients } of document.connections.values()) {
        for (const id of clients) if (typeof id === 'number') local.add(id);
      }
      const present = clientIds.filter(
        (id) => !local.has(id) && document.awareness.getStates().has(id),
      );
      if (present.length > 0) {
        removeAwarenessStates(document.awareness, present, RELAYED_REMOVAL_ORIGIN);
      }
    });
  }

  override async onConfigure(payload: onConfigurePayload): Promise<void> {
    await super.onConfigure(payload);
    this.#hocuspocus = payload.instance;
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    if (isInstanceLocal(payload.documentName)) return;
    await super.afterLoadDocument(payload);
  }

  override async onChange(payload: onChangePayload): Promise<void> {
    if (isInstanceLocal(payload.documentName)) return;
    await super.onChange(payload);
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload): Promise<void> {
    if (isInstanceLocal(payload.documentName)) return;
    await super.onAwarenessUpdate(payload);
    if (!this.#bus || payload.removed.length === 0) return;
    if (isRedisOrigin(payload.transactionOrigin)) return; // another instance's removal
    await this.#bus.publish('presence-left', {
      documentName: payload.documentName,
      clientIds: payload.removed,
    });
  }

  override async onDestroy(): Promise<void> {
    this.#unsubscribe?.();
    await super.onDestroy();
  }
}

/** A unique, readable id for this process (at most 255 bytes: the extension's length prefix). */
export function processIdentifier(): string {
  return `recorrido-${os.hostname()}-${process.pid}-${crypto.randomUUID().slice(0, 8)}`.slice(
    0,
    200,
  );
}

/**
 * The Hocuspocus Redis extension (4.7) for our documents: updates and awareness of `map:<id>`
 * (and its `/comments` document; not `/customer`, derived on each instance, see isInstanceLocal)
 * travel between instances on
 * `recorrido:doc:<document name>`, each process with its own identifier so it ignores its own
 * publishes; its two connections reconnect with backoff and log loss and return like ours.
 *
 * Where it sits in createHocuspocus's list: it keeps its own priority, 1000, above every
 * extension of ours (the highest, the schema-version gate, is 300). It must run before
 * PersistenceExtension (50): its onStoreDocument takes a Redis lock and, when another instance is
 * already storing the document, throws SkipFurtherHooksError so only one instance compacts at a
 * time. It has no onConnect/onAuthenticate hook, so running first lets nothing in before the
 * gates. Updates it applies carry the origin `{ source: 'redis' }` (isRedisOrigin): Hocuspocus
 * skips store hooks for them and PersistenceExtension does not log them again, because the
 * instance that received the update from a client already logged it before its ack.
 */
export function createRedisExtension(
  url: string,
  options: RedisExtensionOptions,
): RecorridoRedisExtension {
  let created = 0;
  return new RecorridoRedisExtension(
    {
      identifier: options.identifier ?? processIdentifier(),
      prefix: DOCUMENT_CHANNEL_PREFIX,
      // The extension calls this twice: its publisher first, then its subscriber.
      createClient: () => {
        created += 1;
        return createRedisConnection(
          url,
          options.logger,
          created === 1 ? 'documents-publisher' : 'documents-subscriber',
        );
      },
    },
    options.bus,
  );
}
