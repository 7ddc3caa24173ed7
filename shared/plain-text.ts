import type { z } from 'zod';

/**
 * Characters a name or title must not contain: C0 and C1 control characters (NUL, tab and
 * newline included), the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069,
 * which can make a name display as something else, "Trojan Source"), and lone surrogates (not
 * text at all; with the `u` flag `\p{Cs}` only matches unpaired ones).
 */
const FORBIDDEN_IN_NAMES = /[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

/** The message shown when a name holds a forbidden character. */
export const FORBIDDEN_NAME_CHARACTER_MESSAGE =
  'must not contain control characters, bidirectional overrides or invalid text';

/** True when `value` holds no control character, bidi override or lone surrogate. */
export function isPlainName(value: string): boolean {
  return !FORBIDDEN_IN_NAMES.test(value);
}

/**
 * Refuses control characters, bidi overrides and lone surrogates in a string schema: apply it
 * wherever a user name, map title, stage, lane or persona name is validated.
 */
export function plainName<S extends z.ZodType<string>>(schema: S): S {
  return schema.refine(isPlainName, { message: FORBIDDEN_NAME_CHARACTER_MESSAGE });
}

/**
 * `value` with every forbidden character turned into a space (runs of them into one), for
 * fields that take pasted text: a tab or newline pasted into a name becomes a space instead of
 * making the save fail.
 */
export function toPlainName(value: string): string {
  return value.replace(new RegExp(FORBIDDEN_IN_NAMES.source, 'gu'), ' ').replace(/ {2,}/g, ' ');
}
