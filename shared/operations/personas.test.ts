import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToJson, replaceWithJson } from '../card-body.ts';
import type { BodyNode } from '../card-body.ts';
import { MapOperationError } from '../errors.ts';
import type { PersonaId } from '../ids.ts';
import { readMap } from '../read-map.ts';
import { PERSONA_RICH_FIELDS } from '../records/persona.ts';
import { initMap } from './meta.ts';
import { addPersona, deletePersona, personaField, updatePersona } from './personas.ts';

function mapWithBob(): { doc: Y.Doc; bob: PersonaId } {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Alerta de viaje' });
  const bob = addPersona(doc, {
    name: 'Bob',
    quote: 'Quiero viajar\nsin llamar al banco',
    goals: ['Avisar una vez', 'Pagar en el extranjero'],
  });
  return { doc, bob };
}

/** Replica `to` receives everything `from` has that it lacks. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function syncBoth(a: Y.Doc, b: Y.Doc): void {
  sync(a, b);
  sync(b, a);
}

/** The first text block of a fragment in document order (paragraph, list item paragraph...). */
function firstTextBlock(fragment: Y.XmlFragment): Y.XmlElement {
  let node: Y.XmlElement | Y.XmlFragment = fragment;
  for (;;) {
    const child: unknown = node.get(0);
    if (!(child instanceof Y.XmlElement)) {
      if (node instanceof Y.XmlElement) return node;
      throw new Error('empty fragment');
    }
    node = child;
  }
}

/**
 * Types `text` at `offset` of the first text block, the way the Tiptap binding (y-prosemirror)
 * does: into the block's Y.XmlText, creating one when the block is empty.
 */
function type(fragment: Y.XmlFragment, offset: number, text: string): void {
  const block = firstTextBlock(fragment);
  fragment.doc?.transact(() => {
    let run = block.get(0);
    if (!(run instanceof Y.XmlText)) {
      run = new Y.XmlText();
      block.insert(0, [run]);
    }
    if (run instanceof Y.XmlText) run.insert(Math.min(offset, run.length), text);
  });
}

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

describe('persona rich fields', () => {
  it('creates the five prose fields as Tiptap fragments an editor can bind to', () => {
    const { doc, bob } = mapWithBob();
    const ana = addPersona(doc, { name: 'Ana' });
    for (const id of [bob, ana]) {
      for (const field of PERSONA_RICH_FIELDS) {
        const fragment = personaField(doc, id, field);
        expect(fragment).toBeInstanceOf(Y.XmlFragment);
        if (fragment)
          expect(() =>
            yXmlFragmentToProseMirrorRootNode(fragment, tiptapSchema).check(),
          ).not.toThrow();
      }
    }
    const quote = personaField(doc, bob, 'quote');
    expect(quote && fragmentToJson(quote)).toEqual([
      { type: 'paragraph', content: [{ text: 'Quiero viajar' }] },
      { type: 'paragraph', content: [{ text: 'sin llamar al banco' }] },
    ]);
    const goals = personaField(doc, bob, 'goals');
    expect(goals?.get(0)).toBeInstanceOf(Y.XmlElement);
    expect((goals?.get(0) as Y.XmlElement).nodeName).toBe('bulletList');
    expect(readMap(doc).personas).toMatchObject([
      {
        name: 'Bob',
        quote: 'Quiero viajar\nsin llamar al banco',
        goals: ['Avisar una vez', 'Pagar en el extranjero'],
        needs: [],
      },
      { name: 'Ana', quote: '', goals: [], needs: [], pains: [], jobs: [] },
    ]);
  });

  it('replaces a field in place, so an editor bound to its fragment stays bound', () => {
    const { doc, bob } = mapWithBob();
    const quote = personaField(doc, bob, 'quote');
    const goals = personaField(doc, bob, 'goals');
    updatePersona(doc, bob, {
      quote: 'Otra cita',
      goals: ['Una', 'Dos', 'Tres'],
      jobs: ['Viajar'],
    });
    expect(personaField(doc, bob, 'quote')).toBe(quote);
    expect(personaField(doc, bob, 'goals')).toBe(goals);
    expect(readMap(doc).personas[0]).toMatchObject({
      quote: 'Otra cita',
      goals: ['Una', 'Dos', 'Tres'],
      jobs: ['Viajar'],
    });
    updatePersona(doc, bob, { goals: [] });
    expect(readMap(doc).personas[0]?.goals).toEqual([]);
    expect(goals && fragmentToJson(goals)).toEqual([{ type: 'paragraph' }]);
  });

  it('writes nothing for a field whose text is unchanged, so editor formatting survives a form save', () => {
    const { doc, bob } = mapWithBob();
    const quote = personaField(doc, bob, 'quote');
    const run = quote && firstTextBlock(quote).get(0);
    if (run instanceof Y.XmlText) run.format(0, 6, { bold: {} });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    // A form saving every field, with line endings from a Windows textarea and an empty line.
    const view = readMap(doc).personas[0];
    updatePersona(doc, bob, {
      name: 'Bob',
      quote: 'Quiero viajar\r\nsin llamar al banco',
      goals: ['Avisar una vez', '', 'Pagar en el extranjero'],
      needs: [],
      channels: [...(view?.channels ?? [])],
    });
    expect(updates).toEqual([]);
    expect(quote && fragmentToJson(quote)[0]).toEqual({
      type: 'paragraph',
      content: [{ text: 'Quiero', marks: { bold: {} } }, { text: ' viajar' }],
    });
  });

  it('reads a list from bullet items or plain paragraphs alike, skipping empty blocks', () => {
    const { doc, bob } = mapWithBob();
    const goals = personaField(doc, bob, 'goals');
    const p = (text: string): BodyNode =>
      text ? { type: 'paragraph', content: [{ text }] } : { type: 'paragraph' };
    if (goals) {
      doc.transact(() =>
        replaceWithJson(goals, [
          p('Suelto'),
          p(''),
          { type: 'bulletList', content: [{ type: 'listItem', content: [p('En lista'), p('')] }] },
          { type: 'heading', attrs: { level: 3 }, content: [{ text: 'Título' }] },
        ]),
      );
    }
    expect(readMap(doc).personas[0]?.goals).toEqual(['Suelto', 'En lista', 'Título']);
  });

  it('keeps the validation limits and writes nothing when input is invalid', () => {
    const { doc, bob } = mapWithBob();
    const before = Y.encodeStateAsUpdate(doc);
    const invalid = [
      { quote: 'x'.repeat(1_001) },
      { goals: Array.from({ length: 51 }, () => 'x') },
      { pains: ['x'.repeat(501)] },
    ];
    for (const patch of invalid) {
      expect(() => updatePersona(doc, bob, patch)).toThrow(MapOperationError);
    }
    expect(() => addPersona(doc, { name: 'Eva', jobs: ['x'.repeat(501)] })).toThrow(
      /Invalid persona/,
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('has no fragment to offer for a persona that does not exist', () => {
    const { doc, bob } = mapWithBob();
    deletePersona(doc, bob);
    expect(personaField(doc, bob, 'quote')).toBeUndefined();
  });
});

describe('persona rich fields under concurrent editing', () => {
  it('keeps both words when two replicas type into the same quote at once', () => {
    const { doc: a, bob } = mapWithBob();
    const b = new Y.Doc();
    sync(a, b);
    const [qa, qb] = [personaField(a, bob, 'quote'), personaField(b, bob, 'quote')];
    if (!qa || !qb) throw new Error('no quote fragment');
    type(qa, 6, ' tranquilo');
    type(qb, 13, ' solo');
    syncBoth(a, b);
    const quote = readMap(a).personas[0]?.quote;
    expect(readMap(b).personas[0]?.quote).toBe(quote);
    expect(quote).toBe('Quiero tranquilo viajar solo\nsin llamar al banco');
  });

  it('keeps both words when two replicas start writing into an empty field at once', () => {
    const a = new Y.Doc();
    initMap(a, { title: 'Mapa' });
    const ana = addPersona(a, { name: 'Ana' });
    const b = new Y.Doc();
    sync(a, b);
    const [ja, jb] = [personaField(a, ana, 'jobs'), personaField(b, ana, 'jobs')];
    if (!ja || !jb) throw new Error('no jobs fragment');
    type(ja, 0, 'Viajar');
    type(jb, 0, 'Pagar');
    syncBoth(a, b);
    const jobs = readMap(a).personas[0]?.jobs ?? [];
    expect(readMap(b).personas[0]?.jobs).toEqual(jobs);
    // Both first keystrokes land in the one empty paragraph the field was created with.
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatch(/^(ViajarPagar|PagarViajar)$/);
  });

  it('keeps both lists when two replicas replace the same list at once (someone tidies up)', () => {
    const { doc: a, bob } = mapWithBob();
    const b = new Y.Doc();
    sync(a, b);
    updatePersona(a, bob, { goals: ['Desde A'] });
    updatePersona(b, bob, { goals: ['Desde B'] });
    syncBoth(a, b);
    const goals = readMap(a).personas[0]?.goals ?? [];
    expect(readMap(b).personas[0]?.goals).toEqual(goals);
    expect([...goals].sort()).toEqual(['Desde A', 'Desde B']);
  });

  it('lets one person edit the quote while another edits a list of the same persona', () => {
    const { doc: a, bob } = mapWithBob();
    const b = new Y.Doc();
    sync(a, b);
    const quote = personaField(a, bob, 'quote');
    const goals = personaField(b, bob, 'goals');
    if (!quote || !goals) throw new Error('no fragments');
    type(quote, 0, '¡');
    type(goals, 14, ' y listo');
    updatePersona(b, bob, { role: 'Viajero' });
    syncBoth(a, b);
    expect(readMap(a).personas).toEqual(readMap(b).personas);
    expect(readMap(a).personas[0]).toMatchObject({
      role: 'Viajero',
      quote: '¡Quiero viajar\nsin llamar al banco',
      goals: ['Avisar una vez y listo', 'Pagar en el extranjero'],
    });
  });
});
