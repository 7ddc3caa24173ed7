import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToJson } from './card-body.ts';
import type { BodyNode } from './card-body.ts';
import { recordEntries, mapRoots } from './doc-schema.ts';
import { newPersonaId } from './ids.ts';
import type { PersonaId } from './ids.ts';
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
import { personaField, updatePersona } from './operations/personas.ts';
import { addStage } from './operations/stages.ts';
import { readMap } from './read-map.ts';
import type { MapView } from './read-map.ts';
import { PERSONA_RICH_FIELDS } from './records/persona.ts';

/**
 * A SAMPLE v3 migration, defined only here: lane kind `text` becomes `notes`, and every card
 * gets `votes: 0`. Deterministic and idempotent, as migrations must be.
 */
const SAMPLE_V3: Migration = {
  id: 'com.recorrido.map/3.notes-kind-and-votes',
  toVersion: 3,
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

/** A sample breaking v4 migration, to exercise the major-version gate. */
const SAMPLE_V4_BREAKING: Migration = {
  id: 'com.recorrido.map/4.placement-object',
  toVersion: 4,
  breaking: true,
  description: 'Sample breaking change.',
  up() {},
};

/** The real migrations followed by the sample v3. */
const WITH_V3 = [...MAP_MIGRATIONS, SAMPLE_V3];

/** A document of the current schema (v2), with fields from a newer client. */
function currentDoc(): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa v2' });
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
    expect(SCHEMA_VERSION).toBe(2);
    expect(SCHEMA_MAJOR).toBe(2);
  });

  it('stamps new documents with the current schema version', () => {
    expect(readMap(currentDoc()).meta.schemaVersion).toBe(SCHEMA_VERSION);
    expect(mapRoots(currentDoc()).meta.get('schemaVersion')).toBe(SCHEMA_VERSION);
  });

  it('migrates a document through a sample v3 migration in its own labelled transaction', () => {
    const doc = currentDoc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const result = migrateDoc(doc, WITH_V3);
    expect(result).toEqual({ from: 2, to: 3, applied: [SAMPLE_V3.id], newerThanCode: false });
    expect(origins).toEqual([{ source: 'migration', id: SAMPLE_V3.id }]);
    const { meta, lanes, cards } = mapRoots(doc);
    expect(meta.get('schemaVersion')).toBe(3);
    expect(recordEntries(lanes).map(([, l]) => l.get('kind'))).toEqual(['notes']);
    const [[, card] = ['', new Y.Map()]] = recordEntries(cards);
    expect(card.get('votes')).toBe(0);
    // Unknown fields survive the migration.
    expect(card.get('x-future')).toEqual({ a: 1 });
    expect(meta.get('x-future-meta')).toBe('kept');
  });

  it('is idempotent: a second run applies nothing and writes nothing', () => {
    const doc = currentDoc();
    migrateDoc(doc, WITH_V3);
    const before = Y.encodeStateAsUpdate(doc);
    expect(migrateDoc(doc, WITH_V3).applied).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('converges when two replicas run the same migration concurrently', () => {
    const a = currentDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateDoc(a, WITH_V3);
    migrateDoc(b, WITH_V3);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(a.getMap('cards').toJSON()).toEqual(b.getMap('cards').toJSON());
    expect(mapRoots(a).meta.get('schemaVersion')).toBe(3);
  });

  it('reads a document written by a newer schema without deleting what it does not know', () => {
    const doc = currentDoc();
    migrateDoc(doc, WITH_V3);
    // This (v2) code still reads the v3 doc: the unknown kind shows as a generic lane.
    const view = readMap(doc);
    expect(view.meta.schemaVersion).toBe(3);
    expect(view.lanes[0]?.kind).toBe('text');
    expect(mapInvariantViolations(view, doc)).toEqual([]);
    // v2 code leaves the v3 doc alone and its operations keep the unknown values.
    expect(migrateDoc(doc).newerThanCode).toBe(true);
    const card = view.cards[0];
    if (card) setCardText(doc, card.id, 'editado');
    const [[, stored] = ['', new Y.Map()]] = recordEntries(mapRoots(doc).cards);
    expect(stored.get('votes')).toBe(0);
    expect(recordEntries(mapRoots(doc).lanes)[0]?.[1].get('kind')).toBe('notes');
    expect(mapToJson(doc).cards[0]?.extra).toEqual({ 'x-future': { a: 1 }, votes: 0 });
  });

  it('rejects malformed migration lists', () => {
    expect(() => validateMigrations([{ ...SAMPLE_V3, id: 'notes' }])).toThrow(/namespaced/);
    expect(() => validateMigrations([SAMPLE_V4_BREAKING])).toThrow(/version 2/);
    expect(() => validateMigrations([...WITH_V3, { ...SAMPLE_V3, toVersion: 4 }])).toThrow(
      /Duplicate/,
    );
  });

  it('lets clients of the current major connect and refuses older majors with a reason', () => {
    expect(checkClientSchema(2)).toEqual({ ok: true });
    // A newer client is accepted: this code keeps the fields it does not know.
    expect(checkClientSchema(3)).toEqual({ ok: true });
    // Schema 2 was breaking: a v1 client would write strings over the persona fragments.
    const v1 = checkClientSchema(1);
    expect(v1.ok).toBe(false);
    expect(!v1.ok && v1.reason).toMatch(/reload/);
    const future = [...WITH_V3, SAMPLE_V4_BREAKING];
    expect(checkClientSchema(4, future)).toEqual({ ok: true });
    const old = checkClientSchema(3, future);
    expect(old.ok).toBe(false);
    expect(!old.ok && old.reason).toMatch(/reload/);
    expect(checkClientSchema(1.5).ok).toBe(false);
    expect(checkClientSchema(0).ok).toBe(false);
  });
});

/** A persona as schema v1 stored it (raw keys on purpose: v1 code no longer exists). */
function v1PersonaDoc(): { doc: Y.Doc; id: PersonaId } {
  const doc = new Y.Doc();
  const id = newPersonaId();
  doc.transact(() => {
    const { meta, personas } = mapRoots(doc);
    meta.set('schemaVersion', 1);
    meta.set('title', 'Mapa v1');
    meta.set('state', 'as-is');
    const bob = new Y.Map<unknown>();
    personas.set(id, bob);
    bob.set('order', 'a0');
    bob.set('name', 'Bob');
    bob.set('role', 'Viajero frecuente');
    bob.set('quote', 'Solo quiero\nviajar tranquilo');
    bob.set('goals', ['Avisar una vez', 'Pagar sin bloqueos\r\nen el extranjero']);
    bob.set('needs', 42); // malformed: migrates as empty
    bob.set('pains', ['', 'Tres canales distintos']);
    // `jobs` missing: migrates as empty
    bob.set('channels', ['web', 'branch']);
    bob.set('context', 'Viaja cada mes');
    bob.set('x-future', { kept: true });
  });
  return { doc, id };
}

/** The readable view of a map, without the schema version (which a migration changes). */
function content({ meta: { schemaVersion: _version, ...meta }, ...rest }: MapView): object {
  return { ...rest, meta };
}

/** Each rich field of a persona as JSON nodes (undefined when it holds no fragment). */
function richJson(doc: Y.Doc, id: PersonaId): Record<string, BodyNode[] | undefined> {
  return Object.fromEntries(
    PERSONA_RICH_FIELDS.map((field) => {
      const fragment = personaField(doc, id, field);
      return [field, fragment && fragmentToJson(fragment)];
    }),
  );
}

const paragraph = (text: string): BodyNode =>
  text ? { type: 'paragraph', content: [{ text }] } : { type: 'paragraph' };

describe('migration 2.persona-rich-text', () => {
  it('turns the v1 persona strings into Tiptap fragments that read as the same text', () => {
    const { doc, id } = v1PersonaDoc();
    const before = readMap(doc);
    expect(before.personas[0]).toMatchObject({
      quote: 'Solo quiero\nviajar tranquilo',
      goals: ['Avisar una vez', 'Pagar sin bloqueos\nen el extranjero'],
      needs: [],
      pains: ['Tres canales distintos'],
      jobs: [],
    });
    const result = migrateDoc(doc);
    expect(result).toEqual({
      from: 1,
      to: 2,
      applied: ['com.recorrido.map/2.persona-rich-text'],
      newerThanCode: false,
    });
    // Readers see exactly what they saw before, now from the fragments.
    expect(content(readMap(doc))).toEqual(content(before));
    expect(readMap(doc).meta.schemaVersion).toBe(2);
    expect(richJson(doc, id)).toEqual({
      quote: [paragraph('Solo quiero'), paragraph('viajar tranquilo')],
      goals: [
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [paragraph('Avisar una vez')] },
            {
              type: 'listItem',
              content: [
                {
                  type: 'paragraph',
                  content: [
                    { text: 'Pagar sin bloqueos' },
                    { type: 'hardBreak' },
                    { text: 'en el extranjero' },
                  ],
                },
              ],
            },
          ],
        },
      ],
      needs: [paragraph('')],
      pains: [
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [paragraph('Tres canales distintos')] }],
        },
      ],
      jobs: [paragraph('')],
    });
    const persona = mapRoots(doc).personas.get(id) as Y.Map<unknown>;
    expect(persona.get('x-future')).toEqual({ kept: true });
    expect(persona.get('channels')).toEqual(['web', 'branch']);
  });

  it('is idempotent: a second run writes nothing and keeps the fragments an editor is bound to', () => {
    const { doc, id } = v1PersonaDoc();
    migrateDoc(doc);
    const quote = personaField(doc, id, 'quote');
    const state = Y.encodeStateAsUpdate(doc);
    expect(migrateDoc(doc).applied).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
    // Even run directly on migrated data (version stamp lost), it leaves fragments alone.
    mapRoots(doc).meta.set('schemaVersion', 1);
    migrateDoc(doc);
    expect(personaField(doc, id, 'quote')).toBe(quote);
    expect(readMap(doc).personas[0]?.quote).toBe('Solo quiero\nviajar tranquilo');
  });

  it('converges without duplicated text when two replicas migrate concurrently', () => {
    const { doc: a, id } = v1PersonaDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateDoc(a);
    migrateDoc(b);
    const alone = richJson(a, id);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readMap(a)).toEqual(readMap(b));
    expect(readMap(a).personas[0]).toMatchObject({
      quote: 'Solo quiero\nviajar tranquilo',
      goals: ['Avisar una vez', 'Pagar sin bloqueos\nen el extranjero'],
      pains: ['Tres canales distintos'],
    });
    // One of the two identical fragments won each key, the same one on both replicas.
    expect(richJson(a, id)).toEqual(alone);
    expect(richJson(b, id)).toEqual(alone);
    // ...and editing it afterwards reaches the other replica.
    const quote = personaField(a, id, 'quote');
    const first = quote?.get(0);
    const text = first instanceof Y.XmlElement ? first.get(0) : undefined;
    if (text instanceof Y.XmlText) text.insert(0, '¡');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(readMap(b).personas[0]?.quote).toBe('¡Solo quiero\nviajar tranquilo');
  });

  it('gives a persona back a fragment when a stale v1 replica overwrote one with a string', () => {
    const { doc, id } = v1PersonaDoc();
    migrateDoc(doc);
    // An offline copy edited by v1 code syncs after the migration and wins the key.
    (mapRoots(doc).personas.get(id) as Y.Map<unknown>).set('quote', 'Escrito sin conexión');
    expect(readMap(doc).personas[0]?.quote).toBe('Escrito sin conexión');
    expect(personaField(doc, id, 'quote')).toBeUndefined();
    updatePersona(doc, id, { quote: 'Escrito sin conexión' });
    expect(personaField(doc, id, 'quote')).toBeInstanceOf(Y.XmlFragment);
    expect(readMap(doc).personas[0]?.quote).toBe('Escrito sin conexión');
  });
});
