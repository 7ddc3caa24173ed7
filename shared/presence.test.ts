import { describe, expect, it } from 'vitest';
import { presenceColor, presentUsers } from './presence.ts';

describe('presence', () => {
  it('lists each other person once, sorted, ignoring my own state and unstamped ones', () => {
    const ana = { id: 'u1', name: 'Ana', department: 'marketing', color: presenceColor('u1') };
    const beto = { id: 'u2', name: 'Beto', department: null, color: presenceColor('u2') };
    const states = new Map<number, unknown>([
      [1, { user: beto }],
      [2, { user: ana }],
      [3, { user: ana }],
      [4, {}],
      [5, null],
      [6, { user: { name: 'x' } }],
      [7, { user: { id: 'me', name: 'Yo', department: null, color: '#000' } }],
    ]);
    expect(presentUsers(states, 7)).toEqual([ana, beto]);
  });

  it('gives a person the same colour everywhere', () => {
    expect(presenceColor('abc')).toBe(presenceColor('abc'));
    expect(presenceColor('abc')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
