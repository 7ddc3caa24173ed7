import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapOperationError } from './errors.ts';
import { applyMapJson, mapToJson } from './interchange.ts';
import { replaceWithJson } from './card-body.ts';
import { addCard, cardBody, deleteCard, setCardText } from './operations/cards.ts';
import { addStage } from './operations/stages.ts';
import { setMapTitle } from './operations/meta.ts';
import { readMap } from './read-map.ts';
import { replaceMapContent } from './replace-map.ts';
import { templateJson } from './templates/index.ts';
import { mapRoots } from './doc-schema.ts';

/** A map document filled from a template. */
function templateDoc(): Y.Doc {
  const doc = new Y.Doc();
  applyMapJson(doc, templateJson('travel-alert-demo', 'es'));
  return doc;
}

describe('replaceMapContent', () => {
  it('brings back an earlier content exactly, in one transaction, for every replica', () => {
    const doc = templateDoc();
    const before = mapToJson(doc);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update));

    // Wipe and change everything: delete the cards, add a stage, rename the map.
    const view = readMap(doc);
    for (const card of [...view.cards, ...view.unplaced]) deleteCard(doc, card.id);
    addStage(doc, { name: 'Nueva' });
    setMapTitle(doc, 'Otro título');
    expect(readMap(doc).cards).toHaveLength(0);
    mapRoots(doc).meta.set('futureKey', 1);

    let transactions = 0;
    doc.on('afterTransaction', () => {
      transactions += 1;
    });
    replaceMapContent(doc, before);
    expect(transactions).toBe(1);
    expect(mapToJson(doc)).toEqual(before);
    expect(mapToJson(replica)).toEqual(before);
    expect(mapRoots(doc).meta.get('futureKey')).toBeUndefined();
  });

  it('can itself be undone by replacing with the content from before it', () => {
    const doc = templateDoc();
    const first = mapToJson(doc);
    const stage = readMap(doc).stages[0];
    const lane = readMap(doc).lanes[0];
    if (!stage || !lane) throw new Error('the template has stages and lanes');
    const card = addCard(doc, { stageId: stage.id, laneId: lane.id, text: 'nueva' });
    setCardText(doc, card, 'cambiada');
    const second = mapToJson(doc);
    replaceMapContent(doc, first);
    expect(mapToJson(doc)).toEqual(first);
    replaceMapContent(doc, second);
    expect(mapToJson(doc)).toEqual(second);
    expect(readMap(doc).cards.find((c) => c.id === card)?.text).toBe('cambiada');
  });

  it('rewrites only what differs: an unchanged card keeps its shared type, and the update is small', () => {
    const doc = templateDoc();
    const version = mapToJson(doc);
    const [first, second] = readMap(doc).cards;
    if (!first || !second) throw new Error('the template has cards');
    const untouched = mapRoots(doc).cards.get(second.id);
    setCardText(doc, first.id, 'Cambiada después');
    const full = Y.encodeStateAsUpdate(doc).length;
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    replaceMapContent(doc, version);
    expect(mapToJson(doc)).toEqual(version);
    expect(mapRoots(doc).cards.get(second.id)).toBe(untouched);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.length ?? Infinity).toBeLessThan(full / 10);
    // Nothing differs any more: replacing again changes nothing at all.
    replaceMapContent(doc, version);
    expect(updates).toHaveLength(1);
  });

  it('copies rich card bodies exactly: headings, marks and hard breaks', () => {
    const doc = templateDoc();
    const card = readMap(doc).cards[0];
    if (!card) throw new Error('the template has cards');
    const body = cardBody(doc, card.id);
    if (!body) throw new Error('the card has a body');
    doc.transact(() =>
      replaceWithJson(body, [
        { type: 'heading', attrs: { level: 2 }, content: [{ text: 'Título' }] },
        {
          type: 'paragraph',
          content: [
            { text: 'negrita', marks: { bold: {} } },
            { type: 'hardBreak' },
            { text: 'normal' },
          ],
        },
      ]),
    );
    const version = mapToJson(doc);
    expect(version.cards.find((c) => c.id === card.id)?.body).toBeDefined();
    setCardText(doc, card.id, 'plano');
    replaceMapContent(doc, version);
    expect(mapToJson(doc)).toEqual(version);
  });

  it('refuses what is not a map and changes nothing', () => {
    const doc = templateDoc();
    const before = Y.encodeStateVector(doc);
    expect(() => replaceMapContent(doc, { format: 'nope' })).toThrow(MapOperationError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
