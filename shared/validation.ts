import type * as Y from 'yjs';
import { z } from 'zod';
import { isPlainBody } from './comments.ts';
import { FORBIDDEN_NAME_CHARACTER_MESSAGE, plainName } from './plain-text.ts';

/**
 * Customer feedback and the validation of a map (issue 11): what a customer may send about the
 * customer view, the per-map thresholds, the pure computation of every card's, stage's and the
 * map's validation state from the saved answers, and the read-only live document
 * `map:<id>/validation` that carries the result to the team.
 *
 * The live document is written by the server only (internal roles connect read-only; customers
 * may not open it). Schema version 1, root types:
 * - `meta`: Y.Map `{schemaVersion: 1}`.
 * - `validation`: Y.Map with one key, `current`: a plain JSON value of shape `ValidationJson` (the
 *   same object `GET /api/maps/:id/validation` answers), replaced whole on every change.
 */

/** Version of the validation document schema (its `meta.schemaVersion`). */
export const VALIDATION_SCHEMA_VERSION = 1;

/** What a customer says about one step of the journey. */
export const VERDICTS = ['yes', 'different', 'not-me'] as const;

/** A customer's verdict on one card. */
export type Verdict = (typeof VERDICTS)[number];

/** Longest note a customer may add to an answer or a missing step, in characters. */
export const FEEDBACK_NOTE_MAX = 2_000;

/** Most missing steps one customer may report on one map (a bound on what one guest can store). */
export const MAX_MISSING_STEPS = 100;

/** Longest free comment of a response, in characters. */
export const FEEDBACK_COMMENT_MAX = 2_000;

/** Longest first name a customer may give. */
export const FIRST_NAME_MAX = 80;

/** Lowest and highest score of the five-face emotion scale. */
export const FEEDBACK_EMOTION_MIN = -2;
export const FEEDBACK_EMOTION_MAX = 2;

/** Bounds of the per-map thresholds. */
export const MIN_ANSWERS_MIN = 1;
export const MIN_ANSWERS_MAX = 50;
export const MAJORITY_MIN = 0.5;
export const MAJORITY_MAX = 1;

/** When a card counts as validated: enough answers, and a large enough share of them "yes". */
export interface ValidationSettings {
  /** Fewest "yes" + "different" answers before a card is more than assumed. */
  minAnswers: number;
  /** Share of "yes" among them, at or above which the card is validated (else disputed). */
  majority: number;
}

/** The product's default threshold: 3 answers with a 2/3 majority. */
export const DEFAULT_VALIDATION_SETTINGS: Readonly<ValidationSettings> = Object.freeze({
  minAnswers: 3,
  majority: 2 / 3,
});

/** A card's state from the answers. */
export type CardValidationState = 'assumed' | 'validated' | 'disputed';

/** A map's state from its cards (also in `GET /api/maps` items as `validationState`). */
export const MAP_VALIDATION_STATES = ['assumed', 'partly-validated', 'validated'] as const;
export type MapValidationState = (typeof MAP_VALIDATION_STATES)[number];

/** Multi-line plain text of at most `max` characters (tab and line breaks allowed). */
function plainText(max: number, what: string) {
  return z
    .string({ error: `${what} must be a string` })
    .max(max, `${what} must be at most ${max} characters`)
    .refine(isPlainBody, { message: `${what} ${FORBIDDEN_NAME_CHARACTER_MESSAGE}` });
}

/** Validator of a note: plain text, at most FEEDBACK_NOTE_MAX characters. */
export const FeedbackNoteSchema = plainText(FEEDBACK_NOTE_MAX, 'note');

/** Body of `PUT /api/maps/:id/feedback/cards/:cardId`: a note is required for 'different'. */
export const CardAnswerBodySchema = z
  .strictObject({
    verdict: z.enum(VERDICTS, { error: `verdict must be one of ${VERDICTS.join(', ')}` }),
    note: FeedbackNoteSchema.optional(),
  })
  .refine((body) => body.verdict !== 'different' || (body.note ?? '').trim().length > 0, {
    message: "note: say what was different (required with 'different')",
    path: ['note'],
  });
export type CardAnswerBody = z.infer<typeof CardAnswerBodySchema>;

/** Body of `PUT /api/maps/:id/feedback/stages/:stageId`. */
export const StageAnswerBodySchema = z.strictObject({
  emotion: z
    .int({ error: 'emotion must be an integer from -2 to 2' })
    .min(FEEDBACK_EMOTION_MIN, 'emotion must be an integer from -2 to 2')
    .max(FEEDBACK_EMOTION_MAX, 'emotion must be an integer from -2 to 2'),
  note: FeedbackNoteSchema.optional(),
});
export type StageAnswerBody = z.infer<typeof StageAnswerBodySchema>;

/** Body of `POST /api/maps/:id/feedback/missing`: the stage (opaque id) and what happened. */
export const MissingStepBodySchema = z.strictObject({
  stageId: z.string().min(1, 'stageId must not be empty').max(64, 'stageId is not a valid id'),
  note: FeedbackNoteSchema.refine((note) => note.trim().length > 0, {
    message: 'note must not be empty',
  }),
});
export type MissingStepBody = z.infer<typeof MissingStepBodySchema>;

/** Body of `PUT /api/maps/:id/feedback/about`: absent leaves as is, null or '' clears. */
export const AboutBodySchema = z.strictObject({
  firstName: plainName(
    z.string().trim().max(FIRST_NAME_MAX, `firstName must be at most ${FIRST_NAME_MAX} characters`),
  )
    .nullable()
    .optional(),
  comment: plainText(FEEDBACK_COMMENT_MAX, 'comment').nullable().optional(),
});
export type AboutBody = z.infer<typeof AboutBodySchema>;

/** Body of `PATCH /api/maps/:id/validation/settings`. */
export const ValidationSettingsPatchSchema = z.strictObject({
  minAnswers: z
    .int({ error: `minAnswers must be an integer from ${MIN_ANSWERS_MIN} to ${MIN_ANSWERS_MAX}` })
    .min(MIN_ANSWERS_MIN, `minAnswers must be at least ${MIN_ANSWERS_MIN}`)
    .max(MIN_ANSWERS_MAX, `minAnswers must be at most ${MIN_ANSWERS_MAX}`)
    .optional(),
  majority: z
    .number({ error: `majority must be a number from ${MAJORITY_MIN} to ${MAJORITY_MAX}` })
    .min(MAJORITY_MIN, `majority must be at least ${MAJORITY_MIN}`)
    .max(MAJORITY_MAX, `majority must be at most ${MAJORITY_MAX}`)
    .optional(),
});
export type ValidationSettingsPatch = z.infer<typeof ValidationSettingsPatchSchema>;

/** Thresholds after a patch: the fields it sets replace, the others stay. */
export function applySettingsPatch(
  current: ValidationSettings,
  patch: ValidationSettingsPatch,
): ValidationSettings {
  return {
    minAnswers: patch.minAnswers ?? current.minAnswers,
    majority: patch.majority ?? current.majority,
  };
}

/** A customer's words on a card, as the team reads them. */
export interface CardNoteJson {
  verdict: Verdict;
  note: string;
  firstName?: string;
  /** ISO 8601. */
  at: string;
}

/** One customer-visible card's validation (`cardId` is the internal id). */
export interface CardValidationJson {
  cardId: string;
  state: CardValidationState;
  yes: number;
  different: number;
  notMe: number;
  notes: CardNoteJson[];
}

/** A step customers say is missing from a stage. */
export interface MissingStepJson {
  note: string;
  firstName?: string;
  at: string;
}

/** One stage's validation (`stageId` is the internal id). */
export interface StageValidationJson {
  stageId: string;
  /** The customers' emotion at this stage (-2..2), or null before any answer. */
  emotion: { mean: number; count: number } | null;
  /** yes / (yes + different) over the stage's cards' answers; null without any. */
  agreement: number | null;
  missing: MissingStepJson[];
}

/** A customer's free comment. */
export interface FeedbackCommentJson {
  text: string;
  firstName?: string;
  at: string;
}

/** The validation of a map, as `GET /api/maps/:id/validation` and `map:<id>/validation` hold it. */
export interface ValidationJson {
  settings: ValidationSettings;
  /** Responses with anything saved, and how many of them were sent. */
  responses: { total: number; submitted: number };
  state: MapValidationState;
  cards: CardValidationJson[];
  stages: StageValidationJson[];
  comments: FeedbackCommentJson[];
}

/** A saved answer on a card (internal card id). */
export interface CardAnswerInput {
  cardId: string;
  verdict: Verdict;
  note: string | null;
  at: number;
}

/** A saved emotion on a stage (internal stage id). */
export interface StageAnswerInput {
  stageId: string;
  emotion: number;
  note: string | null;
  at: number;
}

/** One customer's response, as the computation reads it (internal ids, times in ms). */
export interface ResponseInput {
  firstName: string | null;
  comment: string | null;
  /** When anything was last saved (the comment's time). */
  updatedAt: number;
  submittedAt: number | null;
  cards: readonly CardAnswerInput[];
  stages: readonly StageAnswerInput[];
  missing: readonly { stageId: string; note: string; at: number }[];
}

/** What the validation of a map is computed from. */
export interface ValidationInput {
  settings: ValidationSettings;
  /** Every stage of the map, left to right (internal ids). */
  stages: readonly string[];
  /** The cards customers see now, in map order, with their stage (internal ids). */
  visibleCards: readonly { cardId: string; stageId: string }[];
  /** Every response with anything saved. */
  responses: readonly ResponseInput[];
}

/**
 * Tolerance of the majority comparison: `yes / n` and a stored majority such as 2/3 are both
 * binary fractions, so a ratio that is mathematically equal may differ in the last bit.
 */
const MAJORITY_EPSILON = 1e-9;

/**
 * A card's state: with fewer than `minAnswers` "yes" + "different" answers it is assumed ("not
 * for me" says nothing about the step); then validated when the share of "yes" reaches the
 * majority, disputed otherwise.
 */
export function cardState(
  yes: number,
  different: number,
  settings: ValidationSettings,
): CardValidationState {
  const n = yes + different;
  if (n < settings.minAnswers || n === 0) return 'assumed';
  return yes / n >= settings.majority - MAJORITY_EPSILON ? 'validated' : 'disputed';
}

/**
 * The map's state: assumed while no card is validated or disputed; validated when every card
 * customers see is validated (and there is one); partly validated otherwise.
 */
export function mapState(states: readonly CardValidationState[]): MapValidationState {
  if (states.every((state) => state === 'assumed')) return 'assumed';
  if (states.every((state) => state === 'validated')) return 'validated';
  return 'partly-validated';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function withName<T extends object>(
  value: T,
  firstName: string | null,
): T & { firstName?: string } {
  return firstName ? { ...value, firstName } : value;
}

function byTime<T extends { at: string }>(a: T, b: T): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

/**
 * The validation of a map from every saved answer (sent or not, so answers arrive live). Only
 * the cards customers see now are listed and count toward the map's state; answers on cards no
 * longer visible are kept in storage but left out. Pure: same input, same output.
 */
export function computeValidation(input: ValidationInput): ValidationJson {
  const cardStage = new Map(input.visibleCards.map((card) => [card.cardId, card.stageId]));
  const tallies = new Map<string, { yes: number; different: number; notMe: number }>();
  const notes = new Map<string, CardNoteJson[]>();
  const stageEmotions = new Map<string, number[]>();
  const missing = new Map<string, MissingStepJson[]>();
  const comments: FeedbackCommentJson[] = [];
  let total = 0;
  let submitted = 0;

  for (const response of input.responses) {
    total += 1;
    if (response.submittedAt !== null) submitted += 1;
    for (const answer of response.cards) {
      if (!cardStage.has(answer.cardId)) continue;
      const tally = tallies.get(answer.cardId) ?? { yes: 0, different: 0, notMe: 0 };
      if (answer.verdict === 'yes') tally.yes += 1;
      else if (answer.verdict === 'different') tally.different += 1;
      else tally.notMe += 1;
      tallies.set(answer.cardId, tally);
      const note = answer.note?.trim();
      if (note) {
        const list = notes.get(answer.cardId) ?? [];
        list.push(
          withName({ verdict: answer.verdict, note, at: iso(answer.at) }, response.firstName),
        );
        notes.set(answer.cardId, list);
      }
    }
    for (const answer of response.stages) {
      const list = stageEmotions.get(answer.stageId) ?? [];
      list.push(answer.emotion);
      stageEmotions.set(answer.stageId, list);
    }
    for (const step of response.missing) {
      const list = missing.get(step.stageId) ?? [];
      list.push(withName({ note: step.note, at: iso(step.at) }, response.firstName));
      missing.set(step.stageId, list);
    }
    const comment = response.comment?.trim();
    if (comment) {
      comments.push(withName({ text: comment, at: iso(response.updatedAt) }, response.firstName));
    }
  }

  const cards: CardValidationJson[] = input.visibleCards.map(({ cardId }) => {
    const tally = tallies.get(cardId) ?? { yes: 0, different: 0, notMe: 0 };
    return {
      cardId,
      state: cardState(tally.yes, tally.different, input.settings),
      ...tally,
      notes: (notes.get(cardId) ?? []).sort(byTime),
    };
  });

  const stages: StageValidationJson[] = input.stages.map((stageId) => {
    const emotions = stageEmotions.get(stageId) ?? [];
    let yes = 0;
    let answered = 0;
    for (const card of cards) {
      if (cardStage.get(card.cardId) !== stageId) continue;
      yes += card.yes;
      answered += card.yes + card.different;
    }
    return {
      stageId,
      emotion:
        emotions.length === 0
          ? null
          : { mean: emotions.reduce((a, b) => a + b, 0) / emotions.length, count: emotions.length },
      agreement: answered === 0 ? null : yes / answered,
      missing: (missing.get(stageId) ?? []).sort(byTime),
    };
  });

  return {
    settings: { minAnswers: input.settings.minAnswers, majority: input.settings.majority },
    responses: { total, submitted },
    state: mapState(cards.map((card) => card.state)),
    cards,
    stages,
    comments: comments.sort(byTime),
  };
}

const NamedSchema = { firstName: z.string().optional(), at: z.string() };

/** Validator of a ValidationJson read from the live document (the reader refuses a mismatch). */
export const ValidationJsonSchema = z.object({
  settings: z.object({ minAnswers: z.number(), majority: z.number() }),
  responses: z.object({ total: z.number(), submitted: z.number() }),
  state: z.enum(MAP_VALIDATION_STATES),
  cards: z.array(
    z.object({
      cardId: z.string(),
      state: z.enum(['assumed', 'validated', 'disputed']),
      yes: z.number(),
      different: z.number(),
      notMe: z.number(),
      notes: z.array(z.object({ verdict: z.enum(VERDICTS), note: z.string(), ...NamedSchema })),
    }),
  ),
  stages: z.array(
    z.object({
      stageId: z.string(),
      emotion: z.object({ mean: z.number(), count: z.number() }).nullable(),
      agreement: z.number().nullable(),
      missing: z.array(z.object({ note: z.string(), ...NamedSchema })),
    }),
  ),
  comments: z.array(z.object({ text: z.string(), ...NamedSchema })),
});

/** The root Y.Map of the validation document and its one key. */
const VALIDATION_ROOT = 'validation';
const CURRENT_KEY = 'current';

/**
 * The validation a `map:<id>/validation` document holds, or null before the server filled it
 * (or when the value does not match this version's schema).
 */
export function readValidation(doc: Y.Doc): ValidationJson | null {
  const parsed = ValidationJsonSchema.safeParse(
    doc.getMap<unknown>(VALIDATION_ROOT).get(CURRENT_KEY),
  );
  return parsed.success ? (parsed.data as ValidationJson) : null;
}

/**
 * Makes the document hold `validation` (server only); no update at all when it already holds an
 * equal value. Call it inside a transaction with the server's origin.
 */
export function writeValidation(doc: Y.Doc, validation: ValidationJson): void {
  const meta = doc.getMap<unknown>('meta');
  if (meta.get('schemaVersion') !== VALIDATION_SCHEMA_VERSION) {
    meta.set('schemaVersion', VALIDATION_SCHEMA_VERSION);
  }
  const root = doc.getMap<unknown>(VALIDATION_ROOT);
  // computeValidation builds its objects in one fixed key order, so JSON text compares them.
  const next = JSON.stringify(validation);
  if (root.has(CURRENT_KEY) && JSON.stringify(root.get(CURRENT_KEY)) === next) return;
  root.set(CURRENT_KEY, JSON.parse(next) as unknown);
}
