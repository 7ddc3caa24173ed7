// Test support (not exported from index.ts): random edits INSIDE card bodies, written through the
// Yjs XML API the way Tiptap's Collaboration binding (y-prosemirror's `updateYFragment`) writes
// them: typing and deleting change one Y.XmlText in place, marks are Y.XmlText formats, and a
// structural change (split, join, wrap) edits what it keeps and re-creates what it moves.
import fc from 'fast-check';
import * as Y from 'yjs';
import { HARD_BREAK, PARAGRAPH } from '../card-body.ts';
import type { JsonValue } from '../json-value.ts';
import { cardBody } from '../operations/cards.ts';
import { runOp } from '../operations/transact.ts';
import { readMap } from '../read-map.ts';

/** Tiptap's list node names (StarterKit's BulletList, OrderedList and ListItem). */
const LIST_ITEM = 'listItem';
const LIST_TYPES = ['bulletList', 'orderedList'] as const;

/** Attributes Tiptap's Link mark stores next to `href` (its defaults, `title` unset). */
const LINK_DEFAULTS = { target: '_blank', rel: 'noopener noreferrer nofollow', class: null };

/**
 * Marks a format operation applies to a range, as y-prosemirror stores them on Y.XmlText runs:
 * mark name -> mark attributes, or `null` to remove that mark.
 */
export type BodyMarks = Readonly<Record<string, JsonValue>>;

/**
 * One random edit inside a card body. `card` picks a card (placed or unplaced) and `block` a
 * candidate paragraph, both by index modulo the count; `run` picks one Y.XmlText of the
 * paragraph and `offset` a position in it, modulo its size. Targets are chosen from what the
 * replica sees when the edit runs, as an editor would.
 */
export type BodyOp =
  | {
      readonly op: 'insertText';
      readonly card: number;
      readonly block: number;
      readonly run: number;
      readonly offset: number;
      readonly text: string;
    }
  | {
      readonly op: 'deleteText';
      readonly card: number;
      readonly block: number;
      readonly run: number;
      readonly offset: number;
      readonly length: number;
    }
  | {
      readonly op: 'formatText';
      readonly card: number;
      readonly block: number;
      readonly run: number;
      readonly offset: number;
      readonly length: number;
      readonly marks: BodyMarks;
    }
  | {
      readonly op: 'insertHardBreak';
      readonly card: number;
      readonly block: number;
      readonly run: number;
      readonly offset: number;
    }
  | {
      readonly op: 'splitParagraph';
      readonly card: number;
      readonly block: number;
      readonly run: number;
      readonly offset: number;
    }
  | { readonly op: 'joinParagraphs'; readonly card: number; readonly block: number }
  | {
      readonly op: 'wrapInList';
      readonly card: number;
      readonly block: number;
      readonly list: (typeof LIST_TYPES)[number];
    }
  | { readonly op: 'insertParagraph'; readonly card: number; readonly index: number };

const BODY_OP_NAMES: ReadonlySet<string> = new Set<BodyOp['op']>([
  'insertText',
  'deleteText',
  'formatText',
  'insertHardBreak',
  'splitParagraph',
  'joinParagraphs',
  'wrapInList',
  'insertParagraph',
]);

/** True when a random operation is a body edit (the other kinds are whole-map operations). */
export function isBodyOp(op: { readonly op: string }): op is BodyOp {
  return BODY_OP_NAMES.has(op.op);
}

const card = fc.nat({ max: 3 });
const block = fc.nat({ max: 5 });
const run = fc.nat({ max: 2 });
const offset = fc.nat({ max: 12 });
const length = fc.integer({ min: 1, max: 4 });
const typed = fc.string({ unit: fc.constantFrom('a', 'b', 'ñ', ' '), minLength: 1, maxLength: 3 });

/** Bold, italic and https links on, and each of them off again. */
export const marksArb: fc.Arbitrary<BodyMarks> = fc.constantFrom<BodyMarks>(
  { bold: {} },
  { italic: {} },
  { bold: null },
  { italic: null },
  { link: { href: 'https://example.com/uno', ...LINK_DEFAULTS, title: null } },
  { link: { href: 'https://example.org/dos', ...LINK_DEFAULTS, title: null } },
  { link: null },
);

/** Random body edits, weighted towards typing (what editors mostly send). */
export const bodyOpArb: fc.Arbitrary<BodyOp> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('insertText' as const),
      card,
      block,
      run,
      offset,
      text: typed,
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('deleteText' as const),
      card,
      block,
      run,
      offset,
      length,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('formatText' as const),
      card,
      block,
      run,
      offset,
      length,
      marks: marksArb,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('insertHardBreak' as const),
      card,
      block,
      run,
      offset,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('splitParagraph' as const),
      card,
      block,
      run,
      offset,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ op: fc.constant('joinParagraphs' as const), card, block }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('wrapInList' as const),
      card,
      block,
      list: fc.constantFrom(...LIST_TYPES),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('insertParagraph' as const),
      card,
      index: fc.nat({ max: 4 }),
    }),
    weight: 1,
  },
);

type Inline = Y.XmlElement | Y.XmlText;

function at<T>(items: readonly T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}

/** Children of a body node; hooks never occur in bodies (see `bodyInvariantViolations`). */
function childrenOf(node: Y.XmlFragment): Inline[] {
  return node.toArray().map((child) => {
    if (child instanceof Y.XmlHook) throw new Error('card bodies hold no Y.XmlHook');
    return child;
  });
}

function isParagraph(node: unknown): node is Y.XmlElement {
  return node instanceof Y.XmlElement && node.nodeName === PARAGRAPH;
}

/** Every paragraph of a body, in document order (iterative: depth is user-controlled). */
function paragraphs(fragment: Y.XmlFragment): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  const stack: Y.XmlFragment[] = [...childrenOf(fragment)]
    .reverse()
    .filter((c) => c instanceof Y.XmlElement);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isParagraph(node)) out.push(node);
    else for (const c of childrenOf(node).reverse()) if (c instanceof Y.XmlElement) stack.push(c);
  }
  return out;
}

/** The parent of a body node and the node's index in it. */
function position(node: Inline): { parent: Y.XmlFragment; index: number } {
  const parent = node.parent;
  if (!(parent instanceof Y.XmlFragment)) throw new Error('body node is not in a body');
  return { parent, index: parent.toArray().indexOf(node) };
}

/** A new Y.XmlText holding the characters of `text` from `from` on, with their marks. */
function textFrom(text: Y.XmlText, from: number): Y.XmlText {
  const out = new Y.XmlText();
  const tail: Array<{ insert: unknown; attributes?: unknown }> = [];
  let pos = 0;
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: unknown }>) {
    const size = typeof op.insert === 'string' ? op.insert.length : 1;
    const skip = Math.max(0, from - pos);
    pos += size;
    if (skip >= size) continue;
    const insert = typeof op.insert === 'string' ? op.insert.slice(skip) : op.insert;
    tail.push(op.attributes === undefined ? { insert } : { insert, attributes: op.attributes });
  }
  out.applyDelta(tail);
  return out;
}

/**
 * Cuts `text` at `offset`: deletes the characters after it and returns them as a new run
 * (undefined when there are none), as y-prosemirror does when Enter or Shift+Enter splits a run.
 */
function cutTail(text: Y.XmlText, offset: number): Y.XmlText | undefined {
  if (offset >= text.length) return undefined;
  const tail = textFrom(text, offset);
  text.delete(offset, text.length - offset);
  return tail;
}

/** Inserts `node` right after `ref` in ref's parent. */
function insertAfter(ref: Inline, node: Inline): void {
  const { parent, index } = position(ref);
  parent.insert(index + 1, [node]);
}

/**
 * Enter inside a paragraph: the paragraph keeps what is before the cut; a new paragraph after
 * it gets the rest. Inside a list item the item splits too (Tiptap's `splitListItem`), taking
 * the blocks that followed the paragraph in that item.
 */
function splitParagraph(p: Y.XmlElement, runPick: number, offset: number): void {
  const children = childrenOf(p);
  const cutRun = at(
    children.filter((c) => c instanceof Y.XmlText),
    runPick,
  );
  let movedFrom = children.length;
  const moved: Inline[] = [];
  if (cutRun !== undefined) {
    movedFrom = children.indexOf(cutRun) + 1;
    const tail = cutTail(cutRun, offset % (cutRun.length + 1));
    if (tail) moved.push(tail);
  }
  moved.push(...children.slice(movedFrom).map((c) => c.clone()));
  if (movedFrom < children.length) p.delete(movedFrom, children.length - movedFrom);
  const fresh = new Y.XmlElement(PARAGRAPH);
  if (moved.length > 0) fresh.insert(0, moved);

  const item = p.parent;
  if (item instanceof Y.XmlElement && item.nodeName === LIST_ITEM) {
    const { index } = position(p);
    const rest = childrenOf(item).slice(index + 1);
    const freshItem = new Y.XmlElement(LIST_ITEM);
    freshItem.insert(0, [fresh, ...rest.map((c) => c.clone())]);
    if (rest.length > 0) item.delete(index + 1, rest.length);
    insertAfter(item, freshItem);
  } else {
    insertAfter(p, fresh);
  }
}

/**
 * Backspace at the start of the paragraph after `p`: `p` gets its content (the two touching
 * runs merge into one, as ProseMirror joins adjacent text) and the second paragraph goes.
 */
function joinParagraphs(p: Y.XmlElement, next: Y.XmlElement): void {
  const own = childrenOf(p);
  const incoming = childrenOf(next);
  const last = own[own.length - 1];
  const first = incoming[0];
  let rest = incoming;
  if (last instanceof Y.XmlText && first instanceof Y.XmlText) {
    last.applyDelta([{ retain: last.length }, ...(first.toDelta() as unknown[])]);
    rest = incoming.slice(1);
  }
  if (rest.length > 0)
    p.insert(
      p.length,
      rest.map((c) => c.clone()),
    );
  const { parent, index } = position(next);
  parent.delete(index, 1);
}

/** Toggling a list on a top-level paragraph: it is re-created inside list > listItem. */
function wrapInList(p: Y.XmlElement, listType: string): void {
  const { parent, index } = position(p);
  const item = new Y.XmlElement(LIST_ITEM);
  item.insert(0, [p.clone()]);
  const list = new Y.XmlElement(listType);
  list.insert(0, [item]);
  parent.delete(index, 1);
  parent.insert(index, [list]);
}

function textOp(
  p: Y.XmlElement,
  op: Extract<BodyOp, { op: 'insertText' | 'deleteText' | 'formatText' | 'insertHardBreak' }>,
): void {
  const t = at(
    childrenOf(p).filter((c) => c instanceof Y.XmlText),
    op.run,
  );
  if (t === undefined) {
    // An empty paragraph (or one holding only hard breaks): typing adds a run at its end.
    if (op.op === 'insertText') p.insert(p.length, [new Y.XmlText(op.text)]);
    if (op.op === 'insertHardBreak') p.insert(p.length, [new Y.XmlElement(HARD_BREAK)]);
    return;
  }
  const size = t.length;
  switch (op.op) {
    case 'insertText':
      t.insert(op.offset % (size + 1), op.text);
      return;
    case 'insertHardBreak': {
      const tail = cutTail(t, op.offset % (size + 1));
      const { parent, index } = position(t);
      parent.insert(
        index + 1,
        tail ? [new Y.XmlElement(HARD_BREAK), tail] : [new Y.XmlElement(HARD_BREAK)],
      );
      return;
    }
    case 'deleteText':
    case 'formatText': {
      if (size === 0) return;
      const from = op.offset % size;
      const count = Math.min(op.length, size - from);
      if (op.op === 'deleteText') t.delete(from, count);
      else t.format(from, count, op.marks);
      return;
    }
  }
}

/**
 * Applies one body edit to `doc` as ONE transaction with the local user origin, choosing its
 * target from what this replica sees now. An edit with nothing to act on (no card, no
 * paragraph to join) does nothing.
 */
export function applyBodyOp(doc: Y.Doc, op: BodyOp): void {
  const view = readMap(doc);
  const target = at([...view.cards, ...view.unplaced], op.card);
  const body = target ? cardBody(doc, target.id) : undefined;
  if (body === undefined) return;
  runOp(doc, undefined, () => {
    switch (op.op) {
      case 'insertParagraph':
        body.insert(op.index % (body.length + 1), [new Y.XmlElement(PARAGRAPH)]);
        return;
      case 'joinParagraphs': {
        const p = at(
          paragraphs(body).filter((c) => isParagraph(c.nextSibling)),
          op.block,
        );
        const next = p?.nextSibling;
        if (p && isParagraph(next)) joinParagraphs(p, next);
        return;
      }
      case 'wrapInList': {
        const p = at(
          paragraphs(body).filter((c) => c.parent === body),
          op.block,
        );
        if (p) wrapInList(p, op.list);
        return;
      }
      case 'splitParagraph': {
        const p = at(paragraphs(body), op.block);
        if (p) splitParagraph(p, op.run, op.offset);
        return;
      }
      default: {
        const p = at(paragraphs(body), op.block);
        if (p) textOp(p, op);
      }
    }
  });
}
