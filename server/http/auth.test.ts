import { afterEach, describe, expect, it } from 'vitest';
import { databaseText } from '../test/rawSql.ts';
import { startTestServer, type TestServer } from '../test/testServer.ts';
import {
  anonymousCall,
  asUser,
  createMapAs,
  sessionTokenFrom,
  signUpUser,
} from '../test/testUser.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.dispose();
});

async function server(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(overrides);
  servers.push(s);
  return s;
}

const PASSWORD = 'correct horse battery';

function login(
  url: string,
  email: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
) {
  return anonymousCall(url, 'POST', '/api/auth/login', { email, password }, headers);
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('accounts and sessions', () => {
  it('signs up, answers /api/me with the profile, logs in again and logs out', async () => {
    const s = await server();
    const signup = await anonymousCall(s.url, 'POST', '/api/auth/signup', {
      email: '  Ana@Example.TEST ',
      password: PASSWORD,
      name: 'Ana Pérez',
      department: 'contact-centre',
    });
    expect(signup.status).toBe(201);
    const token = sessionTokenFrom(signup);
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    const ana = asUser(
      s.url,
      { id: '', email: 'ana@example.test', name: 'Ana Pérez' },
      token ?? '',
    );
    const me = await ana.json<Record<string, unknown>>('GET', '/api/me');
    expect(me).toMatchObject({
      email: 'ana@example.test',
      name: 'Ana Pérez',
      department: 'contact-centre',
    });
    expect(Object.keys(me).sort()).toEqual(['department', 'email', 'guest', 'id', 'name']);

    const again = await login(s.url, 'ANA@example.test');
    expect(again.status).toBe(200);
    const second = asUser(s.url, ana, sessionTokenFrom(again) ?? '');
    expect((await second.call('GET', '/api/me')).status).toBe(200);

    expect((await second.call('POST', '/api/auth/logout')).status).toBe(204);
    expect((await second.call('GET', '/api/me')).status).toBe(401);
    // Logging out one session leaves the others alone.
    expect((await ana.call('GET', '/api/me')).status).toBe(200);
  });

  it('answers 401 on /api/me without a session or with a forged token', async () => {
    const s = await server();
    expect((await fetch(`${s.url}/api/me`)).status).toBe(401);
    const user = await signUpUser(s.url);
    const [id] = user.token.split('.');
    const forged = asUser(s.url, user, `${id}.${'a'.repeat(24)}`);
    const response = await forged.call('GET', '/api/me');
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toMatchObject({ code: 'unauthenticated' });
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure only when PUBLIC_URL is https', async () => {
    const plain = await server();
    const response = await anonymousCall(plain.url, 'POST', '/api/auth/signup', {
      email: 'a@example.test',
      password: PASSWORD,
      name: 'A',
      department: 'it',
    });
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/^recorrido_session=[^;]+;/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Expires=/);
    expect(cookie).not.toMatch(/Secure/i);

    const secure = await server({ publicUrl: 'https://recorrido.example.org' });
    const over = await anonymousCall(
      secure.url,
      'POST',
      '/api/auth/signup',
      { email: 'b@example.test', password: PASSWORD, name: 'B', department: 'it' },
      { Origin: 'https://recorrido.example.org' },
    );
    expect(over.status).toBe(201);
    expect(over.headers.getSetCookie().join('\n')).toMatch(/; Secure/i);
  });

  it('refuses weak passwords, unknown departments and duplicate emails with clear messages', async () => {
    const s = await server();
    const base = { email: 'c@example.test', password: PASSWORD, name: 'C', department: 'finance' };
    const short = await anonymousCall(s.url, 'POST', '/api/auth/signup', {
      ...base,
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).message).toMatch(/at least 10 characters/);
    const dept = await anonymousCall(s.url, 'POST', '/api/auth/signup', {
      ...base,
      department: 'x',
    });
    expect(dept.status).toBe(400);
    expect(await errorOf(dept)).toMatchObject({ code: 'unknown_department' });
    const email = await anonymousCall(s.url, 'POST', '/api/auth/signup', {
      ...base,
      email: 'nope',
    });
    expect((await errorOf(email)).message).toMatch(/email/);
    expect((await anonymousCall(s.url, 'POST', '/api/auth/signup', base)).status).toBe(201);
    const dup = await anonymousCall(s.url, 'POST', '/api/auth/signup', {
      ...base,
      email: 'C@EXAMPLE.test',
    });
    expect(dup.status).toBe(409);
    expect(await errorOf(dup)).toMatchObject({ code: 'email_taken' });
    const wrong = await login(s.url, 'c@example.test', 'wrong password!');
    expect(wrong.status).toBe(401);
    expect(await errorOf(wrong)).toMatchObject({
      code: 'invalid_credentials',
      message: 'email or password is incorrect',
    });
  });

  it('changing the password ends every other session and issues a new cookie', async () => {
    const s = await server();
    const user = await signUpUser(s.url, { email: 'd@example.test' });
    const other = asUser(s.url, user, sessionTokenFrom(await login(s.url, 'd@example.test')) ?? '');

    const wrong = await user.call('PATCH', '/api/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new secret',
    });
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toMatchObject({ code: 'wrong_password' });

    const changed = await user.call('PATCH', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(changed.status).toBe(204);
    const fresh = asUser(s.url, user, sessionTokenFrom(changed) ?? '');
    expect((await fresh.call('GET', '/api/me')).status).toBe(200);
    expect((await other.call('GET', '/api/me')).status).toBe(401);
    expect((await user.call('GET', '/api/me')).status).toBe(401);
    expect((await login(s.url, 'd@example.test')).status).toBe(401);
    expect((await login(s.url, 'd@example.test', 'a brand new secret')).status).toBe(200);
  });

  it('stores only hashes: neither the session secret nor the password appears in the database', async () => {
    const s = await server();
    const user = await signUpUser(s.url, { password: 'a very memorable secret' });
    const [id, secret] = user.token.split('.');
    const row = await s.storage.sessions.get(id ?? '');
    expect(row).not.toBeNull();
    expect(row?.secretHash).toHaveLength(32);
    const stored = await databaseText(s);
    expect(stored).toContain(user.email);
    expect(stored.includes(secret ?? '-')).toBe(false);
    expect(stored.includes(user.token)).toBe(false);
    expect(stored.includes('a very memorable secret')).toBe(false);
  });
});

describe('login throttling', () => {
  it('answers 429 with Retry-After after 5 failures for one account from one address, even with the right password', async () => {
    const s = await server();
    await signUpUser(s.url, { email: 'e@example.test' });
    for (let i = 0; i < 5; i += 1) {
      expect((await login(s.url, 'e@example.test', `wrong password ${i}`)).status).toBe(401);
    }
    const blocked = await login(s.url, 'e@example.test');
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await errorOf(blocked)).toMatchObject({
      code: 'too_many_attempts',
      message: expect.stringMatching(/too many failed sign-in attempts: try again in 1 minute/),
    });
  });

  it('answers 429 after 20 failures from one IP across different accounts', async () => {
    const s = await server();
    await signUpUser(s.url, { email: 'f@example.test' });
    for (let i = 0; i < 20; i += 1) {
      expect((await login(s.url, `nobody${i}@example.test`, 'wrong password')).status).toBe(401);
    }
    const blocked = await login(s.url, 'f@example.test');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('login throttling behind a proxy', () => {
  it('keys failures by the last X-Forwarded-For hop only when TRUST_PROXY is set', async () => {
    const proxied = await server({ limits: { trustProxy: true } });
    await signUpUser(proxied.url, { email: 'g@example.test' });
    const from = (ip: string) => ({ 'X-Forwarded-For': `203.0.113.9, ${ip}` });
    for (let i = 0; i < 20; i += 1) {
      const r = await login(proxied.url, `nobody${i}@example.test`, 'wrong', from('198.51.100.1'));
      expect(r.status).toBe(401);
    }
    expect(
      (await login(proxied.url, 'g@example.test', PASSWORD, from('198.51.100.1'))).status,
    ).toBe(429);
    expect(
      (await login(proxied.url, 'g@example.test', PASSWORD, from('198.51.100.2'))).status,
    ).toBe(200);

    // Without TRUST_PROXY the header is ignored: every attempt above came from one socket address.
    const direct = await server();
    await signUpUser(direct.url, { email: 'h@example.test' });
    for (let i = 0; i < 20; i += 1) {
      await login(direct.url, `nobody${i}@example.test`, 'wrong', from(`198.51.100.${i}`));
    }
    expect(
      (await login(direct.url, 'h@example.test', PASSWORD, from('198.51.100.99'))).status,
    ).toBe(429);
  });
});

describe('an attacker cannot lock a known account out', () => {
  it('lets the owner sign in from a fresh address after wrong passwords from five others, and still delays the attacker', async () => {
    const s = await server({ limits: { trustProxy: true } });
    await signUpUser(s.url, { email: 'owner@example.test' });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    for (let i = 1; i <= 5; i += 1) {
      const r = await login(s.url, 'owner@example.test', 'wrong', from(`198.51.100.${i}`));
      expect(r.status).toBe(401);
    }
    const owner = await login(s.url, 'owner@example.test', PASSWORD, from('192.0.2.10'));
    expect(owner.status).toBe(200);

    // The per-(account, address) throttle still stops one attacking address.
    const attacker = from('203.0.113.66');
    for (let i = 0; i < 5; i += 1) {
      expect((await login(s.url, 'owner@example.test', 'wrong', attacker)).status).toBe(401);
    }
    const blocked = await login(s.url, 'owner@example.test', PASSWORD, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(blocked)).toMatchObject({ code: 'too_many_attempts' });
    // Past the account-wide limit (10 failures), an address that failed once is refused too.
    expect((await login(s.url, 'owner@example.test', PASSWORD, from('198.51.100.1'))).status).toBe(
      429,
    );
    expect((await login(s.url, 'owner@example.test', PASSWORD, from('192.0.2.11'))).status).toBe(
      200,
    );
  });
});

describe('sign-up throttling', () => {
  it('answers 429 with Retry-After to an address beyond its sign-up limit, and not to another', async () => {
    const s = await server({
      limits: { trustProxy: true },
      throttles: { signupThrottle: { perIp: { max: 3, windowMs: 60 * 60 * 1000 } } },
    });
    const signUpFrom = (i: number, ip: string) =>
      anonymousCall(
        s.url,
        'POST',
        '/api/auth/signup',
        {
          email: `new${i}@example.test`,
          password: PASSWORD,
          name: `New ${i}`,
          department: 'contact-centre',
        },
        { 'X-Forwarded-For': ip },
      );
    for (let i = 0; i < 3; i += 1) expect((await signUpFrom(i, '198.51.100.7')).status).toBe(201);
    const refused = await signUpFrom(3, '198.51.100.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(59 * 60);
    expect(await errorOf(refused)).toMatchObject({ code: 'too_many_signups' });
    expect((await signUpFrom(4, '198.51.100.8')).status).toBe(201);
  });
});

describe('same-origin protection of state-changing requests', () => {
  it('refuses a foreign Origin or a cross-site fetch with 403 cross_origin', async () => {
    const s = await server();
    const user = await signUpUser(s.url);
    const foreign = await user.call(
      'POST',
      '/api/maps',
      { title: 'X' },
      {
        headers: { Origin: 'https://evil.example' },
      },
    );
    expect(foreign.status).toBe(403);
    expect(await errorOf(foreign)).toMatchObject({ code: 'cross_origin' });

    const crossSite = await fetch(`${s.url}/api/maps`, {
      method: 'POST',
      headers: {
        Cookie: `recorrido_session=${user.token}`,
        'Sec-Fetch-Site': 'cross-site',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ title: 'X' }),
    });
    expect(crossSite.status).toBe(403);

    const loginFromElsewhere = await login(s.url, user.email, PASSWORD, {
      Origin: 'https://evil.example',
    });
    expect(loginFromElsewhere.status).toBe(403);
  });

  it('accepts Sec-Fetch-Site same-origin without an Origin header', async () => {
    const s = await server();
    const user = await signUpUser(s.url);
    const response = await fetch(`${s.url}/api/maps`, {
      method: 'POST',
      headers: {
        Cookie: `recorrido_session=${user.token}`,
        'Sec-Fetch-Site': 'same-origin',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ title: 'X' }),
    });
    expect(response.status).toBe(201);
  });

  it('lets header-less clients through only with a bearer token, never with the cookie alone', async () => {
    const s = await server();
    const user = await signUpUser(s.url);
    const cookieOnly = await fetch(`${s.url}/api/maps`, {
      method: 'POST',
      headers: { Cookie: `recorrido_session=${user.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'X' }),
    });
    expect(cookieOnly.status).toBe(403);
    const bearer = await user.call('POST', '/api/maps', { title: 'X' }, { bearer: true });
    expect(bearer.status).toBe(201);
    // Reads need no origin check.
    expect((await user.call('GET', '/api/maps', undefined, { bearer: true })).status).toBe(200);
  });
});

describe('departments', () => {
  it('lists the seeded departments and lets the owner of a map add one', async () => {
    const s = await server();
    const list = (await (await fetch(`${s.url}/api/departments`)).json()) as {
      departments: { id: string; label: { es: string; en: string } }[];
    };
    expect(list.departments.map((d) => d.id)).toEqual([
      'marketing',
      'sales',
      'digital',
      'it',
      'operations',
      'branches',
      'contact-centre',
      'compliance',
      'finance',
    ]);
    expect(list.departments.find((d) => d.id === 'branches')?.label).toEqual({
      es: 'Red de sucursales',
      en: 'Branch network',
    });
    const anonymous = await anonymousCall(s.url, 'POST', '/api/departments', { name: 'Legal' });
    expect(anonymous.status).toBe(401);
    const user = await signUpUser(s.url);
    // The list is everyone's: someone who owns no map cannot add to it.
    const refused = await user.call('POST', '/api/departments', { name: 'Atención al Cliente' });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).message).toMatch(/owners and workspace admins/);
    await createMapAs(user);
    const created = await user.json<{ id: string }>(
      'POST',
      '/api/departments',
      { name: 'Atención al Cliente' },
      201,
    );
    expect(created.id).toBe('atencion-al-cliente');
    expect(
      (await user.call('POST', '/api/departments', { name: 'atención al cliente' })).status,
    ).toBe(409);
    const newcomer = await signUpUser(s.url, { department: 'atencion-al-cliente' });
    expect((await newcomer.json<{ department: string }>('GET', '/api/me')).department).toBe(
      'atencion-al-cliente',
    );
  });

  it('lets a workspace admin who owns no map add one; a member who is not owner cannot', async () => {
    const s = await server({ workspaceAdmins: ['Admin@Example.test'] });
    const admin = await signUpUser(s.url, { email: 'admin@example.test' });
    await admin.json('POST', '/api/departments', { name: 'Legal' }, 201);
    const owner = await signUpUser(s.url);
    const mapId = await createMapAs(owner);
    const editor = await signUpUser(s.url);
    await owner.json(
      'POST',
      `/api/maps/${mapId}/members`,
      { email: editor.email, role: 'editor' },
      201,
    );
    expect((await editor.call('POST', '/api/departments', { name: 'Riesgos' })).status).toBe(403);
    const list = (await (await fetch(`${s.url}/api/departments`)).json()) as {
      departments: { id: string }[];
    };
    expect(list.departments.map((d) => d.id)).toContain('legal');
    expect(list.departments.map((d) => d.id)).not.toContain('riesgos');
  });
});

describe('the first account', () => {
  it('becomes owner of the seeded demo maps; later accounts see no map until invited', async () => {
    const s = await server({ seedDemo: true });
    const first = await signUpUser(s.url);
    const maps = (await first.json<{ maps: { title: string; role: string }[] }>('GET', '/api/maps'))
      .maps;
    expect(maps).toHaveLength(2);
    expect(maps.every((m) => m.role === 'owner')).toBe(true);
    const second = await signUpUser(s.url);
    expect((await second.json<{ maps: unknown[] }>('GET', '/api/maps')).maps).toEqual([]);
  });
});
