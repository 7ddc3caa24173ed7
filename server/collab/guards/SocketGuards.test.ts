import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  INTERNAL_ERROR,
  MALFORMED_MESSAGE,
  RATE_LIMITED,
  TEXT_FRAME_REFUSED,
} from '../../../shared/close-codes.ts';
import { Metrics } from '../../metrics.ts';
import { captureLogs } from '../../test/logCapture.ts';
import { typedFrame } from '../../test/rawSocket.ts';
import { resolveCollabLimits } from './limits.ts';
import { Rejections } from './rejections.ts';
import { SocketGuards, type GuardedPeer } from './SocketGuards.ts';

function peer(id = 'p1') {
  return {
    id,
    remoteAddress: '127.0.0.1',
    close: vi.fn<(code?: number, reason?: string) => void>(),
    terminate: vi.fn<() => void>(),
  } satisfies GuardedPeer;
}

function guards(limits = {}) {
  const logs = captureLogs();
  const metrics = new Metrics();
  const g = new SocketGuards({
    limits: resolveCollabLimits(limits),
    rejections: new Rejections(logs.logger, metrics),
    closeGraceMs: 1_000,
  });
  return { g, logs, metrics };
}

const frame = typedFrame('map:AAAAAAAAAAAAAAAAAAAAA', 3);

afterEach(() => {
  vi.useRealTimers();
});

describe('SocketGuards', () => {
  it('forwards well-formed frames and drops the provider pong silently', () => {
    const { g, logs } = guards();
    const p = peer();
    g.open(p);
    expect(g.inspect(p, frame, () => frame)).toBe(frame);
    const pong = new Uint8Array([10]);
    expect(g.inspect(p, pong, () => pong)).toBeNull();
    expect(p.close).not.toHaveBeenCalled();
    expect(logs.entries).toHaveLength(0);
  });

  it('refuses text and malformed frames with their own close codes', () => {
    const { g } = guards();
    const text = peer('text');
    const broken = peer('broken');
    g.open(text);
    g.open(broken);
    expect(g.inspect(text, 'hola', () => new TextEncoder().encode('hola'))).toBeNull();
    const garbage = new Uint8Array([0xff]);
    expect(g.inspect(broken, garbage, () => garbage)).toBeNull();
    expect(text.close).toHaveBeenCalledWith(TEXT_FRAME_REFUSED.code, TEXT_FRAME_REFUSED.reason);
    expect(broken.close).toHaveBeenCalledWith(MALFORMED_MESSAGE.code, MALFORMED_MESSAGE.reason);
  });

  it('drops everything a refused peer still sends, and cuts it off if it never completes the close', () => {
    vi.useFakeTimers();
    const { g, logs } = guards();
    const p = peer();
    g.open(p);
    const garbage = new Uint8Array([0xff]);
    g.inspect(p, garbage, () => garbage);
    expect(g.inspect(p, frame, () => frame)).toBeNull();
    expect(logs.entries).toHaveLength(1);
    expect(p.terminate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(p.terminate).toHaveBeenCalledTimes(1);
  });

  it('charges every frame against the connection budget, malformed or not', () => {
    const { g, logs } = guards({ messagesPerSecond: 0.001, messageBurst: 3 });
    const p = peer();
    g.open(p);
    for (let i = 0; i < 3; i++) expect(g.inspect(p, frame, () => frame)).toBe(frame);
    expect(g.inspect(p, frame, () => frame)).toBeNull();
    expect(p.close).toHaveBeenCalledWith(RATE_LIMITED.code, RATE_LIMITED.reason);
    expect(logs.find({ reason: 'rate_limited', budget: 'messages' })).toHaveLength(1);
  });

  it('closes with 1011 when Hocuspocus throws on a frame that passed, and counts it', async () => {
    const { g, logs, metrics } = guards();
    const p = peer();
    g.open(p);
    g.handlerFailed(p, new Error('boom'));
    g.handlerFailed(p, new Error('again'));
    expect(p.close).toHaveBeenCalledTimes(1);
    expect(p.close).toHaveBeenCalledWith(INTERNAL_ERROR.code, INTERNAL_ERROR.reason);
    expect(logs.find({ reason: 'handler_error' })).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(text).toContain('recorrido_collab_rejected_messages_total{reason="handler_error"} 1');
  });

  it('tells an oversized frame from other WebSocket protocol errors', () => {
    const { g, logs } = guards();
    const big = peer('big');
    const bad = peer('bad');
    g.open(big);
    g.open(bad);
    g.socketError(big, new Error('RangeError: Max payload size exceeded'));
    g.socketError(
      bad,
      new Error('RangeError: Invalid WebSocket frame: RSV2 and RSV3 must be clear'),
    );
    expect(logs.find({ reason: 'message_too_large', peer: 'big' })).toHaveLength(1);
    expect(logs.find({ reason: 'malformed', peer: 'bad' })).toHaveLength(1);
    expect(g.inspect(big, frame, () => frame)).toBeNull();
  });
});
