import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceWithParagraphs } from '../../shared/card-body.ts';
import { anchorLabel, firstChars } from './anchorLabel.ts';

/** A map document with one stage, lane, persona and card (body in paragraphs). */
function docWith(names: { stage: string; lane: string; persona: string; card: string[] }): Y.Doc {
  const doc = new Y.Doc();
  const record = (root: string, fields: Record<string, unknown>) => {
    const map = new Y.Map<unknown>();
    doc.getMap<unknown>(root).set('x1', map);
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    return map;
  };
  record('stages', { name: names.stage });
  record('lanes', { title: names.lane });
  record('personas', { name: names.persona });
  const body = new Y.XmlFragment();
  record('cards', { body });
  replaceWithParagraphs(body, names.card);
  return doc;
}

describe('anchorLabel', () => {
  it('reads the stage, lane and persona names and the card text as one line', () => {
    const doc = docWith({
      stage: 'Planificar',
      lane: 'Canales\tdigitales',
      persona: '  Bob\u202E  ',
      card: ['Recibe', '', 'la   alerta'],
    });
    expect(anchorLabel(doc, { kind: 'stage', id: 'x1' })).toBe('Planificar');
    expect(anchorLabel(doc, { kind: 'lane', id: 'x1' })).toBe('Canales digitales');
    expect(anchorLabel(doc, { kind: 'persona', id: 'x1' })).toBe('Bob');
    expect(anchorLabel(doc, { kind: 'card', id: 'x1' })).toBe('Recibe la alerta');
  });

  it('gives null for the whole map, a missing item and an item with no text', () => {
    const doc = docWith({ stage: '', lane: ' ', persona: 'P', card: [''] });
    expect(anchorLabel(doc, { kind: 'map' })).toBeNull();
    expect(anchorLabel(doc, { kind: 'card', id: 'nope' })).toBeNull();
    expect(anchorLabel(doc, { kind: 'stage', id: 'x1' })).toBeNull();
    expect(anchorLabel(doc, { kind: 'lane', id: 'x1' })).toBeNull();
    expect(anchorLabel(doc, { kind: 'card', id: 'x1' })).toBeNull();
  });

  it('cuts a long text to 80 characters ending in an ellipsis, never inside a surrogate pair', () => {
    const doc = docWith({
      stage: 'a'.repeat(78) + '😀😀',
      lane: 'b'.repeat(80),
      persona: '',
      card: [],
    });
    const stage = anchorLabel(doc, { kind: 'stage', id: 'x1' }) ?? '';
    expect(stage).toBe(`${'a'.repeat(78)}…`);
    expect(anchorLabel(doc, { kind: 'lane', id: 'x1' })).toBe('b'.repeat(80));
    expect(firstChars('ab😀', 3)).toBe('ab');
    expect(firstChars('ab😀', 4)).toBe('ab😀');
    expect(firstChars('abc', 3, '…')).toBe('abc');
  });
});
