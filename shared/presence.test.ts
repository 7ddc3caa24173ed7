import { describe, expect, it } from 'vitest';
import { departmentPresence, editorsByTarget, presenceColor, presentUsers } from './presence.ts';

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

  it('tells who edits what, once per person, leaving out me and unstamped or malformed claims', () => {
    const ana = { id: 'u1', name: 'Ana', department: 'marketing', color: presenceColor('u1') };
    const carlos = { id: 'u2', name: 'Carlos', department: 'it', color: presenceColor('u2') };
    const states = new Map<number, unknown>([
      [1, { user: carlos, editing: { kind: 'card', id: 'c1' } }],
      [2, { user: ana, editing: { kind: 'card', id: 'c1' } }],
      [3, { user: ana, editing: { kind: 'card', id: 'c1' } }],
      [4, { user: ana, editing: { kind: 'stage', id: 's1' } }],
      [5, { editing: { kind: 'card', id: 'c2' } }],
      [6, { user: carlos, editing: { kind: 'nonsense', id: 'x' } }],
      [7, { user: carlos, editing: null }],
      [
        8,
        {
          user: { id: 'me', name: 'Yo', department: null, color: '#000' },
          editing: { kind: 'lane', id: 'l1' },
        },
      ],
    ]);
    const editors = editorsByTarget(states, 8);
    expect([...editors.keys()].sort()).toEqual(['card:c1', 'stage:s1']);
    expect(editors.get('card:c1')).toEqual([ana, carlos]);
    expect(editors.get('stage:s1')).toEqual([ana]);
  });

  it('lists the departments present with their people, and the members’ departments nobody is here from', () => {
    const person = (id: string, name: string, department: string | null) => ({
      id,
      name,
      department,
      color: presenceColor(id),
    });
    const present = [
      person('u1', 'Ana', 'marketing'),
      person('u2', 'Carlos', 'it'),
      person('u3', 'Beatriz', 'it'),
      person('u3', 'Beatriz', 'it'),
      person('g1', 'Invitada', null),
    ];
    const members = ['marketing', 'it', 'branches', 'compliance', 'branches', null];
    expect(departmentPresence(present, members)).toEqual({
      here: [
        { department: 'it', people: ['Beatriz', 'Carlos'] },
        { department: 'marketing', people: ['Ana'] },
      ],
      missing: ['branches', 'compliance'],
    });
    expect(departmentPresence([], [])).toEqual({ here: [], missing: [] });
  });
});
