import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapOperationError } from '../errors.ts';
import type { CardId } from '../ids.ts';
import { LOCAL_USER_ORIGIN, serverOrigin } from '../origins.ts';
import { cardsInCell, readMap } from '../read-map.ts';
import { SCHEMA_VERSION } from '../schema-version.ts';
import { DEFAULT_PRIORITY_WEIGHTS } from '../scoring.ts';
import {
  addCard,
  cardBody,
  deleteCard,
  moveCard,
  placeCard,
  setCardFields,
  setCardText,
  setEmotion,
} from './cards.ts';
import { addLane, deleteLane, moveLane, renameLane, setLaneVisibility } from './lanes.ts';
import { initMap, setMapState, setMapTitle } from './meta.ts';
import { addPersona, deletePersona, updatePersona } from './personas.ts';
import { addStage, deleteStage, moveStage, renameStage } from './stages.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function grid() {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Viaje', locale: 'es' });
  const s1 = addStage(doc, { name: 'Planificar' });
  const s2 = addStage(doc, { name: 'Pagar' });
  const l1 = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const l2 = addLane(doc, { kind: 'backstage', title: 'Backstage' });
  return { doc, s1, s2, l1, l2 };
}

describe('map operations', () => {
  it('initialises meta with the schema version, title and state', () => {
    const { doc } = grid();
    setMapState(doc, 'to-be');
    setMapTitle(doc, 'Alerta de viaje');
    expect(readMap(doc).meta).toEqual({
      schemaVersion: SCHEMA_VERSION,
      title: 'Alerta de viaje',
      state: 'to-be',
      locale: 'es',
      priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
    });
  });

  it('adds stages and lanes in order and moves them by index', () => {
    const { doc, s1, s2, l1, l2 } = grid();
    const s0 = addStage(doc, { name: 'Descubrir', index: 0 });
    expect(readMap(doc).stages.map((s) => s.id)).toEqual([s0, s1, s2]);
    moveStage(doc, s0, 2);
    expect(readMap(doc).stages.map((s) => s.id)).toEqual([s1, s2, s0]);
    moveLane(doc, l2, 0);
    renameLane(doc, l2, 'Procesos internos');
    renameStage(doc, s1, 'Planificar el viaje');
    const view = readMap(doc);
    expect(view.lanes.map((l) => [l.id, l.title])).toEqual([
      [l2, 'Procesos internos'],
      [l1, 'Acciones'],
    ]);
    expect(view.stages[0]?.name).toBe('Planificar el viaje');
  });

  it('defaults lane visibility from the kind and lets it be changed', () => {
    const { doc, l1, l2 } = grid();
    expect(readMap(doc).lanes.map((l) => l.customerVisible)).toEqual([true, false]);
    setLaneVisibility(doc, l2, true);
    setLaneVisibility(doc, l1, false);
    expect(readMap(doc).lanes.map((l) => l.customerVisible)).toEqual([false, true]);
  });

  it('adds cards with text and fields, and reads paragraphs back as lines', () => {
    const { doc, s1, l1 } = grid();
    const c = addCard(doc, {
      stageId: s1,
      laneId: l1,
      text: 'Entra en la web\n\nBusca la alerta',
      channel: 'web',
      emotion: -2,
      priority: { timeToFix: 1, costToFix: 1, customerImpact: 5, businessImpact: 5 },
    });
    const card = readMap(doc).cards[0];
    expect(card).toMatchObject({
      id: c,
      text: 'Entra en la web\n\nBusca la alerta',
      channel: 'web',
      emotion: -2,
      priority: { timeToFix: 1, costToFix: 1, customerImpact: 5, businessImpact: 5, score: 25 },
    });
    expect(cardBody(doc, c)?.length).toBe(3);
  });

  it('orders cards within a cell and moves them across cells', () => {
    const { doc, s1, s2, l1, l2 } = grid();
    const a = addCard(doc, { stageId: s1, laneId: l1, text: 'a' });
    const b = addCard(doc, { stageId: s1, laneId: l1, text: 'b' });
    const c = addCard(doc, { stageId: s1, laneId: l1, text: 'c', index: 0 });
    expect(cardsInCell(readMap(doc), s1, l1).map((x) => x.id)).toEqual([c, a, b]);
    moveCard(doc, a, { stageId: s2, laneId: l2, index: 0 });
    const view = readMap(doc);
    expect(cardsInCell(view, s1, l1).map((x) => x.id)).toEqual([c, b]);
    expect(cardsInCell(view, s2, l2).map((x) => x.id)).toEqual([a]);
    // Cards read row by row: lane l1 first, then l2.
    expect(view.cards.map((x) => x.id)).toEqual([c, b, a]);
  });

  it('replaces card text and changes or clears fields', () => {
    const { doc, s1, l1 } = grid();
    const c = addCard(doc, { stageId: s1, laneId: l1, text: 'uno' });
    setCardText(doc, c, 'dos\ntres');
    setEmotion(doc, c, 2);
    setCardFields(doc, c, { department: 'branches', momentOfTruth: true });
    setCardFields(doc, c, {
      priority: { timeToFix: 2, costToFix: 3, customerImpact: 4, businessImpact: 2 },
    });
    setCardFields(doc, c, { priority: { costToFix: 1 } });
    let card = readMap(doc).cards[0];
    expect(card).toMatchObject({ text: 'dos\ntres', emotion: 2, department: 'branches' });
    expect(card?.priority).toEqual({
      timeToFix: 2,
      costToFix: 1,
      customerImpact: 4,
      businessImpact: 2,
      score: 13.5,
    });
    setCardFields(doc, c, { emotion: null, priority: null, department: null });
    card = readMap(doc).cards[0];
    expect(card?.emotion).toBeUndefined();
    expect(card?.priority).toBeUndefined();
    expect(card?.department).toBeUndefined();
    expect(card?.momentOfTruth).toBe(true);
  });

  it('rejects invalid fields with a clear error and writes nothing', () => {
    const { doc, s1, l1 } = grid();
    const c = addCard(doc, { stageId: s1, laneId: l1 });
    const before = Y.encodeStateVector(doc);
    expect(() => setEmotion(doc, c, 3)).toThrow(MapOperationError);
    expect(() => setCardFields(doc, c, { emotion: 1.5 })).toThrow(/emotion/);
    expect(() => setCardFields(doc, c, { priority: { timeToFix: 2 } })).toThrow(
      /missing costToFix, customerImpact, businessImpact/,
    );
    expect(() => setCardFields(doc, c, { colour: 'red' } as never)).toThrow(/colour/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses to add a card to a missing stage or to edit a missing card', () => {
    const { doc, s1, l1 } = grid();
    expect(() => addCard(doc, { stageId: 'nope' as never, laneId: l1 })).toThrow(/does not exist/);
    expect(() => setCardText(doc, 'missing' as CardId, 'x')).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
    deleteCard(doc, 'missing' as CardId);
    expect(readMap(doc).cards).toEqual([]);
    expect(s1).toBeTruthy();
  });

  it('deletes a stage with its cards, but a card added concurrently becomes unplaced', () => {
    const a = grid();
    const b = new Y.Doc();
    sync(a.doc, b);
    const known = addCard(a.doc, { stageId: a.s1, laneId: a.l1, text: 'conocida' });
    sync(a.doc, b);
    const deleted = deleteStage(a.doc, a.s1);
    expect(deleted).toEqual([known]);
    const concurrent = addCard(b, { stageId: a.s1, laneId: a.l1, text: 'nueva' });
    sync(a.doc, b);
    const view = readMap(a.doc);
    expect(view.cards).toEqual([]);
    expect(view.unplaced.map((c) => c.id)).toEqual([concurrent]);
    expect(readMap(b)).toEqual(view);
    placeCard(b, concurrent, { stageId: a.s2, laneId: a.l1 });
    sync(a.doc, b);
    expect(readMap(a.doc).cards.map((c) => c.id)).toEqual([concurrent]);
    expect(readMap(a.doc).unplaced).toEqual([]);
  });

  it('deletes a lane with its cards', () => {
    const { doc, s1, l1, l2 } = grid();
    addCard(doc, { stageId: s1, laneId: l1 });
    const keep = addCard(doc, { stageId: s1, laneId: l2 });
    deleteLane(doc, l1);
    expect(readMap(doc).cards.map((c) => c.id)).toEqual([keep]);
  });

  it('creates, updates and deletes personas', () => {
    const { doc } = grid();
    const bob = addPersona(doc, { name: 'Bob', goals: ['Viajar tranquilo'], channels: ['web'] });
    const ana = addPersona(doc, { name: 'Ana' });
    updatePersona(doc, bob, {
      quote: 'Solo quiero avisar de que viajo',
      channels: ['web', 'branch'],
    });
    let view = readMap(doc);
    expect(view.personas.map((p) => p.name)).toEqual(['Bob', 'Ana']);
    expect(view.personas[0]).toMatchObject({
      quote: 'Solo quiero avisar de que viajo',
      goals: ['Viajar tranquilo'],
      channels: ['web', 'branch'],
      needs: [],
    });
    deletePersona(doc, ana);
    view = readMap(doc);
    expect(view.personas.map((p) => p.id)).toEqual([bob]);
  });

  it('labels every transaction with the given origin, defaulting to the local user', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const s = addStage(doc, { name: 'x' });
    renameStage(doc, s, 'y', serverOrigin('test'));
    expect(origins).toEqual([LOCAL_USER_ORIGIN, { source: 'server', reason: 'test' }]);
  });

  it('never deletes fields it does not know', () => {
    const { doc, s1, l1 } = grid();
    const c = addCard(doc, { stageId: s1, laneId: l1 });
    const raw = doc.getMap<Y.Map<unknown>>('cards').get(c);
    raw?.set('votes', 3);
    setCardFields(doc, c, { emotion: 1, priority: null });
    setCardText(doc, c, 'hola');
    moveCard(doc, c, { stageId: s1, laneId: l1, index: 0 });
    expect(raw?.get('votes')).toBe(3);
  });
});
