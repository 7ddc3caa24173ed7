import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToJson, replaceWithJson } from './card-body.ts';
import type { BodyNode } from './card-body.ts';
import { MapOperationError } from './errors.ts';
import { applyMapJson, MapJsonSchema, mapToJson } from './interchange.ts';
import { mapInvariantViolations } from './invariants.ts';
import { addCard, cardBody } from './operations/cards.ts';
import { addLane } from './operations/lanes.ts';
import { initMap } from './operations/meta.ts';
import { addPersona, personaField } from './operations/personas.ts';
import { addStage } from './operations/stages.ts';
import { readMap } from './read-map.ts';
import { PERSONA_RICH_FIELDS } from './records/persona.ts';
import { applyRandomOp, newLedger, randomOpArb } from './testing/random-ops.ts';
import type { CardId } from './ids.ts';

const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 1000);

/** Rich bodies like the ones Tiptap writes: headings, marks, hard breaks, lists. */
const richBodyArb: fc.Arbitrary<BodyNode[]> = fc.array(
  fc.oneof(
    fc.record({
      type: fc.constant('paragraph'),
      content: fc.array(
        fc.oneof(
          fc.record({ text: fc.constantFrom('hola', 'adiós', 'x') }),
          fc.record({ text: fc.constantFrom('negrita', 'y'), marks: fc.constant({ bold: {} }) }),
          fc.record({ type: fc.constant('hardBreak') }),
        ),
        { maxLength: 3 },
      ),
    }),
    fc.record({
      type: fc.constant('heading'),
      attrs: fc.record({ level: fc.integer({ min: 1, max: 3 }) }),
      content: fc.constant([{ text: 'Título' }]),
    }),
    fc.constant({
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ text: 'uno' }] }] }],
    }),
  ),
  { maxLength: 3 },
);

function baseDoc(): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa', state: 'to-be', locale: 'en' });
  const s = addStage(doc, { name: 'S' });
  const l = addLane(doc, { kind: 'pain-points', title: 'L' });
  addCard(doc, { stageId: s, laneId: l, text: 'one\ntwo' });
  addPersona(doc, { name: 'Bob', quote: 'I just\nwant to travel', goals: ['Tell the bank once'] });
  return doc;
}

function roundTrip(doc: Y.Doc): Y.Doc {
  const json = JSON.parse(JSON.stringify(mapToJson(doc))) as unknown;
  const copy = new Y.Doc();
  applyMapJson(copy, json);
  return copy;
}

describe('JSON interchange', () => {
  it('round-trips any map doc -> JSON -> doc without loss', () => {
    fc.assert(
      fc.property(
        fc.array(randomOpArb, { maxLength: 30, size: 'max' }),
        fc.array(richBodyArb, { maxLength: 2 }),
        fc.array(fc.tuple(fc.constantFrom(...PERSONA_RICH_FIELDS), richBodyArb), {
          maxLength: 3,
        }),
        fc.dictionary(
          fc.constantFrom('votes', 'color', 'x-owner'),
          fc
            .jsonValue({ maxDepth: 2 })
            .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
            // Imports drop `__proto__` keys on purpose (see the test below), so they cannot round-trip.
            .filter((v) => !JSON.stringify(v).includes('"__proto__"')),
        ),
        (ops, bodies, personaBodies, extra) => {
          const doc = baseDoc();
          const ledger = newLedger();
          for (const op of ops) applyRandomOp(doc, op, ledger);
          // Rich text and fields from a newer client on some cards.
          const cards = [...readMap(doc).cards, ...readMap(doc).unplaced];
          bodies.forEach((body, i) => {
            const card = cards[i];
            const fragment = card ? cardBody(doc, card.id) : undefined;
            if (fragment) doc.transact(() => replaceWithJson(fragment, body));
          });
          // Rich text an editor wrote into persona fields: its plain text must round-trip.
          const personas = readMap(doc).personas;
          personaBodies.forEach(([field, body], i) => {
            const persona = personas[i % Math.max(personas.length, 1)];
            const fragment = persona ? personaField(doc, persona.id, field) : undefined;
            if (fragment) doc.transact(() => replaceWithJson(fragment, body));
          });
          const firstCard = cards[0];
          doc.transact(() => {
            for (const [k, v] of Object.entries(extra)) {
              doc.getMap('meta').set(k, v);
              if (firstCard) (doc.getMap('cards').get(firstCard.id) as Y.Map<unknown>).set(k, v);
            }
          });

          const copy = roundTrip(doc);
          expect(readMap(copy)).toEqual(readMap(doc));
          expect(mapToJson(copy)).toEqual(mapToJson(doc));
          for (const card of cards) {
            const a = cardBody(doc, card.id);
            const b = cardBody(copy, card.id);
            expect(b && fragmentToJson(b)).toEqual(a && fragmentToJson(a));
          }
          expect(mapInvariantViolations(readMap(copy), copy)).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, 600_000);

  it('writes plain paragraphs as strings and keeps rich bodies exactly', () => {
    const doc = baseDoc();
    const json = mapToJson(doc);
    expect(json.cards[0]).toMatchObject({ paragraphs: ['one', 'two'] });
    expect(json.cards[0]?.body).toBeUndefined();
    expect(MapJsonSchema.safeParse(json).success).toBe(true);
  });

  it('exports persona fields as plain text and imports them as Tiptap fragments', () => {
    const doc = baseDoc();
    const bob = readMap(doc).personas[0]?.id;
    const goals = bob && personaField(doc, bob, 'goals');
    // An editor made a word bold: the file carries the text only (personas travel as text).
    if (goals) {
      doc.transact(() =>
        replaceWithJson(goals, [
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [
                  {
                    type: 'paragraph',
                    content: [{ text: 'Tell', marks: { bold: {} } }, { text: ' the bank once' }],
                  },
                ],
              },
            ],
          },
        ]),
      );
    }
    const json = mapToJson(doc);
    expect(json.personas[0]).toMatchObject({
      quote: 'I just\nwant to travel',
      goals: ['Tell the bank once'],
      needs: [],
    });
    const copy = roundTrip(doc);
    const copied = bob && personaField(copy, bob, 'quote');
    expect(copied && fragmentToJson(copied)).toEqual([
      { type: 'paragraph', content: [{ text: 'I just' }] },
      { type: 'paragraph', content: [{ text: 'want to travel' }] },
    ]);
    const copiedGoals = bob && personaField(copy, bob, 'goals');
    expect(copiedGoals && fragmentToJson(copiedGoals)).toEqual([
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ text: 'Tell the bank once' }] }],
          },
        ],
      },
    ]);
    expect(readMap(copy).personas).toEqual(readMap(doc).personas);
  });

  it('exports a persona an editor wrote beyond the form limits to a file that imports again', () => {
    const doc = baseDoc();
    const bob = readMap(doc).personas[0]?.id;
    const quote = bob && personaField(doc, bob, 'quote');
    const pains = bob && personaField(doc, bob, 'pains');
    const paragraphs = (n: number, text: string): BodyNode[] =>
      Array.from({ length: n }, () => ({ type: 'paragraph', content: [{ text }] }));
    doc.transact(() => {
      if (quote) replaceWithJson(quote, paragraphs(1, 'x'.repeat(1_500)));
      if (pains) replaceWithJson(pains, paragraphs(60, 'y'.repeat(600)));
    });
    const copy = roundTrip(doc);
    expect(readMap(copy).personas).toEqual(readMap(doc).personas);
    expect(readMap(copy).personas[0]?.pains).toHaveLength(60);
  });

  it('refuses a non-empty document', () => {
    const doc = baseDoc();
    expect(() => applyMapJson(doc, mapToJson(doc))).toThrow(
      expect.objectContaining({ code: 'not-empty' }),
    );
  });

  it('refuses an invalid file with every problem named, writing nothing', () => {
    const json = mapToJson(baseDoc());
    const bad = {
      ...json,
      version: 2,
      lanes: [{ ...json.lanes[0], kind: 'feelings' }],
      cards: [{ ...json.cards[0], emotion: 9 }],
    };
    const doc = new Y.Doc();
    let error: unknown;
    try {
      applyMapJson(doc, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MapOperationError);
    const message = (error as Error).message;
    expect(message).toMatch(/version/);
    expect(message).toMatch(/kind/);
    expect(message).toMatch(/emotion/);
    expect(doc.getMap('stages').size).toBe(0);
  });

  it('refuses a card body with bare text at its top level, which no editor could open', () => {
    const json = mapToJson(baseDoc());
    const card = json.cards[0];
    if (!card) throw new Error('baseDoc has a card');
    const doc = new Y.Doc();
    expect(() =>
      applyMapJson(doc, { ...json, cards: [{ ...card, body: [{ text: 'suelto' }] }] }),
    ).toThrow(/top level/);
    expect(doc.getMap('cards').size).toBe(0);
  });

  it('refuses duplicate ids', () => {
    const json = mapToJson(baseDoc());
    expect(() =>
      applyMapJson(new Y.Doc(), { ...json, cards: [...json.cards, ...json.cards] }),
    ).toThrow(/duplicate cards id/);
  });

  it('imports a card whose stage is not in the file as unplaced', () => {
    const json = mapToJson(baseDoc());
    const doc = new Y.Doc();
    applyMapJson(doc, { ...json, stages: [] });
    const view = readMap(doc);
    expect(view.cards).toEqual([]);
    expect(view.unplaced.map((c) => c.id)).toEqual(json.cards.map((c) => c.id as CardId));
  });
  it('drops `__proto__` keys of an imported file and pollutes no prototype', () => {
    const json = mapToJson(baseDoc());
    const hostile = JSON.parse(
      JSON.stringify({ ...json, meta: { ...json.meta, extra: { votes: 'PLACEHOLDER' } } }).replace(
        '"PLACEHOLDER"',
        '{"__proto__":{"polluted":true},"up":3}',
      ),
    ) as unknown;
    const doc = new Y.Doc();
    applyMapJson(doc, hostile);
    expect(mapToJson(doc).meta.extra).toEqual({ votes: { up: 3 } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
