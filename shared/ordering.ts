import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { z } from 'zod';

/**
 * A fractional-index key (from `fractional-indexing`). Sync: a move writes only the moved
 * item's key, so concurrent moves of different items never conflict, and concurrent moves of
 * the same item resolve last-writer-wins on that one key: nothing is duplicated or lost.
 */
export type OrderKey = string;

/** Anything placed in a total order: by `order`, ties broken by `id`. */
export interface Ordered {
  /** Fractional-index key; two replicas may pick the same key concurrently, hence the id tie-break. */
  readonly order: string;
  /** Unique id; breaks ties so the order is total and identical on every replica. */
  readonly id: string;
}

/**
 * The one comparison used everywhere: by order key, then by id, both by UTF-16 code units
 * (never locale-aware: it must give the same answer on every machine).
 */
export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** A sorted copy of `items` in the total order. */
export function sortOrdered<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(compareOrdered);
}

/** Where to put an item and which siblings must get new keys to make room. */
export interface Placement {
  /** The key for the inserted or moved item. */
  readonly key: OrderKey;
  /** New keys for siblings, only when their keys tie or are malformed (rare). */
  readonly rekeyed: ReadonlyMap<string, OrderKey>;
}

function tryBetween(a: string | null, b: string | null): string | null {
  try {
    return generateKeyBetween(a, b);
  } catch {
    return null;
  }
}

function tryN(a: string | null, b: string | null, n: number): string[] | null {
  try {
    return generateNKeysBetween(a, b, n);
  } catch {
    return null;
  }
}

/**
 * Computes the key that puts a new or moved item at position `index` among `siblings` (sorted,
 * NOT containing the item). Usually one new key; when the neighbours' keys tie (two replicas
 * inserted at the same spot concurrently) the tied run is re-keyed; when a neighbour's key is
 * malformed (written by a foreign client) the whole sibling list is re-keyed.
 */
export function placeAt(siblings: readonly Ordered[], index: number): Placement {
  const i = Math.max(0, Math.min(Math.trunc(index), siblings.length));
  const lower = siblings[i - 1]?.order ?? null;
  const upper = siblings[i]?.order ?? null;
  if (lower === null || upper === null || lower < upper) {
    const key = tryBetween(lower, upper);
    if (key !== null) return { key, rekeyed: new Map() };
  } else {
    // lower === upper: re-key the run of equal keys around the insertion point.
    let start = i - 1;
    while (start > 0 && siblings[start - 1]?.order === lower) start--;
    let end = i; // exclusive
    while (end < siblings.length && siblings[end]?.order === lower) end++;
    const keys = tryN(
      siblings[start - 1]?.order ?? null,
      siblings[end]?.order ?? null,
      end - start + 1,
    );
    if (keys !== null) return assign(siblings.slice(start, end), i - start, keys);
  }
  const keys = generateNKeysBetween(null, null, siblings.length + 1);
  return assign(siblings, i, keys);
}

function assign(run: readonly Ordered[], at: number, keys: readonly string[]): Placement {
  const rekeyed = new Map<string, OrderKey>();
  let k = 0;
  let key = '';
  for (let j = 0; j <= run.length; j++) {
    if (j === at) key = keys[k++] ?? '';
    const item = run[j];
    if (item !== undefined) rekeyed.set(item.id, keys[k++] ?? '');
  }
  return { key, rekeyed };
}

/** `n` increasing keys for a fresh list (templates, imports without keys). */
export function initialKeys(n: number): OrderKey[] {
  return generateNKeysBetween(null, null, n);
}

/** True when `key` is a well-formed fractional-index key (the library accepts it). */
export function isValidOrderKey(key: string): boolean {
  return key.length > 0 && key.length <= 1000 && tryBetween(key, null) !== null;
}

/** Zod validator for an order key. */
export const OrderKeySchema = z
  .string()
  .refine(isValidOrderKey, 'must be a fractional-index key such as "a0"');
