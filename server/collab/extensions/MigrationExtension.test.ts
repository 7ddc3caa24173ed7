import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapDocName, newMapId, readMap, SCHEMA_VERSION } from '../../../shared/index.ts';
import { DocumentStore } from '../../db/documents.ts';
import { MapRepository } from '../../db/maps.ts';
import { startTestServer, type TestServer } from '../../test/testServer.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('migration on load', () => {
  it('stamps an unversioned map document with the current schema and logs the write durably', async () => {
    server = await startTestServer();
    const id = newMapId();
    new MapRepository(server.db).create({ id, title: 'Antiguo', template: null });
    // A document written before schema stamping existed: raw keys on purpose.
    const legacy = new Y.Doc();
    legacy.getMap('meta').set('title', 'Antiguo');
    legacy.getMap('stages').set('s1', new Y.Map());
    const store = new DocumentStore(server.db);
    store.writeInitial(mapDocName(id), Y.encodeStateAsUpdate(legacy));

    const connection = await server.hocuspocus.openDirectConnection(mapDocName(id), {});
    let version: unknown;
    await connection.transact((doc) => {
      version = readMap(doc).meta.schemaVersion;
    });
    await connection.disconnect();
    expect(version).toBe(SCHEMA_VERSION);

    const reloaded = new Y.Doc();
    store.loadInto(mapDocName(id), reloaded, null);
    expect(readMap(reloaded).meta).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      title: 'Antiguo',
    });
  });
});
