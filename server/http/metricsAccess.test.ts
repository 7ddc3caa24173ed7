import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { isLocalRequest, isLoopbackAddress } from './metricsAccess.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.dispose();
});

async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(overrides);
  servers.push(s);
  return s;
}

function request(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('who may read /metrics', () => {
  it('counts only loopback sockets without forwarding headers as this machine', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ['10.0.0.1', '192.0.2.1', '::ffff:10.0.0.1', '2001:db8::1', '']) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
    expect(isLocalRequest(request('127.0.0.1'))).toBe(true);
    expect(isLocalRequest(request('10.1.2.3'))).toBe(false);
    // A reverse proxy on this host connects from loopback on behalf of the world.
    expect(isLocalRequest(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }))).toBe(false);
    expect(isLocalRequest(request('::1', { forwarded: 'for=203.0.113.5' }))).toBe(false);
  });

  it('serves loopback without a token, and refuses a proxied request with 403', async () => {
    const s = await server();
    expect((await fetch(`${s.url}/metrics`)).status).toBe(200);
    const proxied = await fetch(`${s.url}/metrics`, {
      headers: { 'X-Forwarded-For': '203.0.113.5' },
    });
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('wants the bearer token, even from loopback, when METRICS_TOKEN is set', async () => {
    const s = await server({ metricsToken: 's3cret-scrape-token' });
    const scrape = (headers: Record<string, string>) => fetch(`${s.url}/metrics`, { headers });
    const none = await scrape({});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await scrape({ Authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await scrape({
      Authorization: 'Bearer s3cret-scrape-token',
      'X-Forwarded-For': '203.0.113.5',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^# HELP/m);
  });
});
