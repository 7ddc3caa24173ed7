import * as Y from 'yjs';
import { z } from 'zod';
import { BodyNodeSchema } from '../card-body.ts';
import { CHANNEL_IDS, isChannel } from '../channels.ts';
import type { Channel } from '../channels.ts';
import { readBoolean, readInt, readString, readStringArray } from '../doc-schema.ts';
import { CardIdSchema, LaneIdSchema, PersonaIdSchema, StageIdSchema } from '../ids.ts';
import type { CardId, LaneId, PersonaId, StageId } from '../ids.ts';
import { OrderKeySchema } from '../ordering.ts';
import type { OrderKey } from '../ordering.ts';
import { PRIORITY_MAX, PRIORITY_MIN, priorityScore } from '../scoring.ts';
import type { PriorityFactors } from '../scoring.ts';

/**
 * Keys of a card's Y.Map in `cards` (schema v1). Every field is its own key so that concurrent
 * edits of different fields (one person sets the channel, another the emotion) both survive;
 * the four priority factors are flat keys for the same reason. Unknown keys are left untouched.
 */
export const CARD_KEYS = {
  stageId: 'stageId',
  laneId: 'laneId',
  order: 'order',
  body: 'body',
  department: 'department',
  channel: 'channel',
  emotion: 'emotion',
  momentOfTruth: 'momentOfTruth',
  timeToFix: 'timeToFix',
  costToFix: 'costToFix',
  customerImpact: 'customerImpact',
  businessImpact: 'businessImpact',
  personaIds: 'personaIds',
} as const;

/** The priority factor keys, in display order. */
export const PRIORITY_KEYS = [
  'timeToFix',
  'costToFix',
  'customerImpact',
  'businessImpact',
] as const;

/** Lowest emotion score (very negative). */
export const EMOTION_MIN = -2;
/** Highest emotion score (very positive). */
export const EMOTION_MAX = 2;

/** A card's priority: the four factors and the derived score (see scoring.ts). */
export interface PriorityView extends PriorityFactors {
  /** Derived, never stored: 1..25, higher = do first. */
  readonly score: number;
}

/** The optional fields a card may carry besides its text. */
export interface CardFields {
  /** Owning department slug (see departments.ts); a workspace may define its own. */
  readonly department?: string;
  /** Channel of the touchpoint. */
  readonly channel?: Channel;
  /** Emotion score, integer -2..2. */
  readonly emotion?: number;
  /** Marks a decisive moment that must go right. */
  readonly momentOfTruth?: boolean;
  /** The four prioritisation factors, each 1..5 (pain points, opportunities). */
  readonly priority?: PriorityFactors;
  /** The personas the card is about (ids in the map's `personas`); absent when none. */
  readonly personaIds?: readonly PersonaId[];
}

/** A card as the UI sees it. */
export interface CardView {
  /** Stable id, the key in the `cards` root map. */
  readonly id: CardId;
  /**
   * Column of the card. Sync: may name a stage deleted concurrently; the card then shows in
   * `MapView.unplaced` until `placeCard` moves it back.
   */
  readonly stageId: StageId;
  /** Row of the card; same rule as `stageId` for a lane deleted concurrently. */
  readonly laneId: LaneId;
  /** Fractional-index key within its cell; cards sort by (order, id). */
  readonly order: OrderKey;
  /** Plain text of the rich body: one line per paragraph, joined by '\n'. */
  readonly text: string;
  /** Owning department slug. */
  readonly department?: string;
  /** Channel of the touchpoint. */
  readonly channel?: Channel;
  /** Emotion score -2..2. */
  readonly emotion?: number;
  /** Decisive moment flag. */
  readonly momentOfTruth?: boolean;
  /** Present only when all four factors are set. */
  readonly priority?: PriorityView;
  /**
   * The personas the card is about, in the order they were tagged; absent when none. An id may
   * name a persona deleted meanwhile: the UI shows only the ones that exist.
   */
  readonly personaIds?: readonly PersonaId[];
}

/** Longest department slug accepted. */
export const DEPARTMENT_MAX = 64;

/** Zod validator for a department slug. */
export const DepartmentSchema = z.string().min(1).max(DEPARTMENT_MAX);
/** Zod validator for a channel id. */
export const ChannelSchema = z.enum(CHANNEL_IDS);
/** Zod validator for an emotion score. */
export const EmotionSchema = z.int().min(EMOTION_MIN).max(EMOTION_MAX);
/** Zod validator for one prioritisation factor. */
export const PriorityFactorSchema = z.int().min(PRIORITY_MIN).max(PRIORITY_MAX);
/** Zod validator for the four prioritisation factors. */
export const PriorityFactorsSchema = z.strictObject({
  timeToFix: PriorityFactorSchema,
  costToFix: PriorityFactorSchema,
  customerImpact: PriorityFactorSchema,
  businessImpact: PriorityFactorSchema,
});

/** Most personas one card can be tagged with. */
export const CARD_PERSONAS_MAX = 20;

/**
 * Zod validator for a card's persona tags: ids only, at most CARD_PERSONAS_MAX, no repeats. The
 * whole list is one value (last writer wins), so a tag is never half-added.
 */
export const CardPersonaIdsSchema = z
  .array(PersonaIdSchema)
  .max(CARD_PERSONAS_MAX)
  .refine((ids) => new Set(ids).size === ids.length, 'a persona is tagged at most once');

/** Zod validator for the optional card fields, all present-or-absent. */
export const CardFieldsSchema = z.strictObject({
  department: DepartmentSchema.optional(),
  channel: ChannelSchema.optional(),
  emotion: EmotionSchema.optional(),
  momentOfTruth: z.boolean().optional(),
  priority: PriorityFactorsSchema.optional(),
  personaIds: CardPersonaIdsSchema.optional(),
});

/**
 * Zod validator for a change to card fields: a value sets, `null` clears, absent leaves as is.
 * `priority` may be partial; it merges with the stored factors and must end complete.
 */
export const CardFieldsPatchSchema = z.strictObject({
  department: DepartmentSchema.nullable().optional(),
  channel: ChannelSchema.nullable().optional(),
  emotion: EmotionSchema.nullable().optional(),
  momentOfTruth: z.boolean().nullable().optional(),
  priority: PriorityFactorsSchema.partial().nullable().optional(),
  /** The whole list of tagged personas; `null` or `[]` clears it. */
  personaIds: CardPersonaIdsSchema.nullable().optional(),
});

/** A change to card fields (see CardFieldsPatchSchema). */
export type CardFieldsPatch = z.input<typeof CardFieldsPatchSchema>;

/** Longest card text accepted, in UTF-16 code units. */
export const CARD_TEXT_MAX = 20_000;

/** Zod validator for a card's plain text. */
export const CardTextSchema = z.string().max(CARD_TEXT_MAX);

/** Zod validator for a whole card record in JSON interchange. */
export const CardSchema = z.strictObject({
  id: CardIdSchema,
  stageId: StageIdSchema,
  laneId: LaneIdSchema,
  order: OrderKeySchema,
  /** Plain text, one string per top-level block. */
  paragraphs: z.array(z.string()).max(2_000),
  /**
   * Exact rich body; present only when it is more than plain paragraphs. Its top level holds
   * blocks only: a ProseMirror doc never holds bare text, and the editor could not open one.
   */
  body: z
    .array(BodyNodeSchema)
    .refine(
      (nodes): boolean => nodes.every((node) => 'type' in node),
      'a card body holds blocks (elements) at its top level, never bare text',
    )
    .optional(),
  ...CardFieldsSchema.shape,
});

/** Text of a card created without one. */
export const DEFAULT_CARD_TEXT = '';

/** The card's body fragment, or undefined when missing (only a foreign client could do that). */
export function readCardBody(map: Y.Map<unknown>): Y.XmlFragment | undefined {
  const body = map.get(CARD_KEYS.body);
  return body instanceof Y.XmlFragment ? body : undefined;
}

/** The four stored priority factors, or undefined unless all four are valid. */
export function readPriority(map: Y.Map<unknown>): PriorityFactors | undefined {
  const timeToFix = readInt(map, CARD_KEYS.timeToFix, PRIORITY_MIN, PRIORITY_MAX);
  const costToFix = readInt(map, CARD_KEYS.costToFix, PRIORITY_MIN, PRIORITY_MAX);
  const customerImpact = readInt(map, CARD_KEYS.customerImpact, PRIORITY_MIN, PRIORITY_MAX);
  const businessImpact = readInt(map, CARD_KEYS.businessImpact, PRIORITY_MIN, PRIORITY_MAX);
  if (
    timeToFix === undefined ||
    costToFix === undefined ||
    customerImpact === undefined ||
    businessImpact === undefined
  ) {
    return undefined;
  }
  return { timeToFix, costToFix, customerImpact, businessImpact };
}

/**
 * The tagged persona ids: well-formed ids only, first occurrence kept, at most
 * CARD_PERSONAS_MAX; undefined when none (a foreign client may have written anything).
 */
export function readPersonaIds(map: Y.Map<unknown>): PersonaId[] | undefined {
  const ids: PersonaId[] = [];
  for (const value of readStringArray(map, CARD_KEYS.personaIds)) {
    const parsed = PersonaIdSchema.safeParse(value);
    if (parsed.success && !ids.includes(parsed.data)) ids.push(parsed.data);
    if (ids.length === CARD_PERSONAS_MAX) break;
  }
  return ids.length > 0 ? ids : undefined;
}

/** Reads the optional fields; malformed values (from a foreign client) read as absent. */
export function readCardFields(map: Y.Map<unknown>): CardFields {
  const fields: {
    department?: string;
    channel?: Channel;
    emotion?: number;
    momentOfTruth?: boolean;
    priority?: PriorityFactors;
    personaIds?: readonly PersonaId[];
  } = {};
  const department = readString(map, CARD_KEYS.department);
  if (department !== undefined && department.length > 0) fields.department = department;
  const channel = map.get(CARD_KEYS.channel);
  if (isChannel(channel)) fields.channel = channel;
  const emotion = readInt(map, CARD_KEYS.emotion, EMOTION_MIN, EMOTION_MAX);
  if (emotion !== undefined) fields.emotion = emotion;
  const moment = readBoolean(map, CARD_KEYS.momentOfTruth);
  if (moment !== undefined) fields.momentOfTruth = moment;
  const priority = readPriority(map);
  if (priority !== undefined) fields.priority = priority;
  const personaIds = readPersonaIds(map);
  if (personaIds !== undefined) fields.personaIds = personaIds;
  return fields;
}

/** Reads one card from its Y.Map, with its plain text computed by `text`. */
export function readCard(id: string, map: Y.Map<unknown>, text: string): CardView {
  const { priority, ...rest } = readCardFields(map);
  return {
    id: id as CardId,
    stageId: (readString(map, CARD_KEYS.stageId) ?? '') as StageId,
    laneId: (readString(map, CARD_KEYS.laneId) ?? '') as LaneId,
    order: readString(map, CARD_KEYS.order) ?? '',
    text,
    ...rest,
    ...(priority ? { priority: { ...priority, score: priorityScore(priority) } } : {}),
  };
}
