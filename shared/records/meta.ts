import type * as Y from 'yjs';
import { z } from 'zod';
import { readInt, readString } from '../doc-schema.ts';
import { isLocale, LOCALES } from '../locale.ts';
import type { Locale } from '../locale.ts';
import { SCHEMA_VERSION } from '../schema-version.ts';
import { plainName } from '../plain-text.ts';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  PRIORITY_FACTOR_KEYS,
  PRIORITY_WEIGHT_MAX,
  PRIORITY_WEIGHT_MIN,
  isPriorityWeight,
} from '../scoring.ts';
import type { PriorityWeights } from '../scoring.ts';

/** Keys of the `meta` root map (schema v1). Unknown keys are left untouched. */
export const META_KEYS = {
  schemaVersion: 'schemaVersion',
  title: 'title',
  state: 'state',
  locale: 'locale',
} as const;

/** Whether a map shows the journey as it is today or as designed for the future. */
export const MAP_STATES = ['as-is', 'to-be'] as const;

/** AS-IS (today, assumed until customers validate it) or TO-BE (the designed future). */
export type MapState = (typeof MAP_STATES)[number];

/** Map-level fields. */
export interface MapMeta {
  /**
   * Schema version of the document. Sync: written once at creation and by migrations only; the
   * server refuses clients of an older major (see checkClientSchema).
   */
  readonly schemaVersion: number;
  /** Map title. */
  readonly title: string;
  /** AS-IS or TO-BE. */
  readonly state: MapState;
  /** Language the map's content is written in, when known. */
  readonly locale?: Locale;
  /** How much each prioritisation factor counts in this map's score (defaults when unset). */
  readonly priorityWeights: PriorityWeights;
}

/** Longest map title accepted. */
export const MAP_TITLE_MAX = 200;

/** Zod validator for a map title. */
export const MapTitleSchema = plainName(z.string().max(MAP_TITLE_MAX));
/** Zod validator for a map state. */
export const MapStateSchema = z.enum(MAP_STATES);
/** Zod validator for a locale. */
export const LocaleSchema = z.enum(LOCALES);

/** Zod validator for the meta fields carried by JSON interchange (version lives outside). */
export const MapMetaSchema = z.strictObject({
  title: MapTitleSchema,
  state: MapStateSchema,
  locale: LocaleSchema.optional(),
});

/** Meta of a brand-new map. */
export const DEFAULT_MAP_META: MapMeta = {
  schemaVersion: SCHEMA_VERSION,
  title: '',
  state: 'as-is',
  priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
};

/**
 * Meta key of the map's priority weights: a plain JSON object `{timeToFix, costToFix,
 * customerImpact, businessImpact}` (integers 0..3). Deliberately not in META_KEYS: as a plain
 * value the JSON export and import carry it as an `extra` meta field, and the customer
 * projection (an allow-list) never shows it. One value for all four weights, so concurrent
 * edits resolve last-writer-wins per whole weighting: a facilitator's rare, deliberate choice.
 */
export const PRIORITY_WEIGHTS_KEY = 'priorityWeights';

/** Zod validator for one weight. */
export const PriorityWeightSchema = z.int().min(PRIORITY_WEIGHT_MIN).max(PRIORITY_WEIGHT_MAX);

/** Zod validator for a change to the weights: any subset of the four factors. */
export const PriorityWeightsPatchSchema = z.strictObject({
  timeToFix: PriorityWeightSchema.optional(),
  costToFix: PriorityWeightSchema.optional(),
  customerImpact: PriorityWeightSchema.optional(),
  businessImpact: PriorityWeightSchema.optional(),
});

/** A plain (JSON) object, or undefined. */
export function plainObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The map's priority weights. Missing, not an object, or a factor that is not an integer
 * 0..3 reads as the default for that factor (1), so a foreign or damaged value never breaks
 * ranking; keys this version does not know are ignored here and kept by setPriorityWeights.
 */
export function readPriorityWeights(map: Y.Map<unknown>): PriorityWeights {
  const stored = plainObject(map.get(PRIORITY_WEIGHTS_KEY));
  if (!stored) return DEFAULT_PRIORITY_WEIGHTS;
  const out: Record<string, number> = {};
  for (const key of PRIORITY_FACTOR_KEYS) {
    const value = stored[key];
    out[key] = isPriorityWeight(value) ? value : DEFAULT_PRIORITY_WEIGHTS[key];
  }
  return out as PriorityWeights;
}

/**
 * Reads the meta map. A document without `schemaVersion` is a fresh, never-initialised one and
 * reads as the current version (operations stamp it on first write).
 */
export function readMeta(map: Y.Map<unknown>): MapMeta {
  const state = readString(map, META_KEYS.state);
  const locale = map.get(META_KEYS.locale);
  return {
    schemaVersion:
      readInt(map, META_KEYS.schemaVersion, 1, Number.MAX_SAFE_INTEGER) ?? SCHEMA_VERSION,
    title: readString(map, META_KEYS.title) ?? DEFAULT_MAP_META.title,
    state: state === 'to-be' ? 'to-be' : 'as-is',
    ...(isLocale(locale) ? { locale } : {}),
    priorityWeights: readPriorityWeights(map),
  };
}
