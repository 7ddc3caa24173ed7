import type { IncomingMessage } from 'node:http';
import {
  INTERNAL_ERROR,
  MALFORMED_MESSAGE,
  RATE_LIMITED,
  TEXT_FRAME_REFUSED,
  type CloseEvent,
} from '../../../shared/close-codes.ts';
import { ConnectionRateGuard } from './ConnectionRateGuard.ts';
import { checkFrame } from './FrameGuard.ts';
import type { CollabLimits } from './limits.ts';
import { MessageBudget } from './MessageRateGuard.ts';
import { isMessageTooBig } from './MessageSizeGuard.ts';
import type { RejectReason, Rejections } from './rejections.ts';
import type { Clock } from './tokenBucket.ts';

/** The part of a crossws Peer the guards use. */
export interface GuardedPeer {
  readonly id: string;
  readonly remoteAddress?: string | undefined;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

/** What the guards are configured with. */
export interface SocketGuardsConfiguration {
  limits: CollabLimits;
  rejections: Rejections;
  now?: Clock;
  /** How long a refused peer gets to finish the close handshake before its socket is dropped. */
  closeGraceMs?: number;
}

interface PeerState {
  budget: MessageBudget;
  /** Set once the peer was refused: anything still in flight from it is dropped unread. */
  refused: boolean;
}

/**
 * The WebSocket-level guards, applied in this order to every frame before Hocuspocus sees it:
 * message size (ws maxPayload), message and byte rate per connection, text frames, protocol
 * decoding. A refusal closes only the offending connection, with a close code from
 * shared/close-codes.ts, one warn log line and one metric increment.
 */
export class SocketGuards {
  readonly #config: SocketGuardsConfiguration;
  readonly #connectionRate: ConnectionRateGuard;
  readonly #peers = new WeakMap<GuardedPeer, PeerState>();

  constructor(config: SocketGuardsConfiguration) {
    this.#config = config;
    this.#connectionRate = new ConnectionRateGuard({
      limits: config.limits,
      rejections: config.rejections,
      ...(config.now ? { now: config.now } : {}),
    });
  }

  /** Null when a WebSocket upgrade may proceed, else the HTTP refusal to write before closing. */
  admitUpgrade(request: IncomingMessage): string | null {
    return this.#connectionRate.admit(request);
  }

  /** Starts tracking a new connection. */
  open(peer: GuardedPeer): void {
    this.#peers.set(peer, {
      budget: new MessageBudget(this.#config.limits, this.#config.now),
      refused: false,
    });
  }

  /**
   * Checks one incoming frame: the bytes to hand to Hocuspocus, or null when the frame must be
   * dropped (the connection was refused, now or earlier, or the frame needs no handling).
   */
  inspect(peer: GuardedPeer, rawData: unknown, bytes: () => Uint8Array): Uint8Array | null {
    const state = this.#peers.get(peer);
    if (!state || state.refused) return null;
    const size = typeof rawData === 'string' ? Buffer.byteLength(rawData) : bytes().length;
    const excess = state.budget.charge(size);
    if (excess) {
      this.#refuse(
        peer,
        state,
        'rate_limited',
        RATE_LIMITED,
        { budget: excess },
        'too many messages',
      );
      return null;
    }
    const check = checkFrame(rawData, bytes);
    if (check.action === 'forward') return check.data;
    if (check.action === 'ignore') return null;
    const close = check.problem === 'text_frame' ? TEXT_FRAME_REFUSED : MALFORMED_MESSAGE;
    this.#refuse(
      peer,
      state,
      check.problem,
      close,
      { detail: check.detail, bytes: size },
      'refused message',
    );
    return null;
  }

  /** Hocuspocus threw on a message that passed the checks: close that connection only. */
  handlerFailed(peer: GuardedPeer, error: unknown): void {
    const state = this.#peers.get(peer);
    if (!state || state.refused) return;
    this.#refuse(
      peer,
      state,
      'handler_error',
      INTERNAL_ERROR,
      { err: error },
      'message handler failed',
    );
  }

  /** A WebSocket-level error of one connection (ws already closes it): log and count. */
  socketError(peer: GuardedPeer, error: unknown): void {
    const state = this.#peers.get(peer);
    if (state) state.refused = true;
    if (isMessageTooBig(error)) {
      this.#config.rejections.report(
        'message_too_large',
        { peer: peer.id, ip: peer.remoteAddress, limit: this.#config.limits.maxMessageBytes },
        'refused message: larger than the WebSocket message cap',
      );
    } else {
      this.#config.rejections.report(
        'malformed',
        { peer: peer.id, ip: peer.remoteAddress, err: error },
        'WebSocket protocol error',
      );
    }
  }

  /** Stops tracking a closed connection. */
  close(peer: GuardedPeer): void {
    this.#peers.delete(peer);
  }

  #refuse(
    peer: GuardedPeer,
    state: PeerState,
    reason: RejectReason,
    close: CloseEvent,
    fields: Record<string, unknown>,
    message: string,
  ): void {
    state.refused = true;
    this.#config.rejections.report(
      reason,
      { peer: peer.id, ip: peer.remoteAddress, closeCode: close.code, ...fields },
      message,
    );
    peer.close(close.code, close.reason);
    // A peer that keeps sending instead of completing the close handshake is cut off.
    setTimeout(() => peer.terminate(), this.#config.closeGraceMs ?? 2_000).unref();
  }
}
