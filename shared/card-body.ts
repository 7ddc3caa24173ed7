import * as Y from 'yjs';
import { z } from 'zod';
import { isJsonValue, JsonValueSchema } from './json-value.ts';
import type { JsonValue } from './json-value.ts';

/**
 * A card's rich text is a Y.XmlFragment in the shape Tiptap's Collaboration extension
 * (y-prosemirror) binds to: top-level block elements (`paragraph`, ...) holding Y.XmlText runs.
 */
export const PARAGRAPH = 'paragraph';

/** Inline element that Tiptap uses for a line break inside a paragraph. */
export const HARD_BREAK = 'hardBreak';

/** A text run with optional marks (bold, link...), as in a Y.XmlText delta. */
export interface BodyText {
  /** The characters. */
  readonly text: string;
  /** ProseMirror marks by name, e.g. `{ bold: {} }` or `{ link: { href: '...' } }`. */
  readonly marks?: Readonly<Record<string, JsonValue>>;
}

/** An element (paragraph, heading, list...) with attributes and children. */
export interface BodyElement {
  /** ProseMirror node name, e.g. `paragraph`, `heading`, `bulletList`, `hardBreak`. */
  readonly type: string;
  /** Node attributes, e.g. `{ level: 2 }` for a heading. */
  readonly attrs?: Readonly<Record<string, JsonValue>>;
  /** Child nodes. */
  readonly content?: readonly BodyNode[];
}

/** One node of a card body in JSON form: an element or a text run. */
export type BodyNode = BodyElement | BodyText;

/** Deepest nesting accepted in an imported body. */
export const BODY_MAX_DEPTH = 32;

/** Zod validator for a body node (structure only; depth is checked by `bodyDepth`). */
export const BodyNodeSchema: z.ZodType<BodyNode> = z.lazy(() =>
  z.union([
    z.strictObject({
      text: z.string().min(1),
      marks: z.record(z.string(), JsonValueSchema).optional(),
    }),
    z.strictObject({
      type: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
      attrs: z.record(z.string(), JsonValueSchema).optional(),
      content: z.array(BodyNodeSchema).optional(),
    }),
  ]),
);

/** Nesting depth of a body (1 for a list of text-only nodes). Iterative, so any depth is safe. */
export function bodyDepth(nodes: readonly BodyNode[]): number {
  let max = 0;
  const stack: Array<{ nodes: readonly BodyNode[]; depth: number }> = [{ nodes, depth: 1 }];
  for (let level = stack.pop(); level; level = stack.pop()) {
    for (const n of level.nodes) {
      if (level.depth > max) max = level.depth;
      if ('type' in n && n.content && n.content.length > 0) {
        stack.push({ nodes: n.content, depth: level.depth + 1 });
      }
    }
  }
  return max;
}

/** Plain text of one Y.XmlText: the string inserts of its delta. */
function xmlTextString(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as Array<{ insert: unknown }>) {
    if (typeof op.insert === 'string') out += op.insert;
  }
  return out;
}

/** A child of an XML element or fragment, as Yjs types it. */
type XmlChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** An element being read: its children, the next one to read and the texts read so far. */
interface TextFrame {
  readonly children: readonly XmlChild[];
  next: number;
  readonly parts: string[];
  /** '' when the element holds text runs (inline content), '\n' between blocks otherwise. */
  readonly separator: string;
}

/** The text of a node without children to visit (a run, a hard break, a hook), else null. */
function leafText(node: XmlChild): string | null {
  if (node instanceof Y.XmlText) return xmlTextString(node);
  if (!(node instanceof Y.XmlElement)) return '';
  return node.nodeName === HARD_BREAK ? '\n' : null;
}

function textFrame(element: Y.XmlElement): TextFrame {
  const children = element.toArray();
  const inline = children.some((c) => c instanceof Y.XmlText);
  return { children, next: 0, parts: [], separator: inline ? '' : '\n' };
}

/**
 * Plain text of a node: text blocks concatenate their runs, containers join blocks by '\n'.
 * Iterative (an explicit stack), so a body nested 20,000 levels deep by a hostile editor cannot
 * overflow the call stack of the server or of a browser.
 */
function nodeText(node: XmlChild): string {
  const leaf = leafText(node);
  if (leaf !== null) return leaf;
  const stack: TextFrame[] = [textFrame(node as Y.XmlElement)];
  let done = '';
  for (let top = stack.at(-1); top; top = stack.at(-1)) {
    const child = top.children[top.next++];
    if (child === undefined) {
      stack.pop();
      done = top.parts.join(top.separator);
      stack.at(-1)?.parts.push(done);
      continue;
    }
    const text = leafText(child);
    if (text !== null) top.parts.push(text);
    else stack.push(textFrame(child as Y.XmlElement));
  }
  return done;
}

/** Plain text of a card body: one line per top-level block, joined by '\n'. */
export function fragmentText(fragment: Y.XmlFragment): string {
  return fragment.toArray().map(nodeText).join('\n');
}

/** Plain text of each top-level block of a card body. */
export function fragmentParagraphs(fragment: Y.XmlFragment): string[] {
  return fragment.toArray().map(nodeText);
}

/** Splits text into paragraph strings ('' gives one empty paragraph). */
export function textToParagraphs(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** A paragraph element holding `text` (none when empty, as Tiptap stores an empty paragraph). */
function paragraphElement(text: string): Y.XmlElement {
  const p = new Y.XmlElement(PARAGRAPH);
  if (text.length > 0) {
    const t = new Y.XmlText();
    t.insert(0, text);
    p.insert(0, [t]);
  }
  return p;
}

/**
 * Replaces a fragment's content with plain paragraphs. The fragment object itself is kept, so
 * an open Tiptap editor bound to it stays bound. Sync: two replicas replacing concurrently both
 * delete the old paragraphs and both insertions survive (Yjs merges, nothing is lost).
 */
export function replaceWithParagraphs(
  fragment: Y.XmlFragment,
  paragraphs: readonly string[],
): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, paragraphs.map(paragraphElement));
}

/** True when the body is only plain paragraphs (no marks, attributes or other nodes). */
export function isPlainParagraphs(fragment: Y.XmlFragment): boolean {
  return fragment.toArray().every((node) => {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== PARAGRAPH) return false;
    if (Object.keys(node.getAttributes()).length > 0) return false;
    return node.toArray().every((child) => {
      if (!(child instanceof Y.XmlText)) return false;
      const delta = child.toDelta() as Array<{ insert: unknown; attributes?: unknown }>;
      return delta.every((op) => typeof op.insert === 'string' && op.attributes === undefined);
    });
  });
}

function jsonRecord(value: Record<string, unknown>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) if (isJsonValue(v)) out[k] = v;
  return out;
}

/** The JSON runs of a Y.XmlText, one per delta insert with its marks. */
function textRuns(node: Y.XmlText): BodyText[] {
  const out: BodyText[] = [];
  for (const op of node.toDelta() as Array<{ insert: unknown; attributes?: unknown }>) {
    if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
    const attrs =
      typeof op.attributes === 'object' && op.attributes !== null
        ? jsonRecord(op.attributes as Record<string, unknown>)
        : {};
    out.push(
      Object.keys(attrs).length > 0 ? { text: op.insert, marks: attrs } : { text: op.insert },
    );
  }
  return out;
}

/** An element being converted: the JSON element, its children and the next one to visit. */
interface JsonFrame {
  readonly element: { type: string; attrs?: Record<string, JsonValue>; content?: BodyNode[] };
  readonly children: readonly XmlChild[];
  next: number;
}

function jsonFrame(node: Y.XmlElement): JsonFrame {
  const attrs = jsonRecord(node.getAttributes() as Record<string, unknown>);
  const element: JsonFrame['element'] = { type: node.nodeName };
  if (Object.keys(attrs).length > 0) element.attrs = attrs;
  return { element, children: node.toArray(), next: 0 };
}

/** Appends JSON nodes to an element's content, creating it on the first one (no empty arrays). */
function appendContent(element: JsonFrame['element'], nodes: readonly BodyNode[]): void {
  if (nodes.length === 0) return;
  const content = (element.content ??= []);
  for (const n of nodes) content.push(n);
}

/** A node as JSON (an element, or the runs of a text). Iterative, so any depth is safe. */
function nodeToJson(node: XmlChild): BodyNode[] {
  if (node instanceof Y.XmlText) return textRuns(node);
  if (!(node instanceof Y.XmlElement)) return [];
  const root = jsonFrame(node);
  const stack: JsonFrame[] = [root];
  for (let top = stack.at(-1); top; top = stack.at(-1)) {
    const child = top.children[top.next++];
    if (child === undefined) {
      stack.pop();
      const parent = stack.at(-1);
      if (parent) appendContent(parent.element, [top.element]);
    } else if (child instanceof Y.XmlText) {
      appendContent(top.element, textRuns(child));
    } else if (child instanceof Y.XmlElement) {
      stack.push(jsonFrame(child));
    }
  }
  return [root.element];
}

/** The rich body as JSON nodes (elements, attributes, text runs with marks). */
export function fragmentToJson(fragment: Y.XmlFragment): BodyNode[] {
  return fragment.toArray().flatMap(nodeToJson);
}

/** Builds Yjs children for JSON nodes; consecutive text runs share one Y.XmlText. */
function jsonToYNodes(nodes: readonly BodyNode[]): Array<Y.XmlElement | Y.XmlText> {
  const out: Array<Y.XmlElement | Y.XmlText> = [];
  let runs: BodyText[] = [];
  const flush = (): void => {
    if (runs.length === 0) return;
    const t = new Y.XmlText();
    t.applyDelta(
      runs.map((r) => (r.marks ? { insert: r.text, attributes: r.marks } : { insert: r.text })),
    );
    out.push(t);
    runs = [];
  };
  for (const node of nodes) {
    if ('text' in node) {
      runs.push(node);
      continue;
    }
    flush();
    const el = new Y.XmlElement(node.type);
    // Yjs types attributes as strings by default, but stores any JSON value (ProseMirror attrs
    // such as `level: 2` are numbers); view the element with that wider attribute type.
    const attrs = el as unknown as Y.XmlElement<Record<string, JsonValue>>;
    for (const [k, v] of Object.entries(node.attrs ?? {})) attrs.setAttribute(k, v);
    const children = jsonToYNodes(node.content ?? []);
    if (children.length > 0) el.insert(0, children);
    out.push(el);
  }
  flush();
  return out;
}

/** Replaces a fragment's content with the given JSON nodes. */
export function replaceWithJson(fragment: Y.XmlFragment, nodes: readonly BodyNode[]): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, jsonToYNodes(nodes));
}
