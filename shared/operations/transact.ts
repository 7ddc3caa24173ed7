import type * as Y from 'yjs';
import type { z } from 'zod';
import { prettifyError } from 'zod';
import { mapRoots, recordEntries, readString, recordMap } from '../doc-schema.ts';
import type { MapRoots } from '../doc-schema.ts';
import { MapOperationError } from '../errors.ts';
import { LOCAL_USER_ORIGIN } from '../origins.ts';
import type { MapOrigin } from '../origins.ts';
import type { Ordered } from '../ordering.ts';
import { compareOrdered } from '../ordering.ts';
import { META_KEYS } from '../records/meta.ts';
import { SCHEMA_VERSION } from '../schema-version.ts';

/**
 * Runs `fn` as ONE Yjs transaction labelled with `origin` (default: a local user edit), after
 * stamping `meta.schemaVersion` on a never-initialised document.
 */
export function runOp<T>(doc: Y.Doc, origin: MapOrigin | undefined, fn: (roots: MapRoots) => T): T {
  return doc.transact(() => {
    const roots = mapRoots(doc);
    if (roots.meta.get(META_KEYS.schemaVersion) === undefined) {
      roots.meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
    }
    return fn(roots);
  }, origin ?? LOCAL_USER_ORIGIN);
}

/** Validates `value` with `schema`; throws MapOperationError('invalid-input') naming `what`. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new MapOperationError(
      'invalid-input',
      `Invalid ${what}:\n${prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/** The record map `id` in `parent`, or throws MapOperationError('not-found'). */
export function requireRecord(parent: Y.Map<unknown>, id: string, what: string): Y.Map<unknown> {
  const map = recordMap(parent, id);
  if (map === undefined)
    throw new MapOperationError('not-found', `${what} ${JSON.stringify(id)} does not exist`);
  return map;
}

/** (id, order) of every record of `parent` passing `filter`, in the total order. */
export function orderedEntries(
  parent: Y.Map<unknown>,
  orderKey: string,
  filter: (id: string, map: Y.Map<unknown>) => boolean = () => true,
): Ordered[] {
  return recordEntries(parent)
    .filter(([id, m]) => filter(id, m))
    .map(([id, m]) => ({ id, order: readString(m, orderKey) ?? '' }))
    .sort(compareOrdered);
}

/** Writes the new order keys a placement asked for on re-keyed siblings. */
export function applyRekeys(
  parent: Y.Map<unknown>,
  orderKey: string,
  rekeyed: ReadonlyMap<string, string>,
): void {
  for (const [id, key] of rekeyed) recordMap(parent, id)?.set(orderKey, key);
}
