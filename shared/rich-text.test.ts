import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToJson, replaceWithJson, replaceWithParagraphs } from './card-body.ts';
import { bulletListNodes, fragmentTextBlocks, replaceWithBulletList } from './rich-text.ts';

/**
 * The ProseMirror schema of the app's rich-text editor: Tiptap's StarterKit without headings,
 * quotes, code, rules, strike-through and underline (client/src/editor), so what shared/
 * writes must hold in paragraphs, lists and hard breaks.
 */
const tiptapSchema = getSchema([
  StarterKit.configure({
    heading: false,
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
  }),
]);

function fragment(): Y.XmlFragment {
  return new Y.Doc().getXmlFragment('f');
}

/** The document Tiptap builds from the fragment, checked against its schema (throws if invalid). */
function asTiptapDoc(f: Y.XmlFragment): unknown {
  const node = yXmlFragmentToProseMirrorRootNode(f, tiptapSchema);
  node.check();
  return node.toJSON();
}

describe('rich-text shapes', () => {
  it('reads every text block in document order, at any depth, with breaks as newlines', () => {
    const f = fragment();
    replaceWithJson(f, [
      { type: 'heading', attrs: { level: 2 }, content: [{ text: 'Título' }] },
      {
        type: 'paragraph',
        content: [{ text: 'uno ' }, { text: 'dos', marks: { bold: {} } }, { type: 'hardBreak' }],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [{ text: 'a' }] },
              {
                type: 'bulletList',
                content: [
                  { type: 'listItem', content: [{ type: 'paragraph', content: [{ text: 'b' }] }] },
                ],
              },
            ],
          },
        ],
      },
      { type: 'paragraph' },
    ]);
    expect(fragmentTextBlocks(f)).toEqual(['Título', 'uno dos\n', 'a', 'b', '']);
  });

  it('reads a fragment nested twenty thousand levels deep without overflowing the stack', () => {
    const doc = new Y.Doc();
    const f = doc.getXmlFragment('f');
    doc.transact(() => {
      // Built one integrated level at a time: a nested preliminary tree would recurse in Yjs.
      let parent: Y.XmlFragment | Y.XmlElement = f;
      for (let i = 0; i < 20_000; i++) {
        const child = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
      const text = new Y.XmlText();
      parent.insert(0, [new Y.XmlElement('paragraph')]);
      const p = parent.get(0);
      if (p instanceof Y.XmlElement) p.insert(0, [text]);
      text.insert(0, 'abajo del todo');
    });
    expect(fragmentTextBlocks(f)).toEqual(['abajo del todo']);
  });

  it('writes a list as one bullet list of one-paragraph items, line breaks as hard breaks', () => {
    const f = fragment();
    replaceWithBulletList(f, ['uno', 'dos\ntres']);
    expect(fragmentToJson(f)).toEqual([
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ text: 'uno' }] }] },
          {
            type: 'listItem',
            content: [
              {
                type: 'paragraph',
                content: [{ text: 'dos' }, { type: 'hardBreak' }, { text: 'tres' }],
              },
            ],
          },
        ],
      },
    ]);
    expect(fragmentTextBlocks(f)).toEqual(['uno', 'dos\ntres']);
  });

  it('writes an empty list as one empty paragraph, never an empty bullet list', () => {
    expect(bulletListNodes([])).toEqual([{ type: 'paragraph' }]);
  });

  it('writes only shapes that Tiptap StarterKit accepts, which binding leaves untouched', () => {
    const cases: Array<(f: Y.XmlFragment) => void> = [
      (f) => replaceWithBulletList(f, []),
      (f) => replaceWithBulletList(f, ['uno', 'dos\ntres', '\n']),
      (f) => replaceWithParagraphs(f, ['']),
      (f) => replaceWithParagraphs(f, ['Solo quiero', '', 'viajar']),
    ];
    for (const write of cases) {
      const f = fragment();
      write(f);
      const before = fragmentToJson(f);
      expect(() => asTiptapDoc(f)).not.toThrow();
      // y-prosemirror deletes from the shared document any node the schema rejects.
      expect(fragmentToJson(f)).toEqual(before);
    }
    // What the shapes avoid: Tiptap cannot hold an empty fragment nor an empty bullet list.
    expect(() => asTiptapDoc(fragment())).toThrow(/Invalid content/);
    const emptyList = fragment();
    emptyList.insert(0, [new Y.XmlElement('bulletList')]);
    expect(() => asTiptapDoc(emptyList)).toThrow(/Invalid content/);
  });
});
