import * as Y from 'yjs';
import { z } from 'zod';
import { replaceWithParagraphs, textToParagraphs } from '../card-body.ts';
import { isChannel } from '../channels.ts';
import type { Channel } from '../channels.ts';
import { readString, readStringArray } from '../doc-schema.ts';
import { PersonaIdSchema } from '../ids.ts';
import type { PersonaId } from '../ids.ts';
import { OrderKeySchema } from '../ordering.ts';
import type { OrderKey } from '../ordering.ts';
import { fragmentTextBlocks, replaceWithBulletList } from '../rich-text.ts';
import { CARD_TEXT_MAX, ChannelSchema } from './card.ts';
import { plainName } from '../plain-text.ts';

/**
 * Keys of a persona's Y.Map in `personas` (schema v2). Each field is its own key, so
 * concurrent edits of different fields both survive. The prose fields (`PERSONA_RICH_FIELDS`)
 * are Y.XmlFragments in Tiptap's shape, so two people writing one field merge character by
 * character; the other fields are plain values (last writer wins). Unknown keys are left
 * untouched.
 */
export const PERSONA_KEYS = {
  name: 'name',
  role: 'role',
  quote: 'quote',
  goals: 'goals',
  needs: 'needs',
  pains: 'pains',
  jobs: 'jobs',
  channels: 'channels',
  context: 'context',
  order: 'order',
} as const;

/**
 * The persona fields that hold prose, each a Y.XmlFragment a Tiptap editor binds to (see
 * `personaField`): `quote` as paragraphs, the lists as one `bulletList` of one-paragraph items.
 */
export const PERSONA_RICH_FIELDS = ['quote', 'goals', 'needs', 'pains', 'jobs'] as const;

/** A persona field that holds rich text. */
export type PersonaRichField = (typeof PERSONA_RICH_FIELDS)[number];

/** The rich persona fields read as lists of items (every one but `quote`). */
export const PERSONA_LIST_FIELDS = ['goals', 'needs', 'pains', 'jobs'] as const;

/** A rich persona field read as a list of items. */
export type PersonaListField = (typeof PERSONA_LIST_FIELDS)[number];

/** True when `value` names a rich persona field. */
export function isPersonaRichField(value: unknown): value is PersonaRichField {
  return typeof value === 'string' && (PERSONA_RICH_FIELDS as readonly string[]).includes(value);
}

/** A research-based profile of the customer the map is made for. */
export interface PersonaView {
  /** Stable id, the key in the `personas` root map. */
  readonly id: PersonaId;
  /** e.g. "Bob". */
  readonly name: string;
  /** Who they are in one line, e.g. "Frequent traveller, bank customer for 12 years". */
  readonly role: string;
  /** Something they would say, in their words: the `quote` fragment's lines, joined by '\n'. */
  readonly quote: string;
  /**
   * What they want to achieve: the non-empty text of each text block of the `goals` fragment
   * (bullet items or paragraphs). Same for `needs`, `pains` and `jobs`.
   */
  readonly goals: readonly string[];
  /** What they need from the organisation. */
  readonly needs: readonly string[];
  /** Pain points that frustrate them today. */
  readonly pains: readonly string[];
  /** Jobs to be done. */
  readonly jobs: readonly string[];
  /** Channels they use. */
  readonly channels: readonly Channel[];
  /** Free context: situation, constraints, environment. */
  readonly context: string;
  /** Fractional-index key: personas list in (order, id) order. */
  readonly order: OrderKey;
}

const line = z.string().max(500);
const list = z.array(line).max(50);

/**
 * Rich fields in a JSON file are bounded like card text, not like operation input: an editor
 * bound to a fragment is not held to `PersonaInputSchema`'s limits, and a map's export must
 * import again. The file size limit bounds the rest.
 */
const fileText = z.string().max(CARD_TEXT_MAX);
const fileList = z.array(fileText).max(2_000);

/** Zod validator for the editable persona fields; every field but `name` is optional. */
export const PersonaInputSchema = z.strictObject({
  name: plainName(z.string().min(1).max(200)),
  role: z.string().max(200).optional(),
  quote: z.string().max(1_000).optional(),
  goals: list.optional(),
  needs: list.optional(),
  pains: list.optional(),
  jobs: list.optional(),
  channels: z.array(ChannelSchema).max(20).optional(),
  context: z.string().max(5_000).optional(),
});

/** Fields given when creating a persona. */
export type PersonaInput = z.input<typeof PersonaInputSchema>;

/** Zod validator for a change to a persona: any subset of the fields. */
export const PersonaPatchSchema = PersonaInputSchema.partial();

/** A change to a persona. */
export type PersonaPatch = z.input<typeof PersonaPatchSchema>;

/** Zod validator for a whole persona record in JSON interchange. */
export const PersonaSchema = z.strictObject({
  id: PersonaIdSchema,
  order: OrderKeySchema,
  name: z.string().max(200),
  role: z.string().max(200),
  quote: fileText,
  goals: fileList,
  needs: fileList,
  pains: fileList,
  jobs: fileList,
  channels: z.array(ChannelSchema).max(20),
  context: z.string().max(5_000),
});

/** Values of the optional persona fields when not given. */
export const DEFAULT_PERSONA = {
  role: '',
  quote: '',
  goals: [] as string[],
  needs: [] as string[],
  pains: [] as string[],
  jobs: [] as string[],
  channels: [] as Channel[],
  context: '',
} as const;

/** Line breaks as stored and read in a rich field's text: '\r\n' and '\r' become '\n'. */
function normalizeLineBreaks(text: string): string {
  return textToParagraphs(text).join('\n');
}

/** List items as a list field stores and reads them: line breaks normalised, empty items dropped. */
export function normalizeListItems(items: readonly string[]): string[] {
  return items.map(normalizeLineBreaks).filter((item) => item.length > 0);
}

/** The plain-text value of a rich field: a string for `quote`, the items of a list. */
export type PersonaRichValue = string | readonly string[];

/**
 * A rich field's fragment, or undefined when the key is missing or holds something else (a
 * schema v1 string or array that a replica with an old offline copy wrote after the migration).
 */
export function readPersonaFragment(
  map: Y.Map<unknown>,
  field: PersonaRichField,
): Y.XmlFragment | undefined {
  const value = map.get(PERSONA_KEYS[field]);
  return value instanceof Y.XmlFragment ? value : undefined;
}

/**
 * The quote as text: its text blocks (paragraphs, at any depth) joined by '\n'. A v1 string
 * still reads, so a document is readable before it is migrated.
 */
function readQuote(map: Y.Map<unknown>): string {
  const fragment = readPersonaFragment(map, 'quote');
  if (fragment) return fragmentTextBlocks(fragment).join('\n');
  return normalizeLineBreaks(readString(map, PERSONA_KEYS.quote) ?? '');
}

/**
 * A list field's items: the non-empty text of each text block in document order, so bullet
 * items and plain paragraphs both read as items. A v1 array still reads the same way.
 */
function readList(map: Y.Map<unknown>, field: PersonaListField): string[] {
  const fragment = readPersonaFragment(map, field);
  if (fragment) return fragmentTextBlocks(fragment).filter((item) => item.length > 0);
  return normalizeListItems(readStringArray(map, PERSONA_KEYS[field]));
}

/**
 * Replaces a rich field's content with plain text, keeping the fragment object (an open
 * editor stays bound): a string (the quote) as one paragraph per line, a list as one bullet
 * list of one-paragraph items (no items: one empty paragraph, see `bulletListNodes`).
 */
export function writePersonaText(fragment: Y.XmlFragment, value: PersonaRichValue): void {
  if (typeof value === 'string') replaceWithParagraphs(fragment, textToParagraphs(value));
  else replaceWithBulletList(fragment, normalizeListItems(value));
}

/** True when the fragment already reads as `value` (what `readPersona` would show). */
export function personaTextEquals(fragment: Y.XmlFragment, value: PersonaRichValue): boolean {
  const blocks = fragmentTextBlocks(fragment);
  if (typeof value === 'string') return blocks.join('\n') === normalizeLineBreaks(value);
  const stored = blocks.filter((item) => item.length > 0);
  const wanted = normalizeListItems(value);
  return stored.length === wanted.length && stored.every((item, i) => item === wanted[i]);
}

/**
 * Reads one persona from its Y.Map; missing or malformed fields fall back to defaults. The
 * rich fields read as plain text (see `readQuote`, `readList`); formatting is for the editor.
 */
export function readPersona(id: string, map: Y.Map<unknown>): PersonaView {
  return {
    id: id as PersonaId,
    name: readString(map, PERSONA_KEYS.name) ?? '',
    role: readString(map, PERSONA_KEYS.role) ?? '',
    quote: readQuote(map),
    goals: readList(map, 'goals'),
    needs: readList(map, 'needs'),
    pains: readList(map, 'pains'),
    jobs: readList(map, 'jobs'),
    channels: readStringArray(map, PERSONA_KEYS.channels).filter(isChannel),
    context: readString(map, PERSONA_KEYS.context) ?? '',
    order: readString(map, PERSONA_KEYS.order) ?? '',
  };
}
