import { describe, expect, it } from 'vitest';
import { groupJourneys, type GroupableMap, type JourneyNode } from './journeyGroups.ts';

function ids(nodes: readonly JourneyNode<GroupableMap>[]): unknown[] {
  return nodes.map((n) => (n.copies.length ? [n.map.id, ids(n.copies)] : n.map.id));
}

const map = (id: string, sourceMapId: string | null = null) => ({ id, sourceMapId });

describe('groupJourneys', () => {
  it('puts each TO-BE under its AS-IS, keeping the list order at each level', () => {
    const list = [map('tobe2', 'asis'), map('other'), map('asis'), map('tobe1', 'asis')];
    const tree = groupJourneys(list);
    expect(ids(tree)).toEqual(['other', ['asis', ['tobe2', 'tobe1']]]);
    expect(tree[1]?.copies[0]?.source?.id).toBe('asis');
    expect(tree[0]?.source).toBeNull();
  });

  it('keeps a copy whose source is gone or not mine at the top, and nests copies of copies', () => {
    const tree = groupJourneys([map('orphan', 'deleted'), map('a'), map('b', 'a'), map('c', 'b')]);
    expect(ids(tree)).toEqual(['orphan', ['a', [['b', ['c']]]]]);
  });

  it('loses no map, even with a cycle or a self-link', () => {
    const list = [map('x', 'y'), map('y', 'x'), map('self', 'self')];
    const tree = groupJourneys(list);
    const all: string[] = [];
    const walk = (nodes: readonly JourneyNode<GroupableMap>[]) => {
      for (const n of nodes) {
        all.push(n.map.id);
        walk(n.copies);
      }
    };
    walk(tree);
    expect(all.sort()).toEqual(['self', 'x', 'y']);
  });
});
