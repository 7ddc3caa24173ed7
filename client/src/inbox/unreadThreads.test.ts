import { describe, expect, it } from 'vitest';
import type { InboxItem } from './inboxApi.ts';
import { unreadThreads } from './unreadThreads.ts';

function item(id: string, threadId: string, createdAt: string, read = false): InboxItem {
  return {
    id,
    reason: 'mention',
    mapId: 'm1',
    mapTitle: 'Map',
    threadId,
    anchor: { kind: 'map' },
    authorId: 'u2',
    authorName: 'Ana',
    body: 'hola',
    createdAt,
    read,
  };
}

describe('unreadThreads', () => {
  it('lists each thread of an unread item once, up to its newest unread item', () => {
    expect(
      unreadThreads([
        item('a', 't1', '2026-11-28T10:00:05.000Z'),
        item('b', 't2', '2026-11-28T10:00:04.000Z'),
        item('c', 't1', '2026-11-28T10:00:09.000Z'),
        item('d', 't3', '2026-11-28T10:00:01.000Z', true),
        item('e', 't2', '2026-11-28T10:00:08.000Z', true),
      ]),
    ).toEqual([
      { threadId: 't1', until: '2026-11-28T10:00:09.000Z' },
      { threadId: 't2', until: '2026-11-28T10:00:04.000Z' },
    ]);
  });

  it('leaves out what is newer than the list the person saw', () => {
    expect(
      unreadThreads(
        [
          item('a', 't1', '2026-11-28T10:00:05.000Z'),
          item('b', 't1', '2026-11-28T10:00:09.000Z'),
          item('c', 't2', '2026-11-28T10:00:08.000Z'),
        ],
        '2026-11-28T10:00:07.000Z',
      ),
    ).toEqual([{ threadId: 't1', until: '2026-11-28T10:00:05.000Z' }]);
  });

  it('is empty when everything is read', () => {
    expect(unreadThreads([item('a', 't1', '2026-11-28T10:00:05.000Z', true)])).toEqual([]);
  });
});
