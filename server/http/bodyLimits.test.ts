import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/sessionCookie.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { signUpUser, type TestUser } from '../test/testUser.ts';
import { MAX_JSON_BODY_BYTES } from './app.ts';

let server: TestServer;
let user: TestUser;

beforeEach(async () => {
  server = await startTestServer();
  user = await signUpUser(server.url);
});

afterEach(async () => {
  await server.dispose();
});

/** POST /api/maps as the signed-in user with a raw body (string or stream). */
function postMaps(
  body: string | ReadableStream<Uint8Array>,
  extra: RequestInit = {},
): Promise<Response> {
  return fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: {
      Cookie: `${SESSION_COOKIE}=${user.token}`,
      Origin: server.url,
      'Content-Type': 'application/json',
    },
    body,
    ...extra,
  });
}

describe('JSON request bodies', () => {
  it('refuses a body above 2 MiB with 413 body_too_large', async () => {
    const title = 'x'.repeat(MAX_JSON_BODY_BYTES);
    const response = await postMaps(JSON.stringify({ title }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('refuses an oversized body sent without Content-Length (chunked) as well', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(256 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_JSON_BODY_BYTES) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await postMaps(stream, { duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('answers 400 invalid_json to a body that is not JSON, without a stack trace', async () => {
    const response = await postMaps('{"title": "unterminated');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_json');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('accepts a normal body', async () => {
    const response = await postMaps(JSON.stringify({ title: 'Normal' }));
    expect(response.status).toBe(201);
  });
});
