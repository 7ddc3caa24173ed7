import { describe, expect, it } from 'vitest';
import type { CommentMessageJson, CommentThreadJson } from '../../../shared/comments.ts';
import { anchorKey, parseAnchorKey } from './anchors.ts';
import { bodySegments, insertMention, matchPeople, mentionAt, mentionsIn } from './mentions.ts';
import { DEFAULT_FILTERS, filterThreads, openThreadCounts, unreadCount } from './threadFilters.ts';

function message(
  id: string,
  authorId: string,
  createdAt: string,
  extra: Partial<CommentMessageJson> = {},
): CommentMessageJson {
  return {
    id,
    authorId,
    authorName: authorId,
    body: `body ${id}`,
    mentions: [],
    createdAt,
    ...extra,
  };
}

function thread(
  id: string,
  messages: CommentMessageJson[],
  extra: Partial<CommentThreadJson> = {},
): CommentThreadJson {
  return {
    id,
    anchor: { kind: 'map' },
    resolved: false,
    createdBy: messages[0]?.authorId ?? null,
    createdAt: messages[0]?.createdAt ?? '2026-01-01T00:00:00.000Z',
    messages,
    ...extra,
  };
}

const departments: Record<string, string> = { ana: 'digital', beto: 'it', caro: 'legal' };
const context = {
  me: 'ana',
  departmentOf: (m: CommentMessageJson) => (m.authorId ? (departments[m.authorId] ?? null) : null),
};

describe('anchor keys', () => {
  it('round-trips every anchor and refuses malformed values', () => {
    expect(anchorKey({ kind: 'card', id: 'c1' })).toBe('card:c1');
    expect(anchorKey({ kind: 'map' })).toBe('map');
    expect(parseAnchorKey('stage:s1')).toEqual({ kind: 'stage', id: 's1' });
    expect(parseAnchorKey('map')).toEqual({ kind: 'map' });
    expect(parseAnchorKey('planet:p1')).toBeNull();
    expect(parseAnchorKey('card:')).toBeNull();
    expect(parseAnchorKey('map:x')).toBeNull();
    expect(parseAnchorKey(null)).toBeNull();
  });
});

describe('thread filters', () => {
  const a = thread('a', [message('a1', 'ana', '2026-01-01T10:00:00.000Z')]);
  const b = thread('b', [
    message('b1', 'beto', '2026-01-01T09:00:00.000Z'),
    message('b2', 'caro', '2026-01-01T11:00:00.000Z', { mentions: ['ana'] }),
  ]);
  const c = thread('c', [message('c1', 'beto', '2026-01-01T12:00:00.000Z')], {
    resolved: true,
    anchor: { kind: 'card', id: 'k1' },
  });

  it('lists open threads by newest activity, hiding resolved ones by default', () => {
    expect(filterThreads([a, b, c], DEFAULT_FILTERS, context).map((t) => t.id)).toEqual(['b', 'a']);
    const resolved = { ...DEFAULT_FILTERS, status: 'resolved' as const };
    expect(filterThreads([a, b, c], resolved, context).map((t) => t.id)).toEqual(['c']);
  });

  it('filters by mine, mentioning me, department and anchor', () => {
    const all = { ...DEFAULT_FILTERS, status: 'all' as const };
    const ids = (f: typeof all) => filterThreads([a, b, c], f, context).map((t) => t.id);
    expect(ids({ ...all, mine: true })).toEqual(['a']);
    expect(ids({ ...all, mentioningMe: true })).toEqual(['b']);
    expect(ids({ ...all, department: 'legal' })).toEqual(['b']);
    expect(ids({ ...all, department: 'it' })).toEqual(['c', 'b']);
    expect(ids({ ...all, anchor: { kind: 'card', id: 'k1' } })).toEqual(['c']);
  });

  it('counts unread messages by others after my read time, never deleted ones', () => {
    const t = thread('t', [
      message('1', 'beto', '2026-01-01T09:00:00.000Z'),
      message('2', 'ana', '2026-01-01T10:00:00.000Z'),
      message('3', 'beto', '2026-01-01T11:00:00.000Z'),
      message('4', 'caro', '2026-01-01T12:00:00.000Z', { deleted: true, body: '' }),
    ]);
    expect(unreadCount(t, 'ana', undefined)).toBe(2);
    expect(unreadCount(t, 'ana', '2026-01-01T10:30:00.000Z')).toBe(1);
    expect(unreadCount(t, 'ana', '2026-01-01T11:00:00.000Z')).toBe(0);
  });

  it('counts open threads per anchor for the bubbles', () => {
    const d = thread('d', [message('d1', 'ana', '2026-01-01T10:00:00.000Z')], {
      anchor: { kind: 'card', id: 'k1' },
    });
    expect(Object.fromEntries(openThreadCounts([a, b, c, d]))).toEqual({ map: 2, 'card:k1': 1 });
  });
});

describe('mentions', () => {
  const people = [
    { id: 'u1', name: 'José Pérez' },
    { id: 'u2', name: 'Ana López' },
    { id: 'u3', name: 'Mariana Ruiz' },
  ];

  it('finds the mention being typed only after a space or at the start', () => {
    expect(mentionAt('hola @jo', 8)).toEqual({ start: 5, query: 'jo' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail@x', 6)).toBeNull();
    expect(mentionAt('hola @jo se', 11)).toBeNull();
  });

  it('matches names from the start first, then any word, ignoring accents', () => {
    expect(matchPeople(people, 'jose').map((p) => p.id)).toEqual(['u1']);
    expect(matchPeople(people, 'ana').map((p) => p.id)).toEqual(['u2']);
    expect(matchPeople(people, 'l').map((p) => p.id)).toEqual(['u2']);
    expect(matchPeople(people, '').map((p) => p.id)).toEqual(['u1', 'u2', 'u3']);
  });

  it('inserts the chosen name and keeps only the mentions left in the text', () => {
    const typed = 'mira @jo esto';
    const result = insertMention(typed, { start: 5, query: 'jo' }, 8, 'José Pérez');
    expect(result).toEqual({ text: 'mira @José Pérez esto', caret: 17 });
    expect(mentionsIn(result.text, people)).toEqual(['u1']);
    expect(mentionsIn('mira esto', people)).toEqual([]);
  });

  it('cuts a body into text and highlighted mentions, longest names first', () => {
    expect(bodySegments('hola @Ana López y @Ana', ['Ana', 'Ana López'])).toEqual([
      { text: 'hola ', mention: false },
      { text: '@Ana López', mention: true },
      { text: ' y ', mention: false },
      { text: '@Ana', mention: true },
    ]);
  });
});
