import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareOrdered, initialKeys, isValidOrderKey, placeAt, sortOrdered } from './ordering.ts';
import type { Ordered } from './ordering.ts';

function insert(siblings: readonly Ordered[], index: number, id: string): Ordered[] {
  const { key, rekeyed } = placeAt(siblings, index);
  const next = siblings.map((s) => ({ id: s.id, order: rekeyed.get(s.id) ?? s.order }));
  return sortOrdered([...next, { id, order: key }]);
}

describe('ordering', () => {
  it('breaks ties between equal keys by id, the same way on every machine', () => {
    const items = [
      { id: 'b', order: 'a1' },
      { id: 'a', order: 'a1' },
      { id: 'c', order: 'a0' },
    ];
    expect(sortOrdered(items).map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(compareOrdered({ id: 'Z', order: 'a0' }, { id: 'a', order: 'a0' })).toBe(-1);
  });

  it('puts a new item exactly at the requested index', () => {
    fc.assert(
      fc.property(fc.nat({ max: 8 }), fc.nat({ max: 10 }), (n, index) => {
        const keys = initialKeys(n);
        const siblings = keys.map((order, i) => ({ id: `s${i}`, order }));
        const result = insert(siblings, index, 'new');
        expect(result.findIndex((i) => i.id === 'new')).toBe(Math.min(index, n));
      }),
    );
  });

  it('re-keys a run of tied keys (two replicas appended concurrently) to insert between them', () => {
    const tied = sortOrdered([
      { id: 'x', order: 'a0' },
      { id: 'p', order: 'a1' },
      { id: 'q', order: 'a1' },
      { id: 'r', order: 'a1' },
      { id: 'y', order: 'a2' },
    ]);
    const { rekeyed } = placeAt(tied, 2);
    expect([...rekeyed.keys()].sort()).toEqual(['p', 'q', 'r']);
    const result = insert(tied, 2, 'new');
    expect(result.map((i) => i.id)).toEqual(['x', 'p', 'new', 'q', 'r', 'y']);
    expect(new Set(result.map((i) => i.order)).size).toBe(result.length);
  });

  it('recovers from malformed keys written by a foreign client by re-keying the list', () => {
    const bad = sortOrdered([
      { id: 'a', order: '' },
      { id: 'b', order: '!!' },
    ]);
    const result = insert(bad, 1, 'new');
    expect(result.map((i) => i.id)).toEqual(['a', 'new', 'b']);
    expect(result.every((i) => isValidOrderKey(i.order))).toBe(true);
  });
});
