import type * as Y from 'yjs';
import { z } from 'zod';
import { ID_PATTERN } from './ids.ts';
import { FORBIDDEN_NAME_CHARACTER_MESSAGE } from './plain-text.ts';

/**
 * Comment threads: what a thread attaches to, the limits of a message, the JSON shape the API and
 * the live mirror share, and the mirror document's schema.
 *
 * The mirror `map:<id>/comments` is written by the server only (clients connect read-only; the
 * stored threads are the source of truth and the mirror is rebuilt from them when it loads).
 * Schema version 1, root types:
 * - `meta`: Y.Map `{schemaVersion: 1}`.
 * - `threads`: Y.Map thread id -> a plain JSON value of shape `CommentThreadJson` (the same object
 *   `GET /api/maps/:id/threads` lists). The server replaces a thread's whole value on every change
 *   and deletes the key when the thread is gone; values are never edited in place, so a reader
 *   never sees half a change.
 */

/** Version of the comments mirror schema (its `meta.schemaVersion`). */
export const COMMENTS_SCHEMA_VERSION = 1;

/** What a thread can be attached to. */
export const ANCHOR_KINDS = ['map', 'stage', 'lane', 'card', 'persona'] as const;

/** The kind of thing a thread is attached to. */
export type AnchorKind = (typeof ANCHOR_KINDS)[number];

/** Longest message body, in characters (UTF-16 code units, as JavaScript counts them). */
export const MAX_MESSAGE_CHARS = 10_000;

/** Longest anchor label, in characters (UTF-16 code units). */
export const ANCHOR_LABEL_MAX = 80;

/** Most people one message may mention. */
export const MAX_MENTIONS = 50;

/** Where a thread is attached: the whole map (no id), or one stage, lane, card or persona. */
export interface ThreadAnchor {
  kind: AnchorKind;
  /** The stage, lane, card or persona id; absent for the whole map. */
  id?: string;
}

/**
 * Control characters a message body must not hold: C0 and C1 controls except tab and line breaks
 * (a body is multi-line plain text), the bidi embeddings, overrides and isolates, lone surrogates.
 * Same reasons as shared/plain-text.ts, with line breaks allowed.
 */
const FORBIDDEN_IN_BODIES = /(?![\t\n\r])[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

/** True when a message body holds no forbidden character. */
export function isPlainBody(value: string): boolean {
  return !FORBIDDEN_IN_BODIES.test(value);
}

/** Validator of a message body: plain text, not blank, at most MAX_MESSAGE_CHARS. */
export const MessageBodySchema = z
  .string({ error: 'body must be a string' })
  .refine((value) => value.trim().length > 0, { message: 'body must not be empty' })
  .refine((value) => value.length <= MAX_MESSAGE_CHARS, {
    message: `body must be at most ${MAX_MESSAGE_CHARS} characters`,
  })
  .refine(isPlainBody, { message: `body ${FORBIDDEN_NAME_CHARACTER_MESSAGE}` });

/** Validator of the member ids a message mentions (duplicates are dropped). */
export const MentionsSchema = z
  .array(z.string().regex(ID_PATTERN, 'mentions must be member ids'))
  .max(MAX_MENTIONS, `at most ${MAX_MENTIONS} mentions`)
  .transform((ids) => [...new Set(ids)]);

/** Validator of an anchor: a known kind; an id for everything but the whole map. */
export const ThreadAnchorSchema = z
  .object({
    kind: z.enum(ANCHOR_KINDS, {
      error: `anchor.kind must be one of ${ANCHOR_KINDS.join(', ')}`,
    }),
    id: z.string().regex(ID_PATTERN, 'anchor.id is not a valid id').optional(),
  })
  .strict()
  .refine((anchor) => (anchor.kind === 'map') === (anchor.id === undefined), {
    message: "anchor.id is required for a stage, lane, card or persona, and absent for 'map'",
  });

/** One message as the API and the mirror show it (times are ISO 8601 strings). */
export interface CommentMessageJson {
  id: string;
  /** Null once the author's account is gone. */
  authorId: string | null;
  authorName: string;
  /**
   * The author's department id, as users store it (labels from `GET /api/departments`), joined
   * when read like authorName; absent for guests and former members.
   */
  authorDepartment?: string;
  /** Empty for a deleted message. */
  body: string;
  mentions: string[];
  createdAt: string;
  editedAt?: string;
  /** A deleted message kept as a placeholder, so the replies after it still read in order. */
  deleted?: true;
}

/** One thread as the API and the mirror show it (times are ISO 8601 strings). */
export interface CommentThreadJson {
  id: string;
  anchor: ThreadAnchor;
  /**
   * Plain text naming the anchor when the thread was created (card text, stage name, lane title,
   * persona name; at most ANCHOR_LABEL_MAX characters), so a thread whose card is gone can still
   * say which card it was. Absent for the whole map (and for an anchor with no text).
   */
  anchorLabel?: string;
  resolved: boolean;
  resolvedBy?: string;
  resolvedAt?: string;
  createdBy: string | null;
  createdAt: string;
  messages: CommentMessageJson[];
}

const MessageJsonSchema = z.object({
  id: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  authorDepartment: z.string().optional(),
  body: z.string(),
  mentions: z.array(z.string()),
  createdAt: z.string(),
  editedAt: z.string().optional(),
  deleted: z.literal(true).optional(),
});

/** Validator of a thread value read from the mirror (the reader skips what does not match). */
export const CommentThreadJsonSchema = z.object({
  id: z.string(),
  anchor: z.object({ kind: z.enum(ANCHOR_KINDS), id: z.string().optional() }),
  anchorLabel: z.string().optional(),
  resolved: z.boolean(),
  resolvedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  messages: z.array(MessageJsonSchema),
});

/** The mirror's thread map. */
function threadsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('threads');
}

/**
 * Every thread in a comments mirror, oldest first (ties by id). Values that do not match the
 * schema (a newer server's, say) are skipped rather than breaking the reader.
 */
export function readCommentThreads(doc: Y.Doc): CommentThreadJson[] {
  const threads: CommentThreadJson[] = [];
  for (const value of threadsOf(doc).values()) {
    const parsed = CommentThreadJsonSchema.safeParse(value);
    if (parsed.success) threads.push(parsed.data as CommentThreadJson);
  }
  return threads.sort(compareThreads);
}

/** The order threads are listed in, by the API and the mirror alike: oldest first, ties by id. */
export function compareThreads(a: CommentThreadJson, b: CommentThreadJson): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** JSON of a value, keys sorted, so two equal threads compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}

/**
 * Makes the mirror hold exactly `threads` (server only): sets what differs, deletes threads that
 * are not listed, and leaves equal values untouched (no update at all when nothing changed). Call
 * it inside a transaction with the server's origin.
 */
export function syncCommentThreads(doc: Y.Doc, threads: readonly CommentThreadJson[]): void {
  const map = threadsOf(doc);
  const meta = doc.getMap<unknown>('meta');
  if (meta.get('schemaVersion') !== COMMENTS_SCHEMA_VERSION) {
    meta.set('schemaVersion', COMMENTS_SCHEMA_VERSION);
  }
  const wanted = new Set(threads.map((thread) => thread.id));
  for (const id of [...map.keys()]) if (!wanted.has(id)) map.delete(id);
  for (const thread of threads) setCommentThread(doc, thread.id, thread);
}

/**
 * Sets one thread in the mirror (server only), or deletes it when `thread` is null; no update
 * when the stored value is already equal.
 */
export function setCommentThread(doc: Y.Doc, id: string, thread: CommentThreadJson | null): void {
  const map = threadsOf(doc);
  if (thread === null) {
    if (map.has(id)) map.delete(id);
    return;
  }
  if (map.has(id) && canonical(map.get(id)) === canonical(thread)) return;
  map.set(id, JSON.parse(JSON.stringify(thread)) as unknown);
}
