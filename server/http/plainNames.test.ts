import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import { anonymousCall, signUpUser } from '../test/testUser.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.dispose();
});

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('names and titles refuse control characters, bidi overrides and lone surrogates', () => {
  it('answers 400 invalid_body for such a user name, map title or department name', async () => {
    const s = await startTestServer();
    servers.push(s);
    const signup = await anonymousCall(s.url, 'POST', '/api/auth/signup', {
      email: 'trojan@example.test',
      password: 'correct horse battery',
      name: 'Ana\u202Enimda',
      department: 'contact-centre',
    });
    expect(signup.status).toBe(400);
    expect(await errorOf(signup)).toMatchObject({
      code: 'invalid_body',
      message: expect.stringMatching(/^name: must not contain control characters/),
    });

    const user = await signUpUser(s.url);
    for (const title of ['Viaje\u0000', 'Viaje\uD800', 'Viaje\u2066']) {
      const created = await user.call('POST', '/api/maps', { title });
      expect(created.status, JSON.stringify(title)).toBe(400);
      expect(await errorOf(created)).toMatchObject({ code: 'invalid_body' });
    }
    const map = await user.json<{ id: string }>('POST', '/api/maps', { title: 'Viaje' }, 201);
    const renamed = await user.call('PATCH', `/api/maps/${map.id}`, { title: 'Vi\u001Baje' });
    expect(renamed.status).toBe(400);

    const department = await user.call('POST', '/api/departments', { name: 'Ventas\u202E' });
    expect(department.status).toBe(400);
    // Accents and other scripts stay welcome.
    expect((await user.call('POST', '/api/maps', { title: 'Atención ✈️ שלום' })).status).toBe(201);
  });
});
