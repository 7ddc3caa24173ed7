import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AboutBodySchema,
  applySettingsPatch,
  CardAnswerBodySchema,
  cardState,
  computeValidation,
  DEFAULT_VALIDATION_SETTINGS,
  mapState,
  MissingStepBodySchema,
  readValidation,
  StageAnswerBodySchema,
  ValidationSettingsPatchSchema,
  writeValidation,
  type ResponseInput,
  type Verdict,
} from './validation.ts';

const DEFAULTS = DEFAULT_VALIDATION_SETTINGS;

/** A response answering cards with verdicts (no notes unless given). */
function response(
  answers: Record<string, Verdict | [Verdict, string]>,
  extra: Partial<ResponseInput> = {},
): ResponseInput {
  return {
    firstName: null,
    comment: null,
    updatedAt: 1_000,
    submittedAt: null,
    cards: Object.entries(answers).map(([cardId, answer]) => ({
      cardId,
      verdict: Array.isArray(answer) ? answer[0] : answer,
      note: Array.isArray(answer) ? answer[1] : null,
      at: 1_000,
    })),
    stages: [],
    missing: [],
    ...extra,
  };
}

describe('a card’s validation state', () => {
  it('stays assumed below the minimum number of answers', () => {
    expect(cardState(0, 0, DEFAULTS)).toBe('assumed');
    expect(cardState(2, 0, DEFAULTS)).toBe('assumed');
    expect(cardState(1, 1, DEFAULTS)).toBe('assumed');
  });

  it('is validated at exactly a 2/3 majority, and disputed just below it', () => {
    expect(cardState(2, 1, DEFAULTS)).toBe('validated');
    expect(cardState(4, 2, DEFAULTS)).toBe('validated');
    expect(cardState(3, 0, DEFAULTS)).toBe('validated');
    expect(cardState(1, 2, DEFAULTS)).toBe('disputed');
    expect(cardState(5, 3, DEFAULTS)).toBe('disputed'); // 0.625 < 2/3
    expect(cardState(0, 3, DEFAULTS)).toBe('disputed');
  });

  it('follows changed thresholds, including ratios equal to the majority', () => {
    const settings = { minAnswers: 1, majority: 0.5 };
    expect(cardState(1, 0, settings)).toBe('validated');
    expect(cardState(0, 1, settings)).toBe('disputed');
    expect(cardState(1, 1, settings)).toBe('validated');
    expect(cardState(7, 3, { minAnswers: 10, majority: 0.7 })).toBe('validated');
    expect(cardState(6, 4, { minAnswers: 10, majority: 0.7 })).toBe('disputed');
    expect(cardState(9, 0, { minAnswers: 10, majority: 0.7 })).toBe('assumed');
    expect(cardState(2, 1, { minAnswers: 3, majority: 1 })).toBe('disputed');
  });
});

describe('a map’s validation state', () => {
  it('is assumed with no card validated or disputed (or no card at all)', () => {
    expect(mapState([])).toBe('assumed');
    expect(mapState(['assumed', 'assumed'])).toBe('assumed');
  });

  it('is validated only when every card is', () => {
    expect(mapState(['validated', 'validated'])).toBe('validated');
    expect(mapState(['validated', 'assumed'])).toBe('partly-validated');
    expect(mapState(['disputed', 'disputed'])).toBe('partly-validated');
  });
});

describe('the validation of a map', () => {
  const visibleCards = [
    { cardId: 'c1', stageId: 's1' },
    { cardId: 'c2', stageId: 's1' },
    { cardId: 'c3', stageId: 's2' },
  ];
  const input = (responses: ResponseInput[], settings = DEFAULTS) => ({
    settings,
    stages: ['s1', 's2', 's3'],
    visibleCards,
    responses,
  });

  it('counts yes, different and not-me, leaving not-me out of the threshold', () => {
    const result = computeValidation(
      input([
        response({ c1: 'yes', c2: 'not-me' }),
        response({ c1: 'yes', c2: 'not-me' }),
        response({ c1: ['different', 'Fue por teléfono'], c2: 'not-me' }),
      ]),
    );
    expect(result.cards[0]).toMatchObject({
      cardId: 'c1',
      state: 'validated',
      yes: 2,
      different: 1,
      notMe: 0,
    });
    expect(result.cards[0]?.notes).toEqual([
      { verdict: 'different', note: 'Fue por teléfono', at: new Date(1_000).toISOString() },
    ]);
    // Three "not for me" answers say nothing about the step: still assumed.
    expect(result.cards[1]).toMatchObject({ state: 'assumed', yes: 0, different: 0, notMe: 3 });
    expect(result.cards[2]).toMatchObject({ state: 'assumed', yes: 0 });
    expect(result.state).toBe('partly-validated');
    expect(result.responses).toEqual({ total: 3, submitted: 0 });
  });

  it('is validated once every visible card is, and ignores answers on cards no longer visible', () => {
    const all = { c1: 'yes', c2: 'yes', c3: 'yes', gone: 'different' } as const;
    const result = computeValidation(input([response(all), response(all), response(all)]));
    expect(result.cards.map((c) => c.state)).toEqual(['validated', 'validated', 'validated']);
    expect(result.cards.map((c) => c.cardId)).toEqual(['c1', 'c2', 'c3']);
    expect(result.state).toBe('validated');
  });

  it('computes emotion means, agreement per stage, missing steps and comments with names', () => {
    const result = computeValidation(
      input([
        response(
          { c1: 'yes', c3: ['different', 'otro'] },
          {
            firstName: 'Lucía',
            comment: '  Gracias  ',
            submittedAt: 2_000,
            stages: [{ stageId: 's1', emotion: 2, note: null, at: 1_000 }],
            missing: [{ stageId: 's2', note: 'Llamé antes', at: 1_500 }],
          },
        ),
        response(
          { c1: 'different', c2: 'yes' },
          { stages: [{ stageId: 's1', emotion: -1, note: null, at: 1_000 }] },
        ),
      ]),
    );
    expect(result.stages).toEqual([
      {
        stageId: 's1',
        emotion: { mean: 0.5, count: 2 },
        agreement: 2 / 3,
        missing: [],
      },
      {
        stageId: 's2',
        emotion: null,
        agreement: 0,
        missing: [{ note: 'Llamé antes', firstName: 'Lucía', at: new Date(1_500).toISOString() }],
      },
      { stageId: 's3', emotion: null, agreement: null, missing: [] },
    ]);
    expect(result.comments).toEqual([
      { text: 'Gracias', firstName: 'Lucía', at: new Date(1_000).toISOString() },
    ]);
    expect(result.responses).toEqual({ total: 2, submitted: 1 });
    expect(result.cards[2]?.notes).toEqual([
      { verdict: 'different', note: 'otro', firstName: 'Lucía', at: new Date(1_000).toISOString() },
    ]);
  });

  it('moves with the thresholds', () => {
    const two = [response({ c1: 'yes' }), response({ c1: 'different' })];
    expect(computeValidation(input(two)).cards[0]?.state).toBe('assumed');
    const lenient = { minAnswers: 2, majority: 0.5 };
    expect(computeValidation(input(two, lenient)).cards[0]?.state).toBe('validated');
    const strict = { minAnswers: 2, majority: 0.75 };
    expect(computeValidation(input(two, strict)).cards[0]?.state).toBe('disputed');
    expect(computeValidation(input(two, strict)).settings).toEqual(strict);
  });
});

describe('the live validation document', () => {
  it('round-trips through Yjs, and an equal value writes no update', () => {
    const doc = new Y.Doc();
    expect(readValidation(doc)).toBeNull();
    const value = computeValidation({
      settings: DEFAULTS,
      stages: ['s1'],
      visibleCards: [{ cardId: 'c1', stageId: 's1' }],
      responses: [response({ c1: 'yes' })],
    });
    writeValidation(doc, value);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(readValidation(replica)).toEqual(value);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    writeValidation(doc, structuredClone(value));
    expect(updates).toBe(0);
    writeValidation(doc, { ...value, state: 'validated' });
    expect(updates).toBe(1);
  });
});

describe('feedback request bodies', () => {
  it('require a note for "different" and keep notes short and plain', () => {
    expect(CardAnswerBodySchema.safeParse({ verdict: 'yes' }).success).toBe(true);
    expect(CardAnswerBodySchema.safeParse({ verdict: 'different' }).success).toBe(false);
    expect(CardAnswerBodySchema.safeParse({ verdict: 'different', note: '  ' }).success).toBe(
      false,
    );
    expect(CardAnswerBodySchema.safeParse({ verdict: 'different', note: 'otro' }).success).toBe(
      true,
    );
    expect(CardAnswerBodySchema.safeParse({ verdict: 'maybe' }).success).toBe(false);
    expect(
      CardAnswerBodySchema.safeParse({ verdict: 'yes', note: 'x'.repeat(2_001) }).success,
    ).toBe(false);
    expect(CardAnswerBodySchema.safeParse({ verdict: 'yes', note: 'a\u202Eb' }).success).toBe(
      false,
    );
    expect(CardAnswerBodySchema.safeParse({ verdict: 'yes', extra: 1 }).success).toBe(false);
  });

  it('take emotions from -2 to 2, missing steps with text, names and thresholds in bounds', () => {
    expect(StageAnswerBodySchema.safeParse({ emotion: -2 }).success).toBe(true);
    expect(StageAnswerBodySchema.safeParse({ emotion: 3 }).success).toBe(false);
    expect(StageAnswerBodySchema.safeParse({ emotion: 0.5 }).success).toBe(false);
    expect(MissingStepBodySchema.safeParse({ stageId: 'abc', note: '' }).success).toBe(false);
    expect(MissingStepBodySchema.safeParse({ stageId: 'abc', note: 'x' }).success).toBe(true);
    expect(AboutBodySchema.safeParse({ firstName: null, comment: 'hola' }).success).toBe(true);
    expect(AboutBodySchema.safeParse({ firstName: 'a\nb' }).success).toBe(false);
    expect(ValidationSettingsPatchSchema.safeParse({ minAnswers: 0 }).success).toBe(false);
    expect(ValidationSettingsPatchSchema.safeParse({ minAnswers: 51 }).success).toBe(false);
    expect(ValidationSettingsPatchSchema.safeParse({ majority: 0.4 }).success).toBe(false);
    expect(ValidationSettingsPatchSchema.safeParse({ majority: 1 }).success).toBe(true);
    expect(applySettingsPatch(DEFAULTS, { majority: 0.8 })).toEqual({
      minAnswers: 3,
      majority: 0.8,
    });
  });
});
