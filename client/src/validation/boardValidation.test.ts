import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, initMap, readMap } from '../../../shared/index.ts';
import {
  cardValidation,
  customerCurve,
  disputedFirst,
  indexValidation,
} from './boardValidation.ts';
import type { CardValidationJson, ValidationJson } from './validationJson.ts';

function summary(
  cards: Pick<CardValidationJson, 'cardId' | 'state'>[],
  stages: ValidationJson['stages'] = [],
): ValidationJson {
  return {
    settings: { minAnswers: 3, majority: 2 / 3 },
    responses: { total: 0, submitted: 0 },
    state: 'assumed',
    cards: cards.map((card) => ({ ...card, yes: 0, different: 0, notMe: 0, notes: [] })),
    stages,
    comments: [],
  };
}

describe('the board reading the validation summary', () => {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Mapa', locale: 'es' });
  const web = addStage(doc, { name: 'Web' });
  const phone = addStage(doc, { name: 'Teléfono' });
  const branch = addStage(doc, { name: 'Sucursal' });
  const actions = addLane(doc, { kind: 'actions', title: 'Acciones' });
  const ids = ['uno', 'dos', 'tres', 'cuatro'].map((text) =>
    addCard(doc, { stageId: web, laneId: actions, text }),
  );
  const view = readMap(doc);
  const cell = view.cards.filter((card) => card.stageId === web);

  it('lists the disputed cards of a cell first, each group in the map order', () => {
    const board = indexValidation(
      summary([
        { cardId: ids[0] ?? '', state: 'validated' },
        { cardId: ids[1] ?? '', state: 'disputed' },
        { cardId: ids[3] ?? '', state: 'disputed' },
      ]),
    );
    expect(disputedFirst(cell, board).map((card) => card.text)).toEqual([
      'dos',
      'cuatro',
      'uno',
      'tres',
    ]);
  });

  it('leaves a cell with no disputed card as it is', () => {
    const board = indexValidation(summary([{ cardId: ids[2] ?? '', state: 'validated' }]));
    expect(disputedFirst(cell, board)).toBe(cell);
  });

  it('calls a card the summary does not list assumed, with no answers', () => {
    const board = indexValidation(summary([]));
    expect(cardValidation(board, ids[0] ?? '')).toMatchObject({
      state: 'assumed',
      yes: 0,
      different: 0,
      notMe: 0,
      notes: [],
    });
  });

  it('draws the customers curve in stage order with gaps, and none without answers', () => {
    const board = indexValidation(
      summary(
        [],
        [
          { stageId: branch, emotion: { mean: 1.5, count: 2 }, agreement: null, missing: [] },
          { stageId: web, emotion: { mean: -1, count: 4 }, agreement: 0.5, missing: [] },
          { stageId: phone, emotion: null, agreement: null, missing: [] },
        ],
      ),
    );
    expect(customerCurve(view.stages, board)).toEqual([
      { mean: -1, count: 4 },
      { mean: null, count: 0 },
      { mean: 1.5, count: 2 },
    ]);
    expect(customerCurve(view.stages, indexValidation(summary([])))).toBeNull();
  });
});
