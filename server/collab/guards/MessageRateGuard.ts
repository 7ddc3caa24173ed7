import type { CollabLimits } from './limits.ts';
import { TokenBucket, type Clock } from './tokenBucket.ts';

/** Which budget a message exceeded, or null when it is within both. */
export type RateExcess = 'messages' | 'bytes' | null;

/**
 * One connection's message budget: a token bucket of messages and one of bytes. Every frame is
 * charged (malformed ones too) before it is decoded, so a flood costs O(1) per frame.
 */
export class MessageBudget {
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;

  constructor(
    limits: Pick<
      CollabLimits,
      'messagesPerSecond' | 'messageBurst' | 'bytesPerSecond' | 'byteBurst'
    >,
    now?: Clock,
  ) {
    this.#messages = new TokenBucket(
      { perSecond: limits.messagesPerSecond, burst: limits.messageBurst },
      now,
    );
    this.#bytes = new TokenBucket(
      { perSecond: limits.bytesPerSecond, burst: limits.byteBurst },
      now,
    );
  }

  /** Charges one message of `bytes`; says which budget it exceeded, if any. */
  charge(bytes: number): RateExcess {
    if (!this.#messages.take(1)) return 'messages';
    if (!this.#bytes.take(bytes)) return 'bytes';
    return null;
  }
}
