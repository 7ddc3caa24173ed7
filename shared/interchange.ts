import * as Y from 'yjs';
import { z } from 'zod';
import { prettifyError } from 'zod';
import {
  bodyDepth,
  BODY_MAX_DEPTH,
  fragmentParagraphs,
  fragmentToJson,
  isPlainParagraphs,
  replaceWithJson,
  replaceWithParagraphs,
} from './card-body.ts';
import { mapRoots, recordMap } from './doc-schema.ts';
import type { MapRoots } from './doc-schema.ts';
import { MapOperationError } from './errors.ts';
import { isJsonValue, JsonValueSchema } from './json-value.ts';
import type { JsonValue } from './json-value.ts';
import { IMPORT_ORIGIN } from './origins.ts';
import type { MapOrigin } from './origins.ts';
import { readMap } from './read-map.ts';
import { CARD_KEYS, CardSchema, PRIORITY_KEYS, readCardBody } from './records/card.ts';
import { LANE_KEYS, LaneSchema } from './records/lane.ts';
import { META_KEYS, MapMetaSchema } from './records/meta.ts';
import {
  PERSONA_KEYS,
  PERSONA_RICH_FIELDS,
  PersonaSchema,
  writePersonaText,
} from './records/persona.ts';
import { STAGE_KEYS, StageSchema } from './records/stage.ts';
import { SCHEMA_VERSION } from './schema-version.ts';

/** Value of `format` in every map JSON file. */
export const MAP_JSON_FORMAT = 'recorrido.map';

/**
 * Version of the JSON interchange format (independent of the document schema version: a
 * format change bumps this and keeps a reader for older files).
 */
export const MAP_JSON_VERSION = 1;

/**
 * Fields of a record that this version does not know (written by a newer client), carried
 * through export and import so nothing is lost. Only plain JSON values are carried.
 */
const ExtraSchema = z.record(z.string(), JsonValueSchema);

function extraFor(known: Readonly<Record<string, string>>) {
  const keys = new Set(Object.values(known));
  return ExtraSchema.optional().refine(
    (extra) => extra === undefined || Object.keys(extra).every((k) => !keys.has(k)),
    'extra must not repeat a known field',
  );
}

function uniqueIds(items: readonly { id: string }[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: 'custom',
        message: `duplicate ${what} id ${item.id}`,
        path: [what, i, 'id'],
      });
    }
    seen.add(item.id);
  });
}

/** Zod validator for a whole map in JSON: the export format, the import format, templates. */
export const MapJsonSchema = z
  .strictObject({
    format: z.literal(MAP_JSON_FORMAT),
    version: z.literal(MAP_JSON_VERSION),
    meta: MapMetaSchema.extend({ extra: extraFor(META_KEYS) }),
    stages: z.array(StageSchema.extend({ extra: extraFor(STAGE_KEYS) })).max(500),
    lanes: z.array(LaneSchema.extend({ extra: extraFor(LANE_KEYS) })).max(200),
    /** Cards; a card whose stage or lane is not in the file imports as unplaced. */
    cards: z
      .array(
        CardSchema.extend({ extra: extraFor(CARD_KEYS) }).refine(
          (c) => c.body === undefined || bodyDepth(c.body) <= BODY_MAX_DEPTH,
          `card body nests deeper than ${BODY_MAX_DEPTH} levels`,
        ),
      )
      .max(20_000),
    personas: z.array(PersonaSchema.extend({ extra: extraFor(PERSONA_KEYS) })).max(200),
  })
  .superRefine((map, ctx) => {
    uniqueIds(map.stages, 'stages', ctx);
    uniqueIds(map.lanes, 'lanes', ctx);
    uniqueIds(map.cards, 'cards', ctx);
    uniqueIds(map.personas, 'personas', ctx);
  });

/** A whole map as JSON (validated). */
export type MapJson = z.output<typeof MapJsonSchema>;

/** Plain JSON values of the keys of `map` not listed in `known`; undefined when none. */
function readExtra(
  map: Y.Map<unknown>,
  known: Readonly<Record<string, string>>,
): Record<string, JsonValue> | undefined {
  const keys = new Set(Object.values(known));
  const extra: Record<string, JsonValue> = {};
  let any = false;
  map.forEach((value, key) => {
    if (!keys.has(key) && isJsonValue(value)) {
      extra[key] = value;
      any = true;
    }
  });
  return any ? extra : undefined;
}

function extraOf(
  roots: MapRoots,
  root: keyof MapRoots,
  id: string,
  known: Readonly<Record<string, string>>,
) {
  const map = recordMap(roots[root], id);
  const extra = map ? readExtra(map, known) : undefined;
  return extra ? { extra } : {};
}

/** Exports a map document as JSON: every stage, lane, card (placed or not) and persona. */
export function mapToJson(doc: Y.Doc): MapJson {
  const view = readMap(doc);
  const roots = mapRoots(doc);
  const meta = {
    title: view.meta.title,
    state: view.meta.state,
    ...(view.meta.locale ? { locale: view.meta.locale } : {}),
  };
  const metaExtra = readExtra(roots.meta, META_KEYS);
  return {
    format: MAP_JSON_FORMAT,
    version: MAP_JSON_VERSION,
    meta: { ...meta, ...(metaExtra ? { extra: metaExtra } : {}) },
    stages: view.stages.map((s) => ({ ...s, ...extraOf(roots, 'stages', s.id, STAGE_KEYS) })),
    lanes: view.lanes.map((l) => ({ ...l, ...extraOf(roots, 'lanes', l.id, LANE_KEYS) })),
    cards: [...view.cards, ...view.unplaced].map(
      ({ text: _text, priority, personaIds, ...card }) => {
        const map = recordMap(roots.cards, card.id);
        const body = map ? readCardBody(map) : undefined;
        const paragraphs = body ? fragmentParagraphs(body) : [];
        const rich = body && !isPlainParagraphs(body) ? { body: fragmentToJson(body) } : {};
        const factors = priority
          ? {
              priority: {
                timeToFix: priority.timeToFix,
                costToFix: priority.costToFix,
                customerImpact: priority.customerImpact,
                businessImpact: priority.businessImpact,
              },
            }
          : {};
        return {
          ...card,
          ...(personaIds ? { personaIds: [...personaIds] } : {}),
          paragraphs,
          ...rich,
          ...factors,
          ...extraOf(roots, 'cards', card.id, CARD_KEYS),
        };
      },
    ),
    personas: view.personas.map((p) => ({
      ...p,
      goals: [...p.goals],
      needs: [...p.needs],
      pains: [...p.pains],
      jobs: [...p.jobs],
      channels: [...p.channels],
      ...extraOf(roots, 'personas', p.id, PERSONA_KEYS),
    })),
  };
}

/** Validates untrusted JSON as a map file; throws MapOperationError with every problem found. */
export function parseMapJson(json: unknown): MapJson {
  const result = MapJsonSchema.safeParse(json);
  if (!result.success) {
    throw new MapOperationError(
      'invalid-input',
      `Invalid map file:\n${prettifyError(result.error)}`,
    );
  }
  return result.data;
}

function newRecord(
  parent: Y.Map<unknown>,
  id: string,
  extra: Record<string, JsonValue> | undefined,
) {
  const map = new Y.Map<unknown>();
  parent.set(id, map);
  for (const [k, v] of Object.entries(extra ?? {})) map.set(k, v);
  return map;
}

/**
 * Fills an EMPTY map document (no stages, lanes, cards or personas) from JSON, in one
 * transaction (default origin: import). Validates first and throws MapOperationError
 * ('invalid-input' with every problem, or 'not-empty') before writing anything.
 */
export function applyMapJson(doc: Y.Doc, json: unknown, origin: MapOrigin = IMPORT_ORIGIN): void {
  const data = parseMapJson(json);
  const roots = mapRoots(doc);
  if (roots.stages.size + roots.lanes.size + roots.cards.size + roots.personas.size > 0) {
    throw new MapOperationError('not-empty', 'A map file can only be applied to an empty map');
  }
  doc.transact(() => {
    const { meta } = roots;
    for (const [k, v] of Object.entries(data.meta.extra ?? {})) meta.set(k, v);
    meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
    meta.set(META_KEYS.title, data.meta.title);
    meta.set(META_KEYS.state, data.meta.state);
    if (data.meta.locale !== undefined) meta.set(META_KEYS.locale, data.meta.locale);
    else meta.delete(META_KEYS.locale);

    for (const s of data.stages) {
      const map = newRecord(roots.stages, s.id, s.extra);
      map.set(STAGE_KEYS.name, s.name);
      map.set(STAGE_KEYS.order, s.order);
    }
    for (const l of data.lanes) {
      const map = newRecord(roots.lanes, l.id, l.extra);
      map.set(LANE_KEYS.kind, l.kind);
      map.set(LANE_KEYS.title, l.title);
      map.set(LANE_KEYS.order, l.order);
      map.set(LANE_KEYS.customerVisible, l.customerVisible);
    }
    for (const c of data.cards) {
      const map = newRecord(roots.cards, c.id, c.extra);
      map.set(CARD_KEYS.stageId, c.stageId);
      map.set(CARD_KEYS.laneId, c.laneId);
      map.set(CARD_KEYS.order, c.order);
      const body = new Y.XmlFragment();
      map.set(CARD_KEYS.body, body);
      if (c.body !== undefined) replaceWithJson(body, c.body);
      else replaceWithParagraphs(body, c.paragraphs);
      if (c.department !== undefined) map.set(CARD_KEYS.department, c.department);
      if (c.channel !== undefined) map.set(CARD_KEYS.channel, c.channel);
      if (c.emotion !== undefined) map.set(CARD_KEYS.emotion, c.emotion);
      if (c.momentOfTruth !== undefined) map.set(CARD_KEYS.momentOfTruth, c.momentOfTruth);
      if (c.priority !== undefined) {
        for (const key of PRIORITY_KEYS) map.set(CARD_KEYS[key], c.priority[key]);
      }
      if (c.personaIds !== undefined && c.personaIds.length > 0) {
        map.set(CARD_KEYS.personaIds, [...c.personaIds]);
      }
    }
    for (const p of data.personas) {
      const map = newRecord(roots.personas, p.id, p.extra);
      map.set(PERSONA_KEYS.order, p.order);
      map.set(PERSONA_KEYS.name, p.name);
      map.set(PERSONA_KEYS.role, p.role);
      for (const field of PERSONA_RICH_FIELDS) {
        const fragment = new Y.XmlFragment();
        map.set(PERSONA_KEYS[field], fragment);
        writePersonaText(fragment, p[field]);
      }
      map.set(PERSONA_KEYS.channels, p.channels);
      map.set(PERSONA_KEYS.context, p.context);
    }
  }, origin);
}
