import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COMMENTS_SCHEMA_VERSION,
  MentionsSchema,
  MessageBodySchema,
  readCommentThreads,
  setCommentThread,
  syncCommentThreads,
  ThreadAnchorSchema,
  type CommentThreadJson,
} from './comments.ts';

function thread(id: string, createdAt: string, body = 'hola'): CommentThreadJson {
  return {
    id,
    anchor: { kind: 'card', id: 'card1' },
    resolved: false,
    createdBy: 'u1',
    createdAt,
    messages: [
      { id: `${id}-m1`, authorId: 'u1', authorName: 'Ana', body, mentions: [], createdAt },
    ],
  };
}

/** Counts the updates a doc emits while fn runs. */
function updatesDuring(doc: Y.Doc, fn: () => void): number {
  let count = 0;
  const count1 = () => {
    count += 1;
  };
  doc.on('update', count1);
  fn();
  doc.off('update', count1);
  return count;
}

describe('message bodies, anchors and mentions', () => {
  it('accepts multi-line plain text up to 10,000 characters', () => {
    expect(MessageBodySchema.safeParse('una\nlínea\tmás').success).toBe(true);
    expect(MessageBodySchema.safeParse('x'.repeat(10_000)).success).toBe(true);
  });

  it('refuses empty, blank, oversized bodies and control or bidi characters', () => {
    for (const body of [
      '',
      ' \n\t',
      'x'.repeat(10_001),
      'a\u0000b',
      'a\u0007b',
      'a\u202Eb',
      'a\uD800b',
    ]) {
      expect(MessageBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });

  it('requires an id for a stage, lane, card or persona and none for the map', () => {
    expect(ThreadAnchorSchema.safeParse({ kind: 'map' }).success).toBe(true);
    expect(ThreadAnchorSchema.safeParse({ kind: 'lane', id: 'abc' }).success).toBe(true);
    expect(ThreadAnchorSchema.safeParse({ kind: 'lane' }).success).toBe(false);
    expect(ThreadAnchorSchema.safeParse({ kind: 'map', id: 'abc' }).success).toBe(false);
    expect(ThreadAnchorSchema.safeParse({ kind: 'board', id: 'abc' }).success).toBe(false);
    expect(ThreadAnchorSchema.safeParse({ kind: 'card', id: 'a/b' }).success).toBe(false);
  });

  it('drops duplicate mentions and refuses malformed ids', () => {
    expect(MentionsSchema.parse(['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(MentionsSchema.safeParse(['map:x']).success).toBe(false);
  });
});

describe('the comments mirror document', () => {
  it('holds exactly the synced threads, read back oldest first, with its schema version', () => {
    const doc = new Y.Doc();
    const older = thread('b', '2026-01-01T10:00:00.000Z');
    const newer = thread('a', '2026-01-02T10:00:00.000Z');
    syncCommentThreads(doc, [newer, older]);
    expect(readCommentThreads(doc)).toEqual([older, newer]);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(COMMENTS_SCHEMA_VERSION);
    syncCommentThreads(doc, [newer]);
    expect(readCommentThreads(doc)).toEqual([newer]);
  });

  it('writes nothing when the mirror already holds the same threads', () => {
    const doc = new Y.Doc();
    const one = thread('a', '2026-01-01T10:00:00.000Z');
    syncCommentThreads(doc, [one]);
    expect(updatesDuring(doc, () => syncCommentThreads(doc, [structuredClone(one)]))).toBe(0);
    expect(
      updatesDuring(doc, () => setCommentThread(doc, 'a', thread('a', one.createdAt, 'otro'))),
    ).toBe(1);
    expect(readCommentThreads(doc)[0]?.messages[0]?.body).toBe('otro');
    setCommentThread(doc, 'a', null);
    expect(readCommentThreads(doc)).toEqual([]);
  });

  it('reaches a replica through its updates, and skips values that are not threads', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    server.on('update', (update: Uint8Array) => Y.applyUpdate(client, update));
    const one = thread('a', '2026-01-01T10:00:00.000Z');
    syncCommentThreads(server, [one]);
    server.getMap('threads').set('junk', { id: 42 });
    expect(readCommentThreads(client)).toEqual([one]);
  });
});
