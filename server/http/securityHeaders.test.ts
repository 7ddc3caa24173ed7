import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, startTestServer, type TestServer } from '../test/testServer.ts';
import { signUpUser } from '../test/testUser.ts';
import { CLIENT_CACHE } from './app.ts';
import { HSTS_VALUE, REFERRER_POLICY, socketOrigins } from './securityHeaders.ts';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

/** A real server with a small built client (index.html and one asset) in its data folder. */
async function serverWithClient(publicUrl?: string): Promise<TestServer> {
  const dataDir = makeDataDir();
  const clientDir = path.join(dataDir, 'client');
  fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(clientDir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'export {};\n');
  server = await startTestServer({ dataDir, clientDir, publicUrl });
  return server;
}

/** The CSP directives of a response, by name. */
function csp(response: Response): Map<string, string[]> {
  const value = response.headers.get('content-security-policy');
  expect(value, 'Content-Security-Policy header').toBeTruthy();
  const directives = new Map<string, string[]>();
  for (const part of (value ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

/** Checks the headers every response carries, whatever it is. */
function expectCommonHeaders(response: Response, socket: string[]): void {
  const policy = csp(response);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('style-src')).toEqual(["'self'"]);
  expect(policy.get('connect-src')).toEqual(["'self'", ...socket]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe(REFERRER_POLICY);
  expect(response.headers.get('x-frame-options')).toBe('DENY');
}

describe('security headers without PUBLIC_URL', () => {
  it('are on the HTML page, a client route, an asset, the API and its errors, with no HSTS', async () => {
    const running = await serverWithClient();
    const host = new URL(running.url).host;
    const socket = [`ws://${host}`, `wss://${host}`];
    const user = await signUpUser(running.url);

    const responses = {
      page: await fetch(`${running.url}/`),
      clientRoute: await fetch(`${running.url}/maps/some-map`),
      asset: await fetch(`${running.url}/assets/app.js`),
      apiOk: await user.call('GET', '/api/maps'),
      apiUnauthenticated: await fetch(`${running.url}/api/me`),
      apiNotFound: await user.call('GET', '/api/no-such-route'),
      apiCrossOrigin: await user.call(
        'POST',
        '/api/maps',
        { title: 'x' },
        {
          headers: { Origin: 'https://evil.example' },
        },
      ),
      health: await fetch(`${running.url}/healthz`),
    };
    expect(responses.page.headers.get('content-type')).toMatch(/text\/html/);
    expect(responses.clientRoute.headers.get('content-type')).toMatch(/text\/html/);
    expect(responses.asset.headers.get('content-type')).toMatch(/javascript/);
    expect(responses.apiOk.status).toBe(200);
    expect(responses.apiUnauthenticated.status).toBe(401);
    expect(responses.apiNotFound.status).toBe(404);
    expect(responses.apiCrossOrigin.status).toBe(403);
    for (const [name, response] of Object.entries(responses)) {
      expectCommonHeaders(response, socket);
      expect(response.headers.get('strict-transport-security'), name).toBeNull();
    }
  });
});

describe('caching of the built client', () => {
  it('keeps the hashed assets a year and asks again for the page every time', async () => {
    const running = await serverWithClient();
    fs.writeFileSync(path.join(running.dataDir, 'client', 'favicon.svg'), '<svg/>');
    const asset = await fetch(`${running.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe(CLIENT_CACHE.hashedAsset);
    expect(CLIENT_CACHE.hashedAsset).toMatch(/immutable/);
    for (const route of ['/', '/maps/some-map', '/favicon.svg']) {
      const response = await fetch(`${running.url}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control'), route).toBe('no-cache');
    }
    // An asset of another build is not found, rather than the page in its place, kept a year.
    const missing = await fetch(`${running.url}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).not.toBe(CLIENT_CACHE.hashedAsset);
  });
});

describe('security headers with PUBLIC_URL', () => {
  it('add HSTS and allow only the public wss:// origin when PUBLIC_URL is https', async () => {
    const running = await serverWithClient('https://recorrido.example.org');
    for (const url of [
      `${running.url}/`,
      `${running.url}/assets/app.js`,
      `${running.url}/api/me`,
    ]) {
      const response = await fetch(url);
      expectCommonHeaders(response, ['wss://recorrido.example.org']);
      expect(response.headers.get('strict-transport-security'), url).toBe(HSTS_VALUE);
    }
  });

  it('send no HSTS when PUBLIC_URL is plain http, and allow its ws:// origin', async () => {
    const running = await serverWithClient('http://recorrido.internal:8080');
    const response = await fetch(`${running.url}/`);
    expectCommonHeaders(response, ['ws://recorrido.internal:8080']);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('socketOrigins', () => {
  it('lists nothing for a Host header that is not a bare host, so it cannot add directives', () => {
    expect(socketOrigins("evil.example; script-src 'unsafe-inline'", undefined)).toEqual([]);
    expect(socketOrigins('evil.example *', undefined)).toEqual([]);
    expect(socketOrigins(undefined, undefined)).toEqual([]);
  });

  it('accepts names, IPv4 and bracketed IPv6 hosts with a port', () => {
    expect(socketOrigins('[::1]:3000', undefined)).toEqual(['ws://[::1]:3000', 'wss://[::1]:3000']);
    expect(socketOrigins('Recorrido.Example.org', undefined)).toEqual([
      'ws://recorrido.example.org',
      'wss://recorrido.example.org',
    ]);
  });
});
