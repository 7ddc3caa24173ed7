import * as Y from 'yjs';

/**
 * Names of the root types of a map document (`map:<id>`), schema version 1. These strings are
 * the public contract with every replica ever written: never rename one without a migration.
 */
export const ROOT = {
  meta: 'meta',
  stages: 'stages',
  lanes: 'lanes',
  cards: 'cards',
  personas: 'personas',
} as const;

/** The five root Y.Maps of a map document. */
export interface MapRoots {
  /** Map-level fields: schemaVersion, title, state, locale. */
  readonly meta: Y.Map<unknown>;
  /** StageId -> Y.Map of one stage. */
  readonly stages: Y.Map<unknown>;
  /** LaneId -> Y.Map of one lane. */
  readonly lanes: Y.Map<unknown>;
  /** CardId -> Y.Map of one card. */
  readonly cards: Y.Map<unknown>;
  /** PersonaId -> Y.Map of one persona. */
  readonly personas: Y.Map<unknown>;
}

/** The root maps of a document (creating them on first access, as Yjs does). */
export function mapRoots(doc: Y.Doc): MapRoots {
  return {
    meta: doc.getMap<unknown>(ROOT.meta),
    stages: doc.getMap<unknown>(ROOT.stages),
    lanes: doc.getMap<unknown>(ROOT.lanes),
    cards: doc.getMap<unknown>(ROOT.cards),
    personas: doc.getMap<unknown>(ROOT.personas),
  };
}

/** The record map stored under `id`, or undefined when absent or not a Y.Map. */
export function recordMap(parent: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  const value = parent.get(id);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined;
}

/** Every (id, record map) pair of a root map; entries that are not Y.Maps are skipped. */
export function recordEntries(parent: Y.Map<unknown>): Array<[string, Y.Map<unknown>]> {
  const out: Array<[string, Y.Map<unknown>]> = [];
  parent.forEach((value, id) => {
    if (value instanceof Y.Map) out.push([id, value as Y.Map<unknown>]);
  });
  return out;
}

/** A string field, or undefined when absent or of another type. */
export function readString(map: Y.Map<unknown>, key: string): string | undefined {
  const value = map.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** A boolean field, or undefined when absent or of another type. */
export function readBoolean(map: Y.Map<unknown>, key: string): boolean | undefined {
  const value = map.get(key);
  return typeof value === 'boolean' ? value : undefined;
}

/** An integer field within [min, max], or undefined otherwise. */
export function readInt(
  map: Y.Map<unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const value = map.get(key);
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : undefined;
}

/** A string-array field (plain JSON value), keeping only string items; [] when absent. */
export function readStringArray(map: Y.Map<unknown>, key: string): string[] {
  const value = map.get(key);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Sets `key` only when the value differs, so no-op edits create no Yjs update. */
export function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  const current = map.get(key);
  if (current === value) return;
  if (
    Array.isArray(value) &&
    Array.isArray(current) &&
    current.length === value.length &&
    current.every((v, i) => v === value[i])
  ) {
    return;
  }
  map.set(key, value);
}

/** Every root type of a map document, e.g. the scope of an undo manager covering the map. */
export function mapRootTypes(doc: Y.Doc): Array<Y.Map<unknown>> {
  const roots = mapRoots(doc);
  return [roots.meta, roots.stages, roots.lanes, roots.cards, roots.personas];
}

/**
 * Calls `listener` when cards are added, deleted or replaced (not when one is edited), with
 * their ids and the transaction. Returns the unsubscribe function.
 */
export function observeCardIds(
  doc: Y.Doc,
  listener: (ids: ReadonlySet<string>, transaction: Y.Transaction) => void,
): () => void {
  const { cards } = mapRoots(doc);
  const handler = (event: Y.YMapEvent<unknown>) => listener(event.keysChanged, event.transaction);
  cards.observe(handler);
  return () => cards.unobserve(handler);
}
