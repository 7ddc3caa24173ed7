import { SESSION_COOKIE } from '../auth/sessionCookie.ts';

/** Options of one API call made as a test user. */
export interface CallOptions {
  /** Authenticate with `Authorization: Bearer` and send no Origin (a non-browser client). */
  bearer?: boolean;
  /** Extra headers (e.g. a foreign Origin). */
  headers?: Record<string, string>;
}

/** A signed-in user of a running test server, calling the API as a same-origin browser would. */
export interface TestUser {
  id: string;
  email: string;
  name: string;
  /** The session token (`id.secret`), also usable as the collaboration provider's token. */
  token: string;
  /** Calls the API with the session cookie and a same-origin Origin header. */
  call(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Response>;
  /** Like call, and parses the JSON answer, failing the test on an unexpected status. */
  json<T>(method: string, path: string, body?: unknown, expectedStatus?: number): Promise<T>;
}

let counter = 0;

/** The session token set by a response's Set-Cookie header, or null. */
export function sessionTokenFrom(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, value] = (pair ?? '').split('=');
    if (name === SESSION_COOKIE && value) return value;
  }
  return null;
}

/** Makes a same-origin request without any session (sign-up, login, invites). */
export function anonymousCall(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: {
      Origin: url,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

/** Wraps a token into a TestUser. */
export function asUser(
  url: string,
  profile: { id: string; email: string; name: string },
  token: string,
): TestUser {
  const call = (method: string, path: string, body?: unknown, options: CallOptions = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(options.bearer
          ? { Authorization: `Bearer ${token}` }
          : { Cookie: `${SESSION_COOKIE}=${token}`, Origin: url }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  return {
    ...profile,
    token,
    call,
    async json<T>(method: string, path: string, body?: unknown, expectedStatus?: number) {
      const response = await call(method, path, body);
      const text = await response.text();
      const okStatus = expectedStatus ? response.status === expectedStatus : response.ok;
      if (!okStatus) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** Signs up a new user (unique email unless given) and returns it signed in. */
export async function signUpUser(
  url: string,
  input: { email?: string; password?: string; name?: string; department?: string } = {},
): Promise<TestUser> {
  counter += 1;
  const body = {
    email: input.email ?? `user${counter}-${Date.now()}@example.test`,
    password: input.password ?? 'correct horse battery',
    name: input.name ?? `User ${counter}`,
    department: input.department ?? 'digital',
  };
  const response = await anonymousCall(url, 'POST', '/api/auth/signup', body);
  if (response.status !== 201) {
    throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  }
  const token = sessionTokenFrom(response);
  if (!token) throw new Error('sign-up set no session cookie');
  const { user } = (await response.json()) as { user: { id: string } };
  return asUser(url, { id: user.id, email: body.email, name: body.name }, token);
}

/** Creates a map as the user and returns its id. */
export async function createMapAs(
  user: TestUser,
  body: { title: string; template?: string } = { title: 'Mapa' },
): Promise<string> {
  return (await user.json<{ id: string }>('POST', '/api/maps', body, 201)).id;
}
