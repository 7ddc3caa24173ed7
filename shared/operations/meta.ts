import type * as Y from 'yjs';
import { z } from 'zod';
import {
  LocaleSchema,
  META_KEYS,
  MapStateSchema,
  MapTitleSchema,
  PRIORITY_WEIGHTS_KEY,
  PriorityWeightsPatchSchema,
  plainObject,
  readPriorityWeights,
} from '../records/meta.ts';
import type { MapState } from '../records/meta.ts';
import type { Locale } from '../locale.ts';
import { PRIORITY_FACTOR_KEYS } from '../scoring.ts';
import type { PriorityFactorKey } from '../scoring.ts';
import type { MapOrigin } from '../origins.ts';
import { setIfChanged } from '../doc-schema.ts';
import { parseInput, runOp } from './transact.ts';

/** Fields given when initialising a new map. */
export interface InitMapInput {
  /** Map title. */
  readonly title: string;
  /** AS-IS (default) or TO-BE. */
  readonly state?: MapState;
  /** Language the content is written in. */
  readonly locale?: Locale;
}

const InitMapSchema = z.strictObject({
  title: MapTitleSchema,
  state: MapStateSchema.optional(),
  locale: LocaleSchema.optional(),
});

/** Writes the meta of a new map (schema version, title, state, locale). */
export function initMap(doc: Y.Doc, input: InitMapInput, origin?: MapOrigin): void {
  const data = parseInput(InitMapSchema, input, 'map');
  runOp(doc, origin, ({ meta }) => {
    setIfChanged(meta, META_KEYS.title, data.title);
    setIfChanged(meta, META_KEYS.state, data.state ?? 'as-is');
    if (data.locale !== undefined) setIfChanged(meta, META_KEYS.locale, data.locale);
  });
}

/** Renames the map. */
export function setMapTitle(doc: Y.Doc, title: string, origin?: MapOrigin): void {
  const value = parseInput(MapTitleSchema, title, 'map title');
  runOp(doc, origin, ({ meta }) => setIfChanged(meta, META_KEYS.title, value));
}

/** Switches the map between AS-IS and TO-BE. */
export function setMapState(doc: Y.Doc, state: MapState, origin?: MapOrigin): void {
  const value = parseInput(MapStateSchema, state, 'map state');
  runOp(doc, origin, ({ meta }) => setIfChanged(meta, META_KEYS.state, value));
}

/** Sets (or with null clears) the language the map's content is written in. */
export function setMapLocale(doc: Y.Doc, locale: Locale | null, origin?: MapOrigin): void {
  const value = parseInput(LocaleSchema.nullable(), locale, 'map locale');
  runOp(doc, origin, ({ meta }) => {
    if (value === null) meta.delete(META_KEYS.locale);
    else setIfChanged(meta, META_KEYS.locale, value);
  });
}

/** A change to the priority weights: the factors given change, the others stay. */
export type PriorityWeightsPatch = Partial<Record<PriorityFactorKey, number>>;

/**
 * Changes some of the map's priority weights (integers 0..3; see weightedPriorityScore). The
 * stored object is rewritten whole (it is one plain value), merged with the current weights
 * inside the transaction; keys a newer client added are kept. A change to the current values
 * writes nothing.
 */
export function setPriorityWeights(
  doc: Y.Doc,
  patch: PriorityWeightsPatch,
  origin?: MapOrigin,
): void {
  const data = parseInput(PriorityWeightsPatchSchema, patch, 'priority weights');
  runOp(doc, origin, ({ meta }) => {
    const current = readPriorityWeights(meta);
    const stored = plainObject(meta.get(PRIORITY_WEIGHTS_KEY));
    const next: Record<string, unknown> = { ...stored };
    for (const key of PRIORITY_FACTOR_KEYS) next[key] = data[key] ?? current[key];
    const unchanged =
      stored !== undefined && PRIORITY_FACTOR_KEYS.every((k) => stored[k] === next[k]);
    if (!unchanged) meta.set(PRIORITY_WEIGHTS_KEY, next);
  });
}
