/**
 * @mentions in a plain-text message: finding the "@que" being typed, putting the chosen name in,
 * keeping only the mentions still in the text when it is sent, and cutting a body into text and
 * highlighted mentions for display.
 */

/** Someone who can be mentioned. */
export interface Mentionable {
  id: string;
  name: string;
}

/** The mention being typed at the caret: where its "@" is and what follows it. */
export interface MentionQuery {
  /** Index of the "@". */
  start: number;
  /** The text typed after the "@" up to the caret. */
  query: string;
}

/** Longest query the autocomplete follows (past that, the "@" was not a mention). */
const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`, or null: an "@" at the start or after a space, followed
 * by no space up to the caret.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /\s|@/.test(query)) return null;
  if (at > 0 && !/\s|[([{"'«“]/.test(before[at - 1] ?? '')) return null;
  return { start: at, query };
}

/** Lower case without accents, so "jose" finds "José". */
function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The people whose name starts with the query, then those with a word that does; at most `limit`. */
export function matchPeople<T extends Mentionable>(
  people: readonly T[],
  query: string,
  limit = 8,
): T[] {
  const q = fold(query);
  const starts: T[] = [];
  const words: T[] = [];
  for (const person of people) {
    const name = fold(person.name);
    if (name.startsWith(q)) starts.push(person);
    else if (name.split(/\s+/).some((word) => word.startsWith(q))) words.push(person);
  }
  return [...starts, ...words].slice(0, limit);
}

/** Puts "@Name " in place of the "@query" typed; returns the new text and the caret after it. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return {
    text: text.slice(0, mention.start) + inserted + after,
    caret: mention.start + inserted.length,
  };
}

/** The ids of the chosen people whose "@Name" is still in the text (deleting it unmentions). */
export function mentionsIn(text: string, chosen: readonly Mentionable[]): string[] {
  return [...new Set(chosen.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id))];
}

/** A piece of a message body: plain text, or a mention to highlight. */
export interface BodySegment {
  text: string;
  mention: boolean;
}

/** Cuts a body into plain text and "@Name" mentions of the given names (longest names first). */
export function bodySegments(body: string, names: readonly string[]): BodySegment[] {
  const targets = [...new Set(names.filter((n) => n.length > 0))]
    .map((n) => `@${n}`)
    .sort((a, b) => b.length - a.length);
  const segments: BodySegment[] = [];
  let plain = '';
  let i = 0;
  while (i < body.length) {
    const hit = body[i] === '@' ? targets.find((t) => body.startsWith(t, i)) : undefined;
    if (hit) {
      if (plain) segments.push({ text: plain, mention: false });
      plain = '';
      segments.push({ text: hit, mention: true });
      i += hit.length;
    } else {
      plain += body[i];
      i += 1;
    }
  }
  if (plain) segments.push({ text: plain, mention: false });
  return segments;
}
