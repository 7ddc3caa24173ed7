import { afterEach, describe, expect, it } from 'vitest';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { SCHEMA_OUTDATED_REASON } from '../../../shared/close-codes.ts';
import { SCHEMA_VERSION } from '../../../shared/index.ts';
import { startTestServer, type TestServer } from '../../test/testServer.ts';

let server: TestServer | undefined;
const providers: HocuspocusProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await server?.dispose();
  server = undefined;
});

function refusalReason(url: string, schema: number): Promise<string> {
  const provider = new HocuspocusProvider({
    url: `${url.replace(/^http/, 'ws')}/collab?schema=${schema}`,
    name: 'map:some-map-id',
    document: new Y.Doc(),
    token: '',
  });
  providers.push(provider);
  return new Promise((resolve) =>
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)),
  );
}

describe('schema-version gate', () => {
  it('tells a client of an older schema major to reload', async () => {
    server = await startTestServer();
    const reason = await refusalReason(server.url, 0);
    expect(reason.startsWith(SCHEMA_OUTDATED_REASON)).toBe(true);
    expect(reason).toMatch(/reload/);
  });

  it('tells a schema 1 client to reload since persona fields became rich text (major 2)', async () => {
    server = await startTestServer();
    const reason = await refusalReason(server.url, 1);
    expect(reason.startsWith(SCHEMA_OUTDATED_REASON)).toBe(true);
    expect(reason).toMatch(/reload/);
  });

  it('lets a current client through to authentication', async () => {
    server = await startTestServer();
    const reason = await refusalReason(server.url, SCHEMA_VERSION);
    expect(reason.startsWith(SCHEMA_OUTDATED_REASON)).toBe(false);
  });
});
