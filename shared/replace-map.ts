import * as Y from 'yjs';
import { mapRoots } from './doc-schema.ts';
import { applyMapJson, parseMapJson } from './interchange.ts';
import { serverOrigin } from './origins.ts';
import type { MapOrigin } from './origins.ts';
import { META_KEYS } from './records/meta.ts';

/** A value of a Yjs map as plain JSON (nested types through their toJSON). */
function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}

/** Deep equality of plain JSON values, regardless of key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** A copy of a value of one document that can be written into another. */
function copyOf(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.clone() : value;
}

/**
 * Makes `target` hold the same entries as `source` (a map of another document): entries that are
 * gone are deleted, entries that differ are replaced by a copy, equal ones are left alone.
 */
function syncEntries(target: Y.Map<unknown>, source: Y.Map<unknown>, keep: ReadonlySet<string>) {
  for (const key of [...target.keys()]) {
    if (!keep.has(key) && !source.has(key)) target.delete(key);
  }
  source.forEach((value, key) => {
    if (keep.has(key)) return;
    const current = target.get(key);
    if (current !== undefined && sameJson(plain(current), plain(value))) return;
    target.set(key, copyOf(value));
  });
}

const KEEP_NOTHING: ReadonlySet<string> = new Set();

/**
 * Makes a map document's content equal to `json` (a version being restored, issue 13) in ONE
 * transaction: stages, lanes, cards and personas that are not in the JSON are deleted, those that
 * differ from it (any field, text or formatting) are written anew from it with the same id, those
 * that are the same are left untouched (so an open editor of an unchanged card keeps its place),
 * and the meta (title, state, locale, unknown keys) becomes the JSON's. Connected clients receive
 * it as one ordinary change, which later versions can undo in turn. The schema version stays as
 * it is. Validates first (MapOperationError 'invalid-input') and writes nothing when the JSON is
 * not a map.
 */
export function replaceMapContent(
  doc: Y.Doc,
  json: unknown,
  origin: MapOrigin = serverOrigin('restore'),
): void {
  const data = parseMapJson(json);
  // The JSON as a document of its own, written by the interchange code, then copied record by
  // record: the same fields as an import would write, without a second writer to keep in step.
  const source = new Y.Doc();
  try {
    applyMapJson(source, data, origin);
    const from = mapRoots(source);
    const roots = mapRoots(doc);
    doc.transact(() => {
      syncEntries(roots.meta, from.meta, new Set([META_KEYS.schemaVersion]));
      syncEntries(roots.stages, from.stages, KEEP_NOTHING);
      syncEntries(roots.lanes, from.lanes, KEEP_NOTHING);
      syncEntries(roots.cards, from.cards, KEEP_NOTHING);
      syncEntries(roots.personas, from.personas, KEEP_NOTHING);
    }, origin);
  } finally {
    source.destroy();
  }
}
