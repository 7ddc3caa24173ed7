import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MALFORMED_MESSAGE, MESSAGE_TOO_BIG } from '../../../shared/close-codes.ts';
import { startCollabFixture, type CollabFixture } from '../../test/collabFixture.ts';
import { readMetric } from '../../test/metrics.ts';
import { openRawSocket } from '../../test/rawSocket.ts';
import { DEFAULT_COLLAB_LIMITS, readCollabLimits } from './limits.ts';

const LIMIT = 64 * 1024;
let f: CollabFixture;

beforeEach(async () => {
  f = await startCollabFixture({ limits: { maxMessageBytes: LIMIT } });
});

afterEach(async () => {
  await f.dispose();
});

describe('WebSocket message size cap', () => {
  it('closes only the connection that sends a frame above the cap, with 1009, a log line and a metric', async () => {
    const bystander = openRawSocket(f.server.url);
    const offender = openRawSocket(f.server.url);
    await Promise.all([bystander.opened, offender.opened]);

    offender.send(new Uint8Array(LIMIT + 1));

    expect((await offender.closed).code).toBe(MESSAGE_TOO_BIG.code);
    await expect
      .poll(() => f.logs.find({ event: 'collab_rejected', reason: 'message_too_large' }).length)
      .toBe(1);
    expect(
      await readMetric(f.server.url, 'recorrido_collab_rejected_messages_total', {
        reason: 'message_too_large',
      }),
    ).toBe(1);
    expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
    await f.addAcknowledgedCard(f.honest, 'after the big frame');
    expect(f.honestDisconnects()).toBe(0);
    bystander.ws.close();
  });

  it('reads a frame of exactly the cap (and judges its content instead)', async () => {
    const socket = openRawSocket(f.server.url);
    await socket.opened;
    socket.send(new Uint8Array(LIMIT).fill(0xfe));
    expect((await socket.closed).code).toBe(MALFORMED_MESSAGE.code);
  });
});

describe('collaboration limits configuration', () => {
  it('defaults to 4 MiB messages and 8 MiB documents and reads COLLAB_* overrides', () => {
    expect(readCollabLimits({})).toEqual(DEFAULT_COLLAB_LIMITS);
    expect(DEFAULT_COLLAB_LIMITS.maxMessageBytes).toBe(4 * 1024 * 1024);
    expect(DEFAULT_COLLAB_LIMITS.maxDocumentBytes).toBe(8 * 1024 * 1024);
    const limits = readCollabLimits({
      COLLAB_MAX_MESSAGE_BYTES: '1024',
      COLLAB_MESSAGES_PER_SECOND: '2.5',
      TRUST_PROXY: 'true',
    });
    expect(limits).toMatchObject({
      maxMessageBytes: 1024,
      messagesPerSecond: 2.5,
      trustProxy: true,
    });
  });

  it('refuses nonsense values loudly', () => {
    expect(() => readCollabLimits({ COLLAB_MAX_DOCUMENT_BYTES: 'lots' })).toThrow(
      /COLLAB_MAX_DOCUMENT_BYTES/,
    );
    expect(() => readCollabLimits({ COLLAB_MESSAGE_BURST: '-1' })).toThrow(/positive/);
  });
});
