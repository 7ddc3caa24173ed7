import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MapIdSchema } from '../../shared/ids.ts';
import { createRedisConnection, isReady } from './redisConnection.ts';

/** Channel and key prefix of everything Recorrido itself puts in Redis. */
export const CLUSTER_PREFIX = 'recorrido:';

/** Largest list of sessions one message may carry (ClusteredCollabAccess sends more in chunks). */
export const MAX_SESSIONS_PER_MESSAGE = 10_000;

/** The payload validator of each message kind: the protocol is this map, the types derive from it. */
const PAYLOADS = {
  /** Close a member's connections to every document of a map (role changed or removed). */
  'close-member': z.object({ mapId: MapIdSchema, userId: z.string().min(1).max(200) }),
  /** Close every connection to the documents of a deleted map. */
  'close-map': z.object({ mapId: MapIdSchema }),
  /** Close the connections these sessions authenticated (logout, password change). */
  'close-sessions': z.object({
    sessionIds: z.array(z.string().min(1).max(200)).min(1).max(MAX_SESSIONS_PER_MESSAGE),
  }),
  /** These awareness client ids left a document on the sender (see RecorridoRedisExtension). */
  'presence-left': z.object({
    documentName: z.string().min(1).max(300),
    clientIds: z.array(z.number().int().nonnegative()).min(1).max(MAX_SESSIONS_PER_MESSAGE),
  }),
} as const;

/** Every message kind of the bus. */
export type ClusterMessageKind = keyof typeof PAYLOADS;
/** The payload of each kind, as received (validated). */
export type ClusterMessages = { [K in ClusterMessageKind]: z.output<(typeof PAYLOADS)[K]> };

const KINDS = Object.keys(PAYLOADS) as ClusterMessageKind[];

/** What travels on the wire: who sent it, and the payload (validated again on receipt). */
const Envelope = z.object({
  v: z.literal(1),
  from: z.string().min(1).max(200),
  payload: z.unknown(),
});

/** Who sent a received message. */
export interface ClusterMessageMeta {
  /** The sender's instance id. */
  from: string;
  /** True when this instance sent it (Redis delivers a publish to every subscriber, self too). */
  self: boolean;
}

/** A handler of one kind of message. */
export type ClusterHandler<K extends ClusterMessageKind> = (
  payload: ClusterMessages[K],
  meta: ClusterMessageMeta,
) => void;

/** Settings of a ClusterBus. */
export interface ClusterBusOptions {
  publisher: Redis;
  subscriber: Redis;
  logger: Logger;
  /** This process's id (default: random); messages carry it so an instance can tell its own. */
  instanceId?: string;
  /** Channel prefix (default `recorrido:`). */
  prefix?: string;
  /** True when the bus owns the connections and quits them on close() (default false). */
  ownsConnections?: boolean;
}

/**
 * Typed messages between Recorrido instances over Redis pub/sub: one publisher and one subscriber
 * connection, one channel per kind (`recorrido:<kind>`), JSON envelopes whose payload is validated
 * with zod on receipt (a bad message is logged and dropped). Delivery is at most once: a message
 * published while an instance's subscriber is disconnected never reaches it (see onResubscribed).
 */
export class ClusterBus {
  readonly instanceId: string;
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #logger: Logger;
  readonly #prefix: string;
  readonly #owns: boolean;
  readonly #handlers = new Map<ClusterMessageKind, Set<ClusterHandler<ClusterMessageKind>>>();
  readonly #resubscribed = new Set<() => void>();
  #started = false;

  constructor(options: ClusterBusOptions) {
    this.instanceId = options.instanceId ?? `recorrido-${crypto.randomUUID()}`;
    this.#publisher = options.publisher;
    this.#subscriber = options.subscriber;
    this.#logger = options.logger;
    this.#prefix = options.prefix ?? CLUSTER_PREFIX;
    this.#owns = options.ownsConnections ?? false;
    this.#subscriber.on('message', this.#onMessage);
  }

  /** A bus on its own two connections to `url` (closed by close()). */
  static connect(url: string, logger: Logger, instanceId?: string): ClusterBus {
    return new ClusterBus({
      publisher: createRedisConnection(url, logger, 'publisher'),
      subscriber: createRedisConnection(url, logger, 'subscriber'),
      logger,
      instanceId,
      ownsConnections: true,
    });
  }

  /** Subscribes to every kind's channel; resolves once Redis confirmed the subscription. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#subscriber.subscribe(...KINDS.map((kind) => this.#channel(kind)));
    // ioredis resubscribes by itself after a reconnect; messages sent meanwhile are lost.
    let lost = false;
    this.#subscriber.on('close', () => {
      lost = true;
    });
    this.#subscriber.on('ready', () => {
      if (!lost) return;
      lost = false;
      for (const listener of this.#resubscribed) listener();
    });
  }

  /** Handles one kind of message (from every instance, this one included); returns an unsubscribe. */
  on<K extends ClusterMessageKind>(kind: K, handler: ClusterHandler<K>): () => void {
    let set = this.#handlers.get(kind);
    if (!set) {
      set = new Set();
      this.#handlers.set(kind, set);
    }
    // Safe: #onMessage only calls a kind's handlers with that kind's validated payload.
    const stored = handler as unknown as ClusterHandler<ClusterMessageKind>;
    set.add(stored);
    return () => set.delete(stored);
  }

  /**
   * Called after the subscriber reconnected: messages sent while it was away are lost, so a user
   * re-checks what they may have missed (e.g. every open connection's role).
   */
  onResubscribed(listener: () => void): () => void {
    this.#resubscribed.add(listener);
    return () => this.#resubscribed.delete(listener);
  }

  /**
   * Publishes to every instance (this one included). Never throws: answers false and logs when
   * the payload is invalid or the message could not be handed to Redis (down, timeout).
   */
  async publish<K extends ClusterMessageKind>(
    kind: K,
    payload: z.input<(typeof PAYLOADS)[K]>,
  ): Promise<boolean> {
    const checked = PAYLOADS[kind].safeParse(payload);
    if (!checked.success) {
      this.#logger.error({ kind }, 'cluster bus: refused to publish an invalid message');
      return false;
    }
    if (!isReady(this.#publisher)) {
      this.#logger.warn({ kind }, 'cluster bus: redis is down, other instances miss this message');
      return false;
    }
    const message = JSON.stringify({ v: 1, from: this.instanceId, payload: checked.data });
    try {
      await this.#publisher.publish(this.#channel(kind), message);
      return true;
    } catch (error) {
      this.#logger.warn(
        { kind, err: error instanceof Error ? error.message : String(error) },
        'cluster bus: publish failed, other instances miss this message',
      );
      return false;
    }
  }

  /** Stops listening; quits the connections when the bus owns them. */
  async close(): Promise<void> {
    this.#subscriber.off('message', this.#onMessage);
    this.#handlers.clear();
    this.#resubscribed.clear();
    if (!this.#owns) return;
    await Promise.all([quit(this.#publisher), quit(this.#subscriber)]);
  }

  #channel(kind: ClusterMessageKind): string {
    return `${this.#prefix}${kind}`;
  }

  #onMessage = (channel: string, raw: string): void => {
    const kind = KINDS.find((candidate) => this.#channel(candidate) === channel);
    if (!kind) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.#logger.warn({ channel }, 'cluster bus: dropped a message that is not JSON');
      return;
    }
    const envelope = Envelope.safeParse(parsed);
    const payload = envelope.success ? PAYLOADS[kind].safeParse(envelope.data.payload) : null;
    if (!envelope.success || !payload?.success) {
      this.#logger.warn({ channel }, 'cluster bus: dropped an invalid message');
      return;
    }
    const meta = { from: envelope.data.from, self: envelope.data.from === this.instanceId };
    for (const handler of this.#handlers.get(kind) ?? []) {
      try {
        handler(payload.data, meta);
      } catch (error) {
        this.#logger.error(
          { kind, err: error instanceof Error ? error.message : String(error) },
          'cluster bus: a handler failed',
        );
      }
    }
  };
}

/** Quits politely when connected, else just disconnects (a down Redis must not hang shutdown). */
async function quit(redis: Redis): Promise<void> {
  if (isReady(redis)) {
    try {
      await redis.quit();
      return;
    } catch {
      // Fall through to disconnect.
    }
  }
  redis.disconnect(false);
}
