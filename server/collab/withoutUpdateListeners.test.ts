import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withoutUpdateListeners } from './withoutUpdateListeners.ts';

function stored(text: string): Uint8Array {
  const source = new Y.Doc();
  source.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(source);
}

describe('withoutUpdateListeners', () => {
  it('applies the state without telling the update listeners, then gives them back', () => {
    const doc = new Y.Doc();
    const seen: number[] = [];
    doc.on('update', (update: Uint8Array) => seen.push(update.byteLength));
    withoutUpdateListeners(doc, () => Y.applyUpdate(doc, stored('cargado')));
    expect(doc.getText('t').toString()).toBe('cargado');
    expect(seen).toEqual([]);
    doc.getText('t').insert(0, '+');
    expect(seen).toHaveLength(1);
  });

  it('keeps a listener added meanwhile, and gives the listeners back when the apply throws', () => {
    const doc = new Y.Doc();
    const seen: string[] = [];
    doc.on('update', () => seen.push('before'));
    withoutUpdateListeners(doc, () => {
      doc.on('update', () => seen.push('added'));
      Y.applyUpdate(doc, stored('x'));
    });
    expect(() =>
      withoutUpdateListeners(doc, () => {
        throw new Error('corrupt state');
      }),
    ).toThrow('corrupt state');
    // The listener added during the apply saw the apply; afterwards both see every change.
    expect(seen).toEqual(['added']);
    doc.getText('t').insert(0, '+');
    expect(seen.sort()).toEqual(['added', 'added', 'before']);
  });
});
