// Tiptap fragment shapes beyond plain paragraphs (card-body.ts): bullet lists, and a plain-text
// reading of any fragment that never recurses, so a deeply nested fragment written by a foreign
// client cannot overflow the stack of every reader. Used by the persona's rich fields.
import * as Y from 'yjs';
import { HARD_BREAK, PARAGRAPH, replaceWithJson, textToParagraphs } from './card-body.ts';
import type { BodyElement, BodyNode } from './card-body.ts';

/** Tiptap's bullet list node: content `listItem+`. */
export const BULLET_LIST = 'bulletList';

/** Tiptap's list item node: content `paragraph block*`. */
export const LIST_ITEM = 'listItem';

type XmlChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** Plain text of one Y.XmlText: the string inserts of its delta (marks dropped). */
function xmlTextString(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as Array<{ insert: unknown }>) {
    if (typeof op.insert === 'string') out += op.insert;
  }
  return out;
}

/** True for the inline nodes a text block may hold: text runs and hard breaks. */
function isInline(node: XmlChild): boolean {
  return (
    node instanceof Y.XmlText || (node instanceof Y.XmlElement && node.nodeName === HARD_BREAK)
  );
}

/**
 * The plain text of every text block of a fragment, in document order. A text block is an
 * element whose children are all inline (text runs, hard breaks; none for an empty paragraph):
 * a paragraph, heading or code block, at any depth (list items, quotes). A hard break reads as
 * '\n'; marks are dropped. Iterative (an explicit stack), so any nesting depth is safe.
 */
export function fragmentTextBlocks(fragment: Y.XmlFragment): string[] {
  const out: string[] = [];
  // Nodes still to visit, the next one last: pushing children in reverse keeps document order.
  const stack: XmlChild[] = fragment.toArray().reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node instanceof Y.XmlText) {
      // A text run outside any block (not Tiptap's shape): read it as a block of its own.
      out.push(xmlTextString(node));
      continue;
    }
    if (!(node instanceof Y.XmlElement) || node.nodeName === HARD_BREAK) continue;
    const children = node.toArray();
    if (children.every(isInline)) {
      out.push(children.map((c) => (c instanceof Y.XmlText ? xmlTextString(c) : '\n')).join(''));
    } else {
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return out;
}

/** A paragraph node holding `text`, each line break as a Tiptap `hardBreak`. */
export function paragraphNode(text: string): BodyElement {
  const content: BodyNode[] = [];
  textToParagraphs(text).forEach((line, i) => {
    if (i > 0) content.push({ type: HARD_BREAK });
    if (line.length > 0) content.push({ text: line });
  });
  return content.length > 0 ? { type: PARAGRAPH, content } : { type: PARAGRAPH };
}

/**
 * A bullet list with one item per string, each item one paragraph (line breaks inside an item
 * become hard breaks). No items gives one empty paragraph instead: Tiptap's document needs at
 * least one block, and an empty `bulletList` is invalid (`listItem+`), which the editor binding
 * would delete from the shared document.
 */
export function bulletListNodes(items: readonly string[]): BodyNode[] {
  if (items.length === 0) return [{ type: PARAGRAPH }];
  return [
    {
      type: BULLET_LIST,
      content: items.map((item) => ({ type: LIST_ITEM, content: [paragraphNode(item)] })),
    },
  ];
}

/**
 * Replaces a fragment's content with a bullet list of `items` (see `bulletListNodes`). The
 * fragment object is kept, so an open editor stays bound. Sync: like `replaceWithParagraphs`,
 * two replicas replacing concurrently both keep their lists (Yjs merges, nothing is lost).
 */
export function replaceWithBulletList(fragment: Y.XmlFragment, items: readonly string[]): void {
  replaceWithJson(fragment, bulletListNodes(items));
}
