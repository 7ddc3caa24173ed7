import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  mapDocName,
  newMapId,
  newPersonaId,
  PERSONA_RICH_FIELDS,
  personaField,
  readMap,
  SCHEMA_VERSION,
} from '../../../shared/index.ts';
import type { DocumentLog } from '../../storage/storage.ts';
import { startTestServer, type TestServer } from '../../test/testServer.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

async function stored(documents: DocumentLog, name: string): Promise<Y.Doc> {
  const { snapshot, tail } = await documents.load(name);
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...tail] : tail) Y.applyUpdate(doc, update);
  return doc;
}

describe('migration on load', () => {
  it('stamps an unversioned map document with the current schema and logs the write durably', async () => {
    server = await startTestServer();
    const id = newMapId();
    await server.storage.maps.create({ id, title: 'Antiguo', template: null });
    // A document written before schema stamping existed: raw keys on purpose.
    const legacy = new Y.Doc();
    legacy.getMap('meta').set('title', 'Antiguo');
    legacy.getMap('stages').set('s1', new Y.Map());
    const store = server.storage.documents;
    await store.writeInitial(mapDocName(id), Y.encodeStateAsUpdate(legacy));

    const connection = await server.hocuspocus.openDirectConnection(mapDocName(id), {});
    let version: unknown;
    await connection.transact((doc) => {
      version = readMap(doc).meta.schemaVersion;
    });
    await connection.disconnect();
    expect(version).toBe(SCHEMA_VERSION);

    const reloaded = await stored(store, mapDocName(id));
    expect(readMap(reloaded).meta).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      title: 'Antiguo',
    });
  });

  it('turns the persona strings of a schema 1 map into rich-text fragments and logs it durably', async () => {
    server = await startTestServer();
    const id = newMapId();
    await server.storage.maps.create({ id, title: 'Viajes', template: null });
    // A schema 1 document: raw keys on purpose, as v1 code wrote them.
    const legacy = new Y.Doc();
    const personaId = newPersonaId();
    legacy.transact(() => {
      legacy.getMap('meta').set('schemaVersion', 1);
      legacy.getMap('meta').set('title', 'Viajes');
      const bob = new Y.Map<unknown>();
      legacy.getMap('personas').set(personaId, bob);
      bob.set('order', 'a0');
      bob.set('name', 'Bob');
      bob.set('quote', 'Solo quiero viajar');
      bob.set('goals', ['Avisar una vez', 'Pagar fuera']);
      bob.set('needs', []);
      bob.set('pains', ['Tres canales']);
      bob.set('jobs', []);
    });
    const store = server.storage.documents;
    await store.writeInitial(mapDocName(id), Y.encodeStateAsUpdate(legacy));

    const connection = await server.hocuspocus.openDirectConnection(mapDocName(id), {});
    await connection.disconnect();

    const reloaded = await stored(store, mapDocName(id));
    expect(readMap(reloaded).meta.schemaVersion).toBe(2);
    expect(readMap(reloaded).personas[0]).toMatchObject({
      quote: 'Solo quiero viajar',
      goals: ['Avisar una vez', 'Pagar fuera'],
      pains: ['Tres canales'],
      jobs: [],
    });
    for (const field of PERSONA_RICH_FIELDS) {
      expect(personaField(reloaded, personaId, field)).toBeInstanceOf(Y.XmlFragment);
    }
  });
});
