import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../collab/guards/clientAddress.ts';
import type { CollabLimits } from '../collab/guards/limits.ts';
import type { Rejections } from '../collab/guards/rejections.ts';
import type { TakeLimiter } from './limiters.ts';

/** Settings of the shared connection-attempt limit. */
export interface SharedConnectionRateConfiguration {
  limits: Pick<CollabLimits, 'trustProxy'>;
  rejections: Rejections;
  /**
   * Per-IP buckets (COLLAB_CONNECTIONS_PER_SECOND, COLLAB_CONNECTION_BURST) shared by every
   * instance: a FallbackTakeLimiter over RedisTokenBuckets and this process's own buckets.
   */
  limiter: TakeLimiter;
}

/**
 * ConnectionRateGuard for N instances: the same per-IP token buckets, counted in Redis so a
 * client cannot multiply its budget by the number of instances behind the load balancer, and the
 * same refusal (HTTP 429 with Retry-After, socket closed, one rejection reported). Async because
 * it asks Redis; server.ts awaits it in the 'upgrade' handler before handing the socket over.
 */
export class SharedConnectionRateGuard {
  readonly #config: SharedConnectionRateConfiguration;

  constructor(config: SharedConnectionRateConfiguration) {
    this.#config = config;
  }

  /** Null when the upgrade may proceed, else the raw HTTP response to write before closing. */
  async admit(request: IncomingMessage): Promise<string | null> {
    const ip = clientAddress(request, this.#config.limits.trustProxy);
    const waitMs = await this.#config.limiter.take(ip);
    if (waitMs === 0) return null;
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    this.#config.rejections.report(
      'connection_rate_limited',
      { ip, retryAfter },
      'refused WebSocket upgrade: too many connection attempts',
    );
    return tooManyConnections(retryAfter);
  }
}

/** The 429 answer ConnectionRateGuard writes, byte for byte. */
export function tooManyConnections(retryAfterSeconds: number): string {
  const body = JSON.stringify({
    error: { code: 'rate_limited', message: 'too many connection attempts' },
  });
  return [
    'HTTP/1.1 429 Too Many Requests',
    `Retry-After: ${retryAfterSeconds}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
