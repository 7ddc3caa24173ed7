import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addPersona,
  addStage,
  initMap,
  readMap,
  setCardFields,
  type CardId,
  type MapView,
} from '../../../shared/index.ts';
import {
  boardMatches,
  cardMark,
  filterCount,
  foldQuery,
  foldText,
  NO_FILTERS,
  parseFilters,
  stepMatch,
  withFilters,
  type BoardFilters,
} from './match.ts';

/**
 * Two stages x three lanes. Cards are added lane by lane, so the view (sorted lane, stage)
 * and the board order (stage, lane) differ.
 */
function board() {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Viaje', locale: 'es' });
  const plan = addStage(doc, { name: 'Planificar' });
  const pay = addStage(doc, { name: 'Pagar' });
  const actions = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const pains = addLane(doc, { kind: 'pain-points', title: 'Dolor' });
  const back = addLane(doc, { kind: 'backstage', title: 'Backstage' });
  const bob = addPersona(doc, { name: 'Bob' });
  const mary = addPersona(doc, { name: 'Mary' });
  const ids = {
    a1: addCard(doc, { stageId: pay, laneId: actions, text: 'Paga con la TARJETA de crédito' }),
    a2: addCard(doc, { stageId: plan, laneId: actions, text: 'Pide un crédito' }),
    a3: addCard(doc, { stageId: plan, laneId: actions, text: 'Credito rápido', department: 'it' }),
    p1: addCard(doc, {
      stageId: plan,
      laneId: pains,
      text: 'No entiende el\ncrédito',
      department: 'digital',
      personaIds: [bob],
    }),
    b1: addCard(doc, {
      stageId: plan,
      laneId: back,
      text: 'Revisión de créditos',
      personaIds: [mary, bob],
    }),
    b2: addCard(doc, { stageId: pay, laneId: back, text: 'Cobro' }),
  };
  return { doc, ids, bob, mary, view: (): MapView => readMap(doc) };
}

function filters(partial: Partial<BoardFilters>): BoardFilters {
  return { ...NO_FILTERS, ...partial };
}

describe('text folding', () => {
  it('ignores case and accents, and reads any white space as one space', () => {
    expect(foldText('Crédito ÁRBOL Ñandú')).toBe('credito arbol nandu');
    expect(foldText('línea\n  dos\tTres')).toBe('linea dos tres');
    expect(foldQuery('  CRÉDITO  ')).toBe('credito');
    expect(foldQuery('   ')).toBe('');
  });
});

describe('board matches', () => {
  it('finds "credito" in "Crédito", "crédito" and "Credito", in board order: stage, then lane, then cell order', () => {
    const { ids, view } = board();
    expect(boardMatches(view(), foldQuery('credito'), NO_FILTERS)).toEqual([
      ids.a2, // Planificar × Acciones, first in its cell
      ids.a3, // Planificar × Acciones, second
      ids.p1, // Planificar × Dolor (the query also matches across its line break below)
      ids.b1, // Planificar × Backstage
      ids.a1, // Pagar × Acciones
    ]);
    expect(boardMatches(view(), foldQuery('EL CRÉDITO'), NO_FILTERS)).toEqual([ids.p1]);
    expect(boardMatches(view(), foldQuery('tarjeta de'), NO_FILTERS)).toEqual([ids.a1]);
  });

  it('finds nothing for an empty or blank query, or a text no card has', () => {
    const { view } = board();
    expect(boardMatches(view(), foldQuery(''), NO_FILTERS)).toEqual([]);
    expect(boardMatches(view(), foldQuery('  '), NO_FILTERS)).toEqual([]);
    expect(boardMatches(view(), foldQuery('hipoteca'), NO_FILTERS)).toEqual([]);
  });

  it('a card edited to match joins the matches in its place', () => {
    const { doc, ids, view } = board();
    const q = foldQuery('cobro');
    expect(boardMatches(view(), q, NO_FILTERS)).toEqual([ids.b2]);
    const stage = view().stages[1]?.id;
    const lane = view().lanes[0]?.id;
    if (!stage || !lane) throw new Error('board missing');
    const extra = addCard(doc, { stageId: stage, laneId: lane, text: 'Ve el cobro' });
    expect(boardMatches(view(), q, NO_FILTERS)).toEqual([extra, ids.b2]);
  });

  it('combines the filters: kinds hide lanes, department and persona keep only their cards', () => {
    const { doc, ids, bob, mary, view } = board();
    const q = foldQuery('credito');
    const byKinds = filters({ kinds: ['actions', 'backstage'] });
    expect(boardMatches(view(), q, byKinds)).toEqual([ids.a2, ids.a3, ids.b1, ids.a1]);
    expect(boardMatches(view(), q, filters({ departments: ['it', 'digital'] }))).toEqual([
      ids.a3,
      ids.p1,
    ]);
    expect(boardMatches(view(), q, filters({ personas: [bob] }))).toEqual([ids.p1, ids.b1]);
    expect(boardMatches(view(), q, filters({ personas: [mary] }))).toEqual([ids.b1]);
    // Across facets every filter must keep the card; within one, any choice does.
    expect(
      boardMatches(view(), q, filters({ kinds: ['pain-points'], personas: [bob, mary] })),
    ).toEqual([ids.p1]);
    expect(
      boardMatches(view(), q, filters({ departments: ['digital'], personas: [mary] })),
    ).toEqual([]);
    // A tag removed later: the card leaves the persona's matches.
    setCardFields(doc, ids.p1, { personaIds: null });
    expect(boardMatches(view(), q, filters({ personas: [bob] }))).toEqual([ids.b1]);
  });

  it('marks cards: dimmed by the filters first, then the current match, then other matches', () => {
    const { ids, bob, view } = board();
    const q = foldQuery('credito');
    const card = (id: CardId) => {
      const found = view().cards.find((c) => c.id === id);
      if (!found) throw new Error(`no card ${id}`);
      return found;
    };
    expect(cardMark(card(ids.a2), q, ids.a2, NO_FILTERS)).toBe('current');
    expect(cardMark(card(ids.a3), q, ids.a2, NO_FILTERS)).toBe('match');
    expect(cardMark(card(ids.b2), q, ids.a2, NO_FILTERS)).toBeNull();
    expect(cardMark(card(ids.b2), '', null, NO_FILTERS)).toBeNull();
    const onlyBob = filters({ personas: [bob] });
    expect(cardMark(card(ids.a2), q, ids.a2, onlyBob)).toBe('dimmed');
    expect(cardMark(card(ids.b2), '', null, onlyBob)).toBe('dimmed');
    expect(cardMark(card(ids.p1), '', null, onlyBob)).toBeNull();
  });
});

describe('stepping through matches', () => {
  const m = ['c1', 'c2', 'c3'] as CardId[];

  it('goes forwards and backwards, wrapping at both ends', () => {
    expect(stepMatch(m, 'c1', 1)).toBe('c2');
    expect(stepMatch(m, 'c3', 1)).toBe('c1');
    expect(stepMatch(m, 'c1', -1)).toBe('c3');
    expect(stepMatch(m, 'c2', -1)).toBe('c1');
  });

  it('starts at the first (or the last, going back) without a current match, and finds none in none', () => {
    expect(stepMatch(m, null, 1)).toBe('c1');
    expect(stepMatch(m, null, -1)).toBe('c3');
    expect(stepMatch(m, 'gone', 1)).toBe('c1');
    expect(stepMatch([], null, 1)).toBeNull();
    expect(stepMatch([], 'c1', -1)).toBeNull();
  });
});

describe('filters in the address', () => {
  it('reads kinds (known ones, in the contract order), departments and personas', () => {
    expect(parseFilters('?kinds=backstage,actions,bogus,actions&dept=it&persona=p1,p2')).toEqual({
      kinds: ['actions', 'backstage'],
      departments: ['it'],
      personas: ['p1', 'p2'],
    });
    expect(parseFilters('')).toEqual(NO_FILTERS);
    expect(parseFilters('?kinds=&dept=,')).toEqual(NO_FILTERS);
  });

  it('writes them with readable commas, keeping other parameters and dropping empty filters', () => {
    const written = withFilters(
      '?comments&thread=t1&dept=old',
      filters({ kinds: ['actions', 'kpis'], personas: ['p1'] }),
    );
    expect(written).toBe('comments&thread=t1&kinds=actions,kpis&persona=p1');
    expect(parseFilters(written)).toEqual(
      filters({ kinds: ['actions', 'kpis'], personas: ['p1'] }),
    );
    expect(withFilters('?kinds=actions&card=c1', NO_FILTERS)).toBe('card=c1');
  });

  it('counts the active choices', () => {
    expect(filterCount(NO_FILTERS)).toBe(0);
    expect(filterCount(filters({ kinds: ['actions', 'kpis'], departments: ['it'] }))).toBe(3);
  });
});
