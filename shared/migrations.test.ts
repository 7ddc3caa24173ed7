import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordEntries, mapRoots } from './doc-schema.ts';
import { mapToJson } from './interchange.ts';
import { mapInvariantViolations } from './invariants.ts';
import {
  checkClientSchema,
  latestVersion,
  MAP_MIGRATIONS,
  migrateDoc,
  SCHEMA_MAJOR,
  SCHEMA_VERSION,
  schemaMajorOf,
  validateMigrations,
} from './migrations.ts';
import type { Migration } from './migrations.ts';
import { addCard, setCardText } from './operations/cards.ts';
import { addLane } from './operations/lanes.ts';
import { initMap } from './operations/meta.ts';
import { addStage } from './operations/stages.ts';
import { readMap } from './read-map.ts';

/**
 * A SAMPLE v2 migration, defined only here: lane kind `text` becomes `notes`, and every card
 * gets `votes: 0`. Deterministic and idempotent, as migrations must be.
 */
const SAMPLE_V2: Migration = {
  id: 'com.recorrido.map/2.notes-kind-and-votes',
  toVersion: 2,
  breaking: false,
  description: 'Lane kind text is renamed notes; cards get a votes counter.',
  up(doc) {
    const { lanes, cards } = mapRoots(doc);
    for (const [, lane] of recordEntries(lanes))
      if (lane.get('kind') === 'text') lane.set('kind', 'notes');
    for (const [, card] of recordEntries(cards))
      if (card.get('votes') === undefined) card.set('votes', 0);
  },
};

/** A sample breaking v3 migration, to exercise the major-version gate. */
const SAMPLE_V3_BREAKING: Migration = {
  id: 'com.recorrido.map/3.placement-object',
  toVersion: 3,
  breaking: true,
  description: 'Sample breaking change.',
  up() {},
};

function v1Doc(): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa v1' });
  const s = addStage(doc, { name: 'S' });
  const l = addLane(doc, { kind: 'text', title: 'Notas' });
  const c = addCard(doc, { stageId: s, laneId: l, text: 'hola' });
  // A field written by some newer client: must survive everything.
  (mapRoots(doc).cards.get(c) as Y.Map<unknown>).set('x-future', { a: 1 });
  mapRoots(doc).meta.set('x-future-meta', 'kept');
  return doc;
}

describe('schema versioning', () => {
  it('keeps SCHEMA_VERSION and SCHEMA_MAJOR in step with the migration list', () => {
    validateMigrations(MAP_MIGRATIONS);
    expect(latestVersion()).toBe(SCHEMA_VERSION);
    expect(schemaMajorOf(SCHEMA_VERSION)).toBe(SCHEMA_MAJOR);
    expect(SCHEMA_VERSION).toBe(1);
  });

  it('stamps new documents with the current schema version', () => {
    expect(readMap(v1Doc()).meta.schemaVersion).toBe(1);
    expect(mapRoots(v1Doc()).meta.get('schemaVersion')).toBe(1);
  });

  it('migrates a v1 document through a sample v2 migration in its own labelled transaction', () => {
    const doc = v1Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const result = migrateDoc(doc, [SAMPLE_V2]);
    expect(result).toEqual({ from: 1, to: 2, applied: [SAMPLE_V2.id], newerThanCode: false });
    expect(origins).toEqual([{ source: 'migration', id: SAMPLE_V2.id }]);
    const { meta, lanes, cards } = mapRoots(doc);
    expect(meta.get('schemaVersion')).toBe(2);
    expect(recordEntries(lanes).map(([, l]) => l.get('kind'))).toEqual(['notes']);
    const [[, card] = ['', new Y.Map()]] = recordEntries(cards);
    expect(card.get('votes')).toBe(0);
    // Unknown fields survive the migration.
    expect(card.get('x-future')).toEqual({ a: 1 });
    expect(meta.get('x-future-meta')).toBe('kept');
  });

  it('is idempotent: a second run applies nothing and writes nothing', () => {
    const doc = v1Doc();
    migrateDoc(doc, [SAMPLE_V2]);
    const before = Y.encodeStateAsUpdate(doc);
    expect(migrateDoc(doc, [SAMPLE_V2]).applied).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('converges when two replicas run the same migration concurrently', () => {
    const a = v1Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateDoc(a, [SAMPLE_V2]);
    migrateDoc(b, [SAMPLE_V2]);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(a.getMap('cards').toJSON()).toEqual(b.getMap('cards').toJSON());
    expect(mapRoots(a).meta.get('schemaVersion')).toBe(2);
  });

  it('reads a document written by a newer schema without deleting what it does not know', () => {
    const doc = v1Doc();
    migrateDoc(doc, [SAMPLE_V2]);
    // This (v1) code still reads the v2 doc: the unknown kind shows as a generic lane.
    const view = readMap(doc);
    expect(view.meta.schemaVersion).toBe(2);
    expect(view.lanes[0]?.kind).toBe('text');
    expect(mapInvariantViolations(view, doc)).toEqual([]);
    // v1 code leaves the v2 doc alone and its operations keep the unknown values.
    expect(migrateDoc(doc).newerThanCode).toBe(true);
    const card = view.cards[0];
    if (card) setCardText(doc, card.id, 'editado');
    const [[, stored] = ['', new Y.Map()]] = recordEntries(mapRoots(doc).cards);
    expect(stored.get('votes')).toBe(0);
    expect(recordEntries(mapRoots(doc).lanes)[0]?.[1].get('kind')).toBe('notes');
    expect(mapToJson(doc).cards[0]?.extra).toEqual({ 'x-future': { a: 1 }, votes: 0 });
  });

  it('rejects malformed migration lists', () => {
    expect(() => validateMigrations([{ ...SAMPLE_V2, id: 'notes' }])).toThrow(/namespaced/);
    expect(() => validateMigrations([SAMPLE_V3_BREAKING])).toThrow(/version 2/);
    expect(() => validateMigrations([SAMPLE_V2, { ...SAMPLE_V2, toVersion: 3 }])).toThrow(
      /Duplicate/,
    );
  });

  it('lets clients of the current major connect and refuses older majors with a reason', () => {
    expect(checkClientSchema(1)).toEqual({ ok: true });
    expect(checkClientSchema(2)).toEqual({ ok: true });
    const future = [SAMPLE_V2, SAMPLE_V3_BREAKING];
    expect(checkClientSchema(3, future)).toEqual({ ok: true });
    const old = checkClientSchema(2, future);
    expect(old.ok).toBe(false);
    expect(!old.ok && old.reason).toMatch(/reload/);
    expect(checkClientSchema(1.5).ok).toBe(false);
    expect(checkClientSchema(0).ok).toBe(false);
  });
});
