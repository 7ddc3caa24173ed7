import type { IncomingMessage } from 'node:http';
import type { CollabLimits } from './limits.ts';
import type { Rejections } from './rejections.ts';
import { KeyedTokenBuckets, type Clock } from './tokenBucket.ts';
import { clientAddress } from './clientAddress.ts';

/** Settings of the per-IP connection-attempt limit. */
export interface ConnectionRateConfiguration {
  limits: Pick<CollabLimits, 'connectionsPerSecond' | 'connectionBurst' | 'trustProxy'>;
  rejections: Rejections;
  now?: Clock;
}

/**
 * Rate-limits WebSocket upgrades per client IP (token bucket) before any WebSocket exists: an IP
 * over its budget gets an HTTP 429 with Retry-After and the socket is closed, so a reconnect storm
 * or a scripted flood costs one header parse per attempt.
 */
export class ConnectionRateGuard {
  readonly #config: ConnectionRateConfiguration;
  readonly #buckets: KeyedTokenBuckets;

  constructor(config: ConnectionRateConfiguration) {
    this.#config = config;
    this.#buckets = new KeyedTokenBuckets(
      { perSecond: config.limits.connectionsPerSecond, burst: config.limits.connectionBurst },
      config.now ? { now: config.now } : {},
    );
  }

  /** Null when the upgrade may proceed, else the raw HTTP response to write before closing. */
  admit(request: IncomingMessage): string | null {
    const ip = clientAddress(request, this.#config.limits.trustProxy);
    if (this.#buckets.take(ip)) return null;
    const retryAfter = Math.max(1, Math.ceil(this.#buckets.msUntil(ip) / 1000));
    this.#config.rejections.report(
      'connection_rate_limited',
      { ip, retryAfter },
      'refused WebSocket upgrade: too many connection attempts',
    );
    const body = JSON.stringify({
      error: { code: 'rate_limited', message: 'too many connection attempts' },
    });
    return [
      'HTTP/1.1 429 Too Many Requests',
      `Retry-After: ${retryAfter}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n');
  }
}
