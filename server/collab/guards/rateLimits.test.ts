import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { mapDocName, type MapId } from '../../../shared/index.ts';
import { RATE_LIMITED } from '../../../shared/close-codes.ts';
import { startCollabFixture, type CollabFixture } from '../../test/collabFixture.ts';
import { readMetric } from '../../test/metrics.ts';
import { openRawSocket, typedFrame } from '../../test/rawSocket.ts';
import type { CollabLimits } from './limits.ts';

let f: CollabFixture | undefined;

afterEach(async () => {
  await f?.dispose();
  f = undefined;
});

async function fixture(limits: Partial<CollabLimits>): Promise<CollabFixture> {
  f = await startCollabFixture({ limits });
  return f;
}

/** A WebSocket upgrade request made by hand, so the refusal's HTTP status is visible. */
function upgradeStatus(
  url: string,
): Promise<{ status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/collab`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, body: '' });
    });
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body,
          ...(response.headers['retry-after']
            ? { retryAfter: response.headers['retry-after'] }
            : {}),
        }),
      );
    });
    request.on('error', reject);
  });
}

describe('per-connection message rate limit', () => {
  it('closes a connection that sends more messages than its budget, and only that one', async () => {
    const { server, logs, mapId, honest, honestDisconnects, addAcknowledgedCard } = await fixture({
      messagesPerSecond: 1,
      messageBurst: 20,
    });
    const docName = mapDocName(mapId as MapId);
    const flooder = openRawSocket(server.url);
    await flooder.opened;

    for (let i = 0; i < 40; i++) flooder.send(typedFrame(docName, 3)); // QueryAwareness

    expect(await flooder.closed).toEqual(RATE_LIMITED);
    await expect
      .poll(() => logs.find({ event: 'collab_rejected', reason: 'rate_limited' }).length)
      .toBe(1);
    expect(
      await readMetric(server.url, 'recorrido_collab_rejected_messages_total', {
        reason: 'rate_limited',
      }),
    ).toBe(1);
    await addAcknowledgedCard(honest, 'unthrottled');
    expect(honestDisconnects()).toBe(0);
  });

  it('closes a connection that sends more bytes than its budget', async () => {
    const { server, logs, mapId } = await fixture({ bytesPerSecond: 1, byteBurst: 8_000 });
    const socket = openRawSocket(server.url);
    await socket.opened;
    const state = new TextEncoder().encode(JSON.stringify({ user: { name: 'x'.repeat(2_000) } }));
    const awareness = new Uint8Array([1, 7, 1, ...varUint(state.length), ...state]);
    const frame = typedFrame(
      mapDocName(mapId as MapId),
      1,
      new Uint8Array([...varUint(awareness.length), ...awareness]),
    );

    for (let i = 0; i < 5; i++) socket.send(frame);

    expect(await socket.closed).toEqual(RATE_LIMITED);
    expect(logs.find({ reason: 'rate_limited', budget: 'bytes' })).toHaveLength(1);
  });
});

describe('per-IP connection attempt limit', () => {
  it('answers 429 with Retry-After once an IP used its burst, before any WebSocket exists', async () => {
    // The fixture's honest client used one attempt of the burst of 3.
    const { server, logs } = await fixture({ connectionsPerSecond: 0.01, connectionBurst: 3 });
    expect((await upgradeStatus(server.url)).status).toBe(101);
    expect((await upgradeStatus(server.url)).status).toBe(101);

    const refused = await upgradeStatus(server.url);

    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'rate_limited' } });
    expect(logs.find({ reason: 'connection_rate_limited' })).toHaveLength(1);
    expect(
      await readMetric(server.url, 'recorrido_collab_rejected_messages_total', {
        reason: 'connection_rate_limited',
      }),
    ).toBe(1);
  });
});

function varUint(value: number): number[] {
  const bytes: number[] = [];
  while (value > 127) {
    bytes.push((value & 127) | 128);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return bytes;
}
