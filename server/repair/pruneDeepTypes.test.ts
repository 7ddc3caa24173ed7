import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deepNestingUpdates } from '../test/deepNesting.ts';
import { pruneDeepTypes } from './pruneDeepTypes.ts';
import { typeItemDepths } from './typeDepths.ts';

const LIMIT = 64;
const LEVELS = 20_000;

/** A map-shaped document: card c0 with a title, card c1 with a one-paragraph body. */
function mapState(): Uint8Array {
  const doc = new Y.Doc();
  const cards = doc.getMap<unknown>('cards');
  const other = new Y.Map<unknown>();
  cards.set('c0', other);
  other.set('text', 'the other card');
  const card = new Y.Map<unknown>();
  cards.set('c1', card);
  const body = new Y.XmlFragment();
  card.set('body', body);
  const paragraph = new Y.XmlElement('paragraph');
  body.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText('shallow text')]);
  return Y.encodeStateAsUpdate(doc);
}

function card(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = doc.getMap<unknown>('cards').get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no card ${id}`);
  return map as Y.Map<unknown>;
}

function body(doc: Y.Doc): Y.XmlFragment {
  const fragment = card(doc, 'c1').get('body');
  if (!(fragment instanceof Y.XmlFragment)) throw new Error('no body');
  return fragment;
}

/** Loads updates into a document with gc on, as the server does. */
function loadWithGc(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/** Depth of the deepest shared type still alive in doc. */
function deepestLive(doc: Y.Doc): number {
  let deepest = -1;
  for (const [item, depth] of typeItemDepths(doc)) {
    if (!item.deleted && depth > deepest) deepest = depth;
  }
  return deepest;
}

describe('pruning shared types nested deeper than the limit', () => {
  it('cuts a 20,000-deep card body at the limit, keeps the shallow text and the other card, and the result loads and deletes with gc on', () => {
    const base = mapState();
    const { nest } = deepNestingUpdates([base], body, LEVELS);
    // Before: the body cannot be deleted with gc on (Yjs recurses once per level).
    expect(() => card(loadWithGc(base, nest), 'c1').delete('body')).toThrow(RangeError);

    const result = pruneDeepTypes({ snapshot: base, tail: [nest] }, LIMIT);

    // cards 0, card 1, body 2, blockquotes 3..20,002.
    expect(result.deepestDepth).toBe(LEVELS + 2);
    expect(result.removedTypes).toBe(LEVELS + 2 - LIMIT);
    if (!result.state) throw new Error('nothing was repaired');
    const repaired = loadWithGc(result.state);
    expect(deepestLive(repaired)).toBe(LIMIT);
    expect(card(repaired, 'c0').get('text')).toBe('the other card');
    expect(body(repaired).get(0).toString()).toBe('<paragraph>shallow text</paragraph>');
    expect(() => card(repaired, 'c1').delete('body')).not.toThrow();
    expect(body(loadWithGc(result.state)).length).toBe(2);
  });

  it('repairs a stored state that deletes the deep subtree, which no longer loads with gc on', () => {
    const base = mapState();
    const { nest, remove } = deepNestingUpdates([base], body, LEVELS);
    expect(() => loadWithGc(base, nest, remove)).toThrow();

    const result = pruneDeepTypes({ snapshot: base, tail: [nest, remove] }, LIMIT);

    expect(result.removedTypes).toBe(LEVELS + 2 - LIMIT);
    if (!result.state) throw new Error('nothing was repaired');
    const repaired = loadWithGc(result.state);
    expect(body(repaired).toString()).toBe('<paragraph>shallow text</paragraph>');
    expect(card(repaired, 'c0').get('text')).toBe('the other card');
    expect(deepestLive(repaired)).toBe(4); // the paragraph's text
  });

  it('keeps the deep subtree out when a replica still holding the old state syncs it again', () => {
    const base = mapState();
    const { nest } = deepNestingUpdates([base], body, LEVELS);
    const result = pruneDeepTypes({ snapshot: base, tail: [nest] }, LIMIT);
    if (!result.state) throw new Error('nothing was repaired');
    const repaired = loadWithGc(result.state);

    // The old browser's local copy: everything it holds, sent back in one sync.
    const stale = loadWithGc(base, nest);
    Y.applyUpdate(repaired, Y.encodeStateAsUpdate(stale, Y.encodeStateVector(repaired)));
    Y.applyUpdate(repaired, Y.encodeStateAsUpdate(stale));

    expect(deepestLive(repaired)).toBe(LIMIT);
    expect(() => card(repaired, 'c1').delete('body')).not.toThrow();
  });

  it('finds nothing to do in a map without deep nesting', () => {
    const base = mapState();
    const result = pruneDeepTypes({ snapshot: base, tail: [] }, LIMIT);
    expect(result).toEqual({ deepestDepth: 4, removedTypes: 0, state: null });
  });
});
