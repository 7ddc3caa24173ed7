import type * as Y from 'yjs';
import { z } from 'zod';
import { isChannel } from '../channels.ts';
import type { Channel } from '../channels.ts';
import { readString, readStringArray } from '../doc-schema.ts';
import { PersonaIdSchema } from '../ids.ts';
import type { PersonaId } from '../ids.ts';
import { OrderKeySchema } from '../ordering.ts';
import type { OrderKey } from '../ordering.ts';
import { ChannelSchema } from './card.ts';

/**
 * Keys of a persona's Y.Map in `personas` (schema v1). Text fields are plain strings and list
 * fields plain JSON arrays, each its own key: concurrent edits of different fields both
 * survive; concurrent edits of the same field resolve last-writer-wins (personas are edited
 * rarely and by one facilitator at a time). Unknown keys are left untouched.
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

/** A research-based profile of the customer the map is made for. */
export interface PersonaView {
  /** Stable id, the key in the `personas` root map. */
  readonly id: PersonaId;
  /** e.g. "Bob". */
  readonly name: string;
  /** Who they are in one line, e.g. "Frequent traveller, bank customer for 12 years". */
  readonly role: string;
  /** Something they would say, in their words. */
  readonly quote: string;
  /** What they want to achieve. */
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

/** Zod validator for the editable persona fields; every field but `name` is optional. */
export const PersonaInputSchema = z.strictObject({
  name: z.string().min(1).max(200),
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
  quote: z.string().max(1_000),
  goals: list,
  needs: list,
  pains: list,
  jobs: list,
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

/** Reads one persona from its Y.Map; missing or malformed fields fall back to defaults. */
export function readPersona(id: string, map: Y.Map<unknown>): PersonaView {
  return {
    id: id as PersonaId,
    name: readString(map, PERSONA_KEYS.name) ?? '',
    role: readString(map, PERSONA_KEYS.role) ?? '',
    quote: readString(map, PERSONA_KEYS.quote) ?? '',
    goals: readStringArray(map, PERSONA_KEYS.goals),
    needs: readStringArray(map, PERSONA_KEYS.needs),
    pains: readStringArray(map, PERSONA_KEYS.pains),
    jobs: readStringArray(map, PERSONA_KEYS.jobs),
    channels: readStringArray(map, PERSONA_KEYS.channels).filter(isChannel),
    context: readString(map, PERSONA_KEYS.context) ?? '',
    order: readString(map, PERSONA_KEYS.order) ?? '',
  };
}
