import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapOperationError } from './errors.ts';
import { addLane, renameLane } from './operations/lanes.ts';
import { initMap, setMapTitle } from './operations/meta.ts';
import { addPersona } from './operations/personas.ts';
import { addStage, renameStage } from './operations/stages.ts';
import { isPlainName, toPlainName } from './plain-text.ts';
import { readMap } from './read-map.ts';

const REFUSED = {
  NUL: 'Plan\u0000ificar',
  newline: 'Plan\nificar',
  tab: 'Plan\tificar',
  DEL: 'Plan\u007Fificar',
  'C1 control': 'Plan\u0085ificar',
  'right-to-left override': 'Pagar\u202Egpj.exe',
  'left-to-right embedding': '\u202APagar',
  'first-strong isolate': 'Pagar\u2068x\u2069',
  'lone high surrogate': 'Pagar\uD83D',
  'lone low surrogate': '\uDE00Pagar',
};

describe('plain names', () => {
  it.each(Object.entries(REFUSED))('refuses a name with a %s', (_what, name) => {
    expect(isPlainName(name)).toBe(false);
  });

  it('accepts accents, other scripts, emoji (a valid surrogate pair) and the bidi marks of RTL text', () => {
    for (const name of ['Atención al cliente', 'Ñandú', 'שלום', 'مرحبا\u200F', '✈️ Viaje 😀', '']) {
      expect(isPlainName(name), name).toBe(true);
    }
  });

  it('makes map, stage, lane and persona operations refuse such names and leave the map unchanged', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Viaje', locale: 'es' });
    const stage = addStage(doc, { name: 'Planificar' });
    const lane = addLane(doc, { kind: 'actions', title: 'Acciones' });
    const before = JSON.stringify(readMap(doc));
    const bad = REFUSED['right-to-left override'];
    expect(() => setMapTitle(doc, bad)).toThrow(MapOperationError);
    expect(() => addStage(doc, { name: REFUSED.NUL })).toThrow(MapOperationError);
    expect(() => renameStage(doc, stage, bad)).toThrow(MapOperationError);
    expect(() => addLane(doc, { kind: 'actions', title: REFUSED['lone high surrogate'] })).toThrow(
      MapOperationError,
    );
    expect(() => renameLane(doc, lane, REFUSED.newline)).toThrow(MapOperationError);
    expect(() => addPersona(doc, { name: bad })).toThrow(MapOperationError);
    expect(JSON.stringify(readMap(doc))).toBe(before);
  });

  it('turns forbidden characters pasted into a name into single spaces', () => {
    expect(toPlainName('Ir\ta la\u202Esucursal\n\n')).toBe('Ir a la sucursal ');
    expect(isPlainName(toPlainName('a\u0000b\uD800c'))).toBe(true);
    expect(toPlainName('Atención al cliente ✓')).toBe('Atención al cliente ✓');
  });
});
