import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BODY_MAX_DEPTH,
  bodyDepth,
  fragmentParagraphs,
  fragmentText,
  fragmentToJson,
  replaceWithJson,
  type BodyNode,
} from './card-body.ts';

/** Far deeper than any call stack allows for a recursive walk (as a hostile editor can send). */
const HOSTILE_DEPTH = 20_000;

/** A card body holding `depth` nested `blockquote`s around one paragraph with `text`. */
function deepBody(depth: number, text: string): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('body');
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragment;
    for (let i = 0; i < depth; i++) {
      const child = new Y.XmlElement('blockquote');
      parent.insert(0, [child]);
      parent = child;
    }
    const paragraph = new Y.XmlElement('paragraph');
    parent.insert(0, [paragraph]);
    const run = new Y.XmlText();
    paragraph.insert(0, [run]);
    run.insert(0, text);
  });
  return fragment;
}

/** The same shape as JSON: `depth` nested blockquotes around one paragraph. */
function deepJson(depth: number): BodyNode[] {
  let node: BodyNode = { type: 'paragraph', content: [{ text: 'bottom' }] };
  for (let i = 0; i < depth; i++) node = { type: 'blockquote', content: [node] };
  return [node];
}

describe('card body text extraction', () => {
  it('reads the text of a body nested 20,000 levels deep without overflowing the stack', () => {
    const fragment = deepBody(HOSTILE_DEPTH, 'still here');
    expect(fragmentText(fragment)).toBe('still here');
    expect(fragmentParagraphs(fragment)).toEqual(['still here']);
  });

  it('converts a body nested 20,000 levels deep to JSON without overflowing the stack', () => {
    const json = fragmentToJson(deepBody(HOSTILE_DEPTH, 'x'));
    expect(bodyDepth(json)).toBe(HOSTILE_DEPTH + 2);
  });

  it('measures the depth of a 20,000-level JSON body, so imports can refuse it', () => {
    expect(bodyDepth(deepJson(HOSTILE_DEPTH))).toBe(HOSTILE_DEPTH + 2);
    expect(bodyDepth(deepJson(HOSTILE_DEPTH))).toBeGreaterThan(BODY_MAX_DEPTH);
    expect(bodyDepth([])).toBe(0);
    expect(bodyDepth([{ text: 'a' }, { type: 'hardBreak' }])).toBe(1);
  });

  it('keeps the text and JSON of ordinary bodies: blocks by line, runs and marks in order', () => {
    const nodes: BodyNode[] = [
      { type: 'paragraph', content: [{ text: 'one ' }, { text: 'bold', marks: { bold: {} } }] },
      { type: 'heading', attrs: { level: 2 }, content: [{ text: 'two' }] },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ text: 'a' }] }] },
          {
            type: 'listItem',
            content: [
              {
                type: 'paragraph',
                content: [{ text: 'b' }, { type: 'hardBreak' }, { text: 'c' }],
              },
            ],
          },
        ],
      },
      { type: 'paragraph' },
    ];
    const fragment = new Y.Doc().getXmlFragment('body');
    replaceWithJson(fragment, nodes);
    expect(fragmentText(fragment)).toBe('one bold\ntwo\na\nb\nc\n');
    expect(fragmentParagraphs(fragment)).toEqual(['one bold', 'two', 'a\nb\nc', '']);
    expect(fragmentToJson(fragment)).toEqual(nodes);
  });
});
