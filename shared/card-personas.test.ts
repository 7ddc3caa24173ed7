import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapOperationError } from './errors.ts';
import type { CardId, PersonaId } from './ids.ts';
import { applyMapJson, mapToJson } from './interchange.ts';
import {
  addCard,
  deleteCard,
  keepCard,
  setCardFields,
  setCardPersonas,
} from './operations/cards.ts';
import { addLane } from './operations/lanes.ts';
import { initMap } from './operations/meta.ts';
import { addPersona, deletePersona } from './operations/personas.ts';
import { addStage } from './operations/stages.ts';
import { findCard, readMap } from './read-map.ts';
import { CARD_KEYS, CARD_PERSONAS_MAX } from './records/card.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** A one-cell map with two personas and a card. */
function setup() {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Viaje', locale: 'es' });
  const stageId = addStage(doc, { name: 'Planificar' });
  const laneId = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const bob = addPersona(doc, { name: 'Bob' });
  const mary = addPersona(doc, { name: 'Mary' });
  const card = addCard(doc, { stageId, laneId, text: 'Avisa al banco' });
  return { doc, stageId, laneId, bob, mary, card };
}

function personasOf(doc: Y.Doc, card: CardId): readonly PersonaId[] | undefined {
  return findCard(readMap(doc), card)?.personaIds;
}

function cardMap(doc: Y.Doc, card: CardId): Y.Map<unknown> {
  return doc.getMap('cards').get(card) as Y.Map<unknown>;
}

describe('card ↔ persona tags', () => {
  it('tags a card with personas in order, changes and clears the list; no tags is no key', () => {
    const { doc, card, bob, mary } = setup();
    expect(personasOf(doc, card)).toBeUndefined();
    setCardPersonas(doc, card, [mary, bob]);
    expect(personasOf(doc, card)).toEqual([mary, bob]);
    setCardFields(doc, card, { personaIds: [bob] });
    expect(personasOf(doc, card)).toEqual([bob]);
    setCardPersonas(doc, card, []);
    expect(personasOf(doc, card)).toBeUndefined();
    expect(cardMap(doc, card).has(CARD_KEYS.personaIds)).toBe(false);
    setCardPersonas(doc, card, [bob]);
    setCardPersonas(doc, card, null);
    expect(cardMap(doc, card).has(CARD_KEYS.personaIds)).toBe(false);
  });

  it('writes nothing when the list is unchanged', () => {
    const { doc, card, bob } = setup();
    setCardPersonas(doc, card, [bob]);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    setCardPersonas(doc, card, [bob]);
    expect(updates).toBe(0);
  });

  it('refuses what is not a list of at most 20 distinct ids, writing nothing', () => {
    const { doc, card, bob } = setup();
    const tooMany = Array.from({ length: CARD_PERSONAS_MAX + 1 }, (_, i) => `p${i}` as PersonaId);
    const bad: unknown[] = [[bob, bob], tooMany, ['not an id!'], [''], 'p1', [42]];
    for (const value of bad) {
      expect(() => setCardPersonas(doc, card, value as PersonaId[])).toThrow(MapOperationError);
    }
    expect(personasOf(doc, card)).toBeUndefined();
    const most = tooMany.slice(0, CARD_PERSONAS_MAX);
    setCardPersonas(doc, card, most);
    expect(personasOf(doc, card)).toEqual(most);
  });

  it('reads malformed values from a foreign client as ids only, deduplicated and bounded', () => {
    const { doc, card, bob, mary } = setup();
    const map = cardMap(doc, card);
    map.set(CARD_KEYS.personaIds, [bob, 7, 'bad id', bob, mary, null]);
    expect(personasOf(doc, card)).toEqual([bob, mary]);
    map.set(CARD_KEYS.personaIds, 'not a list');
    expect(personasOf(doc, card)).toBeUndefined();
    map.set(
      CARD_KEYS.personaIds,
      Array.from({ length: 30 }, (_, i) => `p${i}`),
    );
    expect(personasOf(doc, card)).toHaveLength(CARD_PERSONAS_MAX);
  });

  it('keeps a tag to a deleted persona as an id (the UI shows only existing personas)', () => {
    const { doc, card, bob, mary } = setup();
    setCardPersonas(doc, card, [bob, mary]);
    deletePersona(doc, bob);
    expect(personasOf(doc, card)).toEqual([bob, mary]);
    expect(readMap(doc).personas.map((p) => p.id)).toEqual([mary]);
  });

  it('adds a card already tagged, and keeps the tags of a card kept after a concurrent delete', () => {
    const { doc, stageId, laneId, bob } = setup();
    const tagged = addCard(doc, { stageId, laneId, text: 'Llama', personaIds: [bob] });
    expect(personasOf(doc, tagged)).toEqual([bob]);
    const last = findCard(readMap(doc), tagged);
    if (!last) throw new Error('card missing');
    deleteCard(doc, tagged);
    keepCard(doc, last);
    expect(personasOf(doc, tagged)).toEqual([bob]);
  });

  it('converges when two replicas tag the same card at once: one whole list wins everywhere', () => {
    const { doc: a, card, bob, mary } = setup();
    const b = new Y.Doc();
    sync(a, b);
    setCardPersonas(a, card, [bob]);
    setCardPersonas(b, card, [mary, bob]);
    sync(a, b);
    const onA = personasOf(a, card);
    expect(personasOf(b, card)).toEqual(onA);
    expect([[bob], [mary, bob]]).toContainEqual(onA);
    expect(readMap(a)).toEqual(readMap(b));
  });

  it('converges when one replica tags while another changes other fields of the card', () => {
    const { doc: a, card, bob } = setup();
    const b = new Y.Doc();
    sync(a, b);
    setCardPersonas(a, card, [bob]);
    setCardFields(b, card, { department: 'digital', emotion: -1 });
    sync(a, b);
    for (const doc of [a, b]) {
      expect(findCard(readMap(doc), card)).toMatchObject({
        personaIds: [bob],
        department: 'digital',
        emotion: -1,
      });
    }
  });

  it('survives JSON export and import, and a file with bad tags is refused', () => {
    const { doc, card, bob, mary } = setup();
    setCardPersonas(doc, card, [mary, bob]);
    const json = mapToJson(doc);
    expect(json.cards.find((c) => c.id === card)?.personaIds).toEqual([mary, bob]);
    expect(json.cards.find((c) => c.id === card)?.extra).toBeUndefined();
    const copy = new Y.Doc();
    applyMapJson(copy, JSON.parse(JSON.stringify(json)));
    expect(personasOf(copy, card)).toEqual([mary, bob]);
    expect(readMap(copy)).toEqual(readMap(doc));

    const bad = structuredClone(json);
    const first = bad.cards.find((c) => c.id === card);
    if (!first) throw new Error('card missing');
    Object.assign(first, { personaIds: [bob, bob] });
    expect(() => applyMapJson(new Y.Doc(), bad)).toThrow(MapOperationError);
  });
});
