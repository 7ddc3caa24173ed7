import { randomBytes, randomUUID } from 'node:crypto';
import { mapDocName, type Locale, type MapId, type TemplateId } from '../../shared/index.ts';

/** What a collaboration client needs to open a Recorrido map. */
export interface RecorridoMap {
  documentName: string;
  /** The session token (`id.secret`, the session cookie's value); empty before accounts exist. */
  token: string;
}

/** A signed-up benchmark user, as HTTP requests and a browser need it. */
export interface BenchSession {
  /** The session token (the session cookie's value); empty when the server has no accounts. */
  token: string;
  /** The session cookie's name (empty without accounts), for a browser context. */
  cookieName: string;
  /** Headers of a same-origin JSON request by this user (cookie included). */
  headers: Record<string, string>;
}

/**
 * Signs up a benchmark user over HTTP, as a real client does. THE one place to adapt when the
 * auth API changes: the token is the value of the session cookie that sign-up sets, which the
 * provider passes as `token` and a browser sends as its cookie. A server without accounts yet
 * (sign-up route 404) is used without a token.
 */
export async function signUpBenchUser(baseUrl: string): Promise<BenchSession> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Origin: baseUrl,
    'Sec-Fetch-Site': 'same-origin',
  };
  const signup = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      email: `bench-${randomUUID()}@example.org`,
      password: randomBytes(18).toString('base64url'),
      name: 'Benchmark',
      department: 'it',
    }),
  });
  if (signup.ok) {
    const cookie = signup.headers.getSetCookie()[0];
    if (!cookie) throw new Error('sign-up set no session cookie');
    const pair = cookie.split(';')[0] ?? '';
    const equals = pair.indexOf('=');
    headers.Cookie = pair;
    return {
      token: decodeURIComponent(pair.slice(equals + 1)),
      cookieName: pair.slice(0, equals),
      headers,
    };
  }
  if (signup.status !== 404) {
    throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  }
  return { token: '', cookieName: '', headers };
}

/** Creates a map owned by the session's user: blank, or from one of the app's templates. */
export async function createBenchMap(
  baseUrl: string,
  session: BenchSession,
  input: { title: string; template?: TemplateId; locale?: Locale },
): Promise<MapId> {
  const created = await fetch(`${baseUrl}/api/maps`, {
    method: 'POST',
    headers: session.headers,
    body: JSON.stringify(input),
  });
  if (created.status !== 201) {
    throw new Error(`creating the map failed: ${created.status} ${await created.text()}`);
  }
  const { id } = (await created.json()) as { id: string };
  return id as MapId;
}

/** Signs up a benchmark user (the owner of the map it then creates) and creates a blank map. */
export async function prepareRecorridoMap(baseUrl: string): Promise<RecorridoMap> {
  const session = await signUpBenchUser(baseUrl);
  const id = await createBenchMap(baseUrl, session, { title: 'Benchmark' });
  return { documentName: mapDocName(id), token: session.token };
}
