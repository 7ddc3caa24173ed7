import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToJson, replaceWithJson } from '../card-body.ts';
import type { BodyNode } from '../card-body.ts';
import { addCard, cardBody } from '../operations/cards.ts';
import { addLane } from '../operations/lanes.ts';
import { initMap } from '../operations/meta.ts';
import { addStage } from '../operations/stages.ts';
import { LOCAL_USER_ORIGIN } from '../origins.ts';
import { applyBodyOp } from './body-ops.ts';
import type { BodyOp } from './body-ops.ts';

function docWithBody(body: readonly BodyNode[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  initMap(doc, { title: 'M', locale: 'es' });
  const stageId = addStage(doc, { name: 'S' });
  const laneId = addLane(doc, { kind: 'actions', title: 'L' });
  const fragment = cardBody(doc, addCard(doc, { stageId, laneId }));
  if (!fragment) throw new Error('card has no body');
  doc.transact(() => replaceWithJson(fragment, body));
  return { doc, fragment };
}

const p = (...content: BodyNode[]): BodyNode =>
  content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
const li = (...content: BodyNode[]): BodyNode => ({ type: 'listItem', content });
const br: BodyNode = { type: 'hardBreak' };
const bold = (text: string): BodyNode => ({ text, marks: { bold: {} } });

const cases: ReadonlyArray<readonly [string, BodyNode[], BodyOp, BodyNode[]]> = [
  [
    'types at an offset of a run, keeping the marks around it',
    [p({ text: 'ho' }, bold('la'))],
    { op: 'insertText', card: 0, block: 0, run: 0, offset: 1, text: 'XY' },
    [p({ text: 'hXYo' }, bold('la'))],
  ],
  [
    'types into an empty paragraph by adding a run',
    [p({ text: 'a' }), p()],
    { op: 'insertText', card: 0, block: 1, run: 0, offset: 5, text: 'ñ' },
    [p({ text: 'a' }), p({ text: 'ñ' })],
  ],
  [
    'deletes a range clipped to the end of the run',
    [p({ text: 'hola' })],
    { op: 'deleteText', card: 0, block: 0, run: 0, offset: 2, length: 4 },
    [p({ text: 'ho' })],
  ],
  [
    'formats a range as a link',
    [p({ text: 'hola' })],
    {
      op: 'formatText',
      card: 0,
      block: 0,
      run: 0,
      offset: 1,
      length: 2,
      marks: { link: { href: 'https://example.com/uno' } },
    },
    [
      p(
        { text: 'h' },
        { text: 'ol', marks: { link: { href: 'https://example.com/uno' } } },
        { text: 'a' },
      ),
    ],
  ],
  [
    'removes a mark with null',
    [p(bold('hola'))],
    { op: 'formatText', card: 0, block: 0, run: 0, offset: 0, length: 1, marks: { bold: null } },
    [p({ text: 'h' }, bold('ola'))],
  ],
  [
    'inserts a hard break by cutting the run in two',
    [p({ text: 'hola' })],
    { op: 'insertHardBreak', card: 0, block: 0, run: 0, offset: 2 },
    [p({ text: 'ho' }, br, { text: 'la' })],
  ],
  [
    'splits a paragraph, moving the rest of the run and what follows it',
    [p({ text: 'ho' }, bold('la'), br, { text: 'x' })],
    { op: 'splitParagraph', card: 0, block: 0, run: 0, offset: 3 },
    [p({ text: 'ho' }, bold('l')), p(bold('a'), br, { text: 'x' })],
  ],
  [
    'splits a paragraph in a list item into two list items',
    [{ type: 'bulletList', content: [li(p({ text: 'uno' }), p({ text: 'más' }))] }],
    { op: 'splitParagraph', card: 0, block: 0, run: 0, offset: 1 },
    [
      {
        type: 'bulletList',
        content: [li(p({ text: 'u' })), li(p({ text: 'no' }), p({ text: 'más' }))],
      },
    ],
  ],
  [
    'joins a paragraph into the one before it, merging the touching runs',
    [p({ text: 'a' }), p(bold('b'), br), p({ text: 'c' })],
    { op: 'joinParagraphs', card: 0, block: 0 },
    [p({ text: 'a' }, bold('b'), br), p({ text: 'c' })],
  ],
  [
    'wraps only top-level paragraphs into a list',
    [{ type: 'bulletList', content: [li(p({ text: 'uno' }))] }, p({ text: 'dos' })],
    { op: 'wrapInList', card: 0, block: 0, list: 'orderedList' },
    [
      { type: 'bulletList', content: [li(p({ text: 'uno' }))] },
      { type: 'orderedList', content: [li(p({ text: 'dos' }))] },
    ],
  ],
  [
    'inserts an empty paragraph between blocks',
    [p({ text: 'a' }), p({ text: 'b' })],
    { op: 'insertParagraph', card: 0, index: 1 },
    [p({ text: 'a' }), p(), p({ text: 'b' })],
  ],
];

describe('random body edits', () => {
  it.each(cases)('%s', (_title, before, op, after) => {
    const { doc, fragment } = docWithBody(before);
    applyBodyOp(doc, op);
    expect(fragmentToJson(fragment)).toEqual(after);
  });

  it('merges the joined runs into one Y.XmlText, as ProseMirror joins adjacent text', () => {
    const { doc, fragment } = docWithBody([p({ text: 'a' }), p({ text: 'b' })]);
    applyBodyOp(doc, { op: 'joinParagraphs', card: 0, block: 0 });
    const paragraph = fragment.get(0);
    expect(paragraph instanceof Y.XmlElement && paragraph.toArray().length).toBe(1);
  });

  it('runs each edit as one transaction labelled as a local user edit', () => {
    const { doc } = docWithBody([p({ text: 'hola' })]);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    applyBodyOp(doc, { op: 'splitParagraph', card: 0, block: 0, run: 0, offset: 2 });
    expect(origins).toEqual([LOCAL_USER_ORIGIN]);
  });

  it('changes nothing when there is nothing to act on', () => {
    const { doc, fragment } = docWithBody([p({ text: 'solo' })]);
    let updates = 0;
    doc.on('update', () => updates++);
    applyBodyOp(doc, { op: 'joinParagraphs', card: 0, block: 0 });
    expect(updates).toBe(0);
    expect(fragmentToJson(fragment)).toEqual([p({ text: 'solo' })]);
  });
});
