import crypto from 'node:crypto';
import os from 'node:os';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Logger } from 'pino';
import { CLUSTER_PREFIX } from './ClusterBus.ts';
import { createRedisConnection } from './redisConnection.ts';

/** Prefix of the extension's channels and locks: `recorrido:doc:map:<id>`, `recorrido:doc:map:<id>:lock`. */
export const DOCUMENT_CHANNEL_PREFIX = `${CLUSTER_PREFIX}doc`;

/** Options of createRedisExtension. */
export interface RedisExtensionOptions {
  logger: Logger;
  /** This process's id on the document channels (default: host, pid and a random suffix). */
  identifier?: string;
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
 * (and its `/comments`, `/customer` documents) travel between instances on
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
export function createRedisExtension(url: string, options: RedisExtensionOptions): RedisExtension {
  let created = 0;
  return new RedisExtension({
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
  });
}
