import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deepestInsertedType } from './updateDepth.ts';

/** The update a change on `replica` produces, and the replica to keep building on. */
function change(base: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(replica);
  // One transaction, as an editor sends it (and Yjs bubbles events per transaction and level).
  replica.transact(() => edit(replica));
  return Y.encodeStateAsUpdate(replica, before);
}

function verdict(doc: Y.Doc, update: Uint8Array) {
  return deepestInsertedType(Y.decodeUpdate(update).structs, doc);
}

/** The card body fragment of a map-shaped doc: cards > card > body (depth 2). */
function body(doc: Y.Doc): Y.XmlFragment {
  const card = doc.getMap('cards').get('c1');
  if (!(card instanceof Y.Map)) throw new Error('no card');
  const fragment: unknown = card.get('body');
  if (!(fragment instanceof Y.XmlFragment)) throw new Error('no body');
  return fragment;
}

function mapWithCard(): Y.Doc {
  const doc = new Y.Doc();
  const card = new Y.Map<unknown>();
  doc.getMap('cards').set('c1', card);
  card.set('body', new Y.XmlFragment());
  return doc;
}

/** Nests `levels` elements under `parent`, returning the innermost. */
function nest(parent: Y.XmlFragment | Y.XmlElement, levels: number): Y.XmlFragment | Y.XmlElement {
  let current = parent;
  for (let i = 0; i < levels; i++) {
    const child = new Y.XmlElement('blockquote');
    current.insert(0, [child]);
    current = child;
  }
  return current;
}

describe('depth of the types an update inserts', () => {
  it('measures a new card with a Tiptap paragraph from the root: map 1, body 2, paragraph 3, text 4', () => {
    const doc = new Y.Doc();
    const update = change(doc, (replica) => {
      const card = new Y.Map<unknown>();
      replica.getMap('cards').set('c1', card);
      const fragment = new Y.XmlFragment();
      card.set('body', fragment);
      const paragraph = new Y.XmlElement('paragraph');
      fragment.insert(0, [paragraph]);
      paragraph.insert(0, [new Y.XmlText('hello')]);
    });
    expect(verdict(doc, update)).toEqual({ kind: 'depth', depth: 4 });
  });

  it('reports -1 for an update that inserts no type (typing, deleting)', () => {
    const doc = mapWithCard();
    const typing = change(doc, (replica) => body(replica).insert(0, [new Y.XmlText('x')]));
    Y.applyUpdate(doc, typing);
    const more = change(doc, (replica) => {
      const text = body(replica).get(0);
      if (text instanceof Y.XmlText) text.insert(1, 'yz');
    });
    expect(verdict(doc, more)).toEqual({ kind: 'depth', depth: -1 });
  });

  it('adds the depth of the parent already in the document to what the update nests', () => {
    const doc = mapWithCard();
    Y.applyUpdate(
      doc,
      change(doc, (replica) => nest(body(replica), 60)),
    );
    const deeper = change(doc, (replica) => {
      let innermost: Y.XmlFragment | Y.XmlElement = body(replica);
      for (let child = innermost.get(0); child instanceof Y.XmlElement; child = child.get(0)) {
        innermost = child;
      }
      nest(innermost, 10);
    });
    expect(verdict(doc, deeper)).toEqual({ kind: 'depth', depth: 72 });
  });

  it('follows left neighbours: a paragraph added after another sits at the same depth', () => {
    const doc = mapWithCard();
    Y.applyUpdate(
      doc,
      change(doc, (replica) => nest(body(replica), 5)),
    );
    const sibling = change(doc, (replica) => {
      const first = body(replica).get(0);
      if (!(first instanceof Y.XmlElement)) throw new Error('no element');
      // Appended after the existing child: Yjs encodes it with an origin, not a parent.
      first.insert(first.length, [new Y.XmlElement('paragraph')]);
    });
    expect(verdict(doc, sibling)).toEqual({ kind: 'depth', depth: 4 });
  });

  it('measures a 20,000-level nesting sent in one update without overflowing the stack', () => {
    const doc = mapWithCard();
    const hostile = change(doc, (replica) => nest(body(replica), 20_000));
    expect(verdict(doc, hostile)).toEqual({ kind: 'depth', depth: 20_002 });
  });

  it('refuses to guess the depth of types whose ancestors the document does not hold', () => {
    // Shallow pieces sent in reverse order would each look harmless; Yjs would keep them pending
    // and assemble any depth once the first piece arrives.
    const doc = mapWithCard();
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(doc));
    const firstVector = Y.encodeStateVector(attacker);
    const top = attacker.transact(() => nest(body(attacker), 10));
    const first = Y.encodeStateAsUpdate(attacker, firstVector);
    const secondVector = Y.encodeStateVector(attacker);
    attacker.transact(() => nest(top, 10));
    const second = Y.encodeStateAsUpdate(attacker, secondVector);
    expect(verdict(doc, second)).toEqual({ kind: 'unresolved' });
    expect(verdict(doc, first)).toEqual({ kind: 'depth', depth: 12 });
    Y.applyUpdate(doc, first);
    expect(verdict(doc, second)).toEqual({ kind: 'depth', depth: 22 });
  });

  it('ignores types that Yjs will garbage-collect because their parent was collected', () => {
    const doc = mapWithCard();
    Y.applyUpdate(
      doc,
      change(doc, (replica) => nest(body(replica), 3)),
    );
    const stale = new Y.Doc();
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(doc));
    // Someone deletes the body's content; the server collects the deleted types.
    Y.applyUpdate(
      doc,
      change(doc, (replica) => body(replica).delete(0, 1)),
    );
    const before = Y.encodeStateVector(stale);
    const inner = body(stale).get(0);
    if (!(inner instanceof Y.XmlElement)) throw new Error('no element');
    stale.transact(() => nest(inner, 200));
    const late = Y.encodeStateAsUpdate(stale, before);
    expect(verdict(doc, late)).toEqual({ kind: 'depth', depth: -1 });
  });
});
