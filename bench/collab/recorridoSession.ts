import { randomBytes, randomUUID } from 'node:crypto';
import { mapDocName, type MapId } from '../../shared/index.ts';

/** What a collaboration client needs to open a Recorrido map. */
export interface RecorridoMap {
  documentName: string;
  /** The session token (`id.secret`, the session cookie's value); empty before accounts exist. */
  token: string;
}

/**
 * Signs up a benchmark user (the owner of the map it then creates) and creates a blank map,
 * as a real client does over HTTP. THE one place to adapt when the auth API changes: the token is
 * the value of the session cookie that sign-up sets, which the provider passes as `token`.
 * A server without accounts yet (sign-up route 404) is used without a token.
 */
export async function prepareRecorridoMap(baseUrl: string): Promise<RecorridoMap> {
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
  let token = '';
  if (signup.ok) {
    const cookie = signup.headers.getSetCookie()[0];
    if (!cookie) throw new Error('sign-up set no session cookie');
    const pair = cookie.split(';')[0] ?? '';
    token = decodeURIComponent(pair.slice(pair.indexOf('=') + 1));
    headers.Cookie = pair;
  } else if (signup.status !== 404) {
    throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  }
  const created = await fetch(`${baseUrl}/api/maps`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Benchmark' }),
  });
  if (created.status !== 201) {
    throw new Error(`creating the map failed: ${created.status} ${await created.text()}`);
  }
  const { id } = (await created.json()) as { id: string };
  return { documentName: mapDocName(id as MapId), token };
}
