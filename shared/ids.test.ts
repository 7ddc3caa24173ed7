import { describe, expect, it } from 'vitest';
import {
  commentsDocName,
  customerDocName,
  mapDocName,
  parseDocName,
  actionsDocName,
  votesDocName,
  validationDocName,
} from './doc-names.ts';
import { asMapId, asStageId, ID_PATTERN, newCardId, newMapId } from './ids.ts';

describe('ids and document names', () => {
  it('generates URL-safe random ids of 21 characters', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newCardId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('parses ids from text and refuses malformed ones with a clear error', () => {
    expect(asStageId('abc_-1')).toBe('abc_-1');
    expect(() => asMapId('a/b')).toThrow(/Invalid map id/);
    expect(() => asMapId('')).toThrow(/Invalid map id/);
    expect(ID_PATTERN.test('x'.repeat(65))).toBe(false);
  });

  it('names and parses map, comments and customer documents', () => {
    const id = newMapId();
    expect(mapDocName(id)).toBe(`map:${id}`);
    expect(parseDocName(mapDocName(id))).toEqual({ kind: 'map', mapId: id });
    expect(parseDocName(commentsDocName(id))).toEqual({ kind: 'comments', mapId: id });
    expect(parseDocName(customerDocName(id))).toEqual({ kind: 'customer', mapId: id });
    expect(parseDocName(validationDocName(id))).toEqual({ kind: 'validation', mapId: id });
    expect(parseDocName(actionsDocName(id))).toEqual({ kind: 'actions', mapId: id });
    expect(parseDocName(votesDocName(id))).toEqual({ kind: 'votes', mapId: id });
    for (const bad of [
      '',
      'map:',
      'doc:abc',
      `map:${id}/other`,
      'map:a:b',
      `map:${id}/comments/x`,
    ]) {
      expect(parseDocName(bad)).toBeNull();
    }
  });
});
