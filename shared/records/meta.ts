import type * as Y from 'yjs';
import { z } from 'zod';
import { readInt, readString } from '../doc-schema.ts';
import { isLocale, LOCALES } from '../locale.ts';
import type { Locale } from '../locale.ts';
import { SCHEMA_VERSION } from '../schema-version.ts';
import { plainName } from '../plain-text.ts';

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
};

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
  };
}
