import { z } from 'zod';
import { MapOperationError } from './errors.ts';

/** A string tagged at compile time so ids of different records cannot be mixed up. */
export type Brand<K extends string> = string & { readonly __brand: K };

/** Id of a map; also the `<id>` in the collaboration document name `map:<id>`. */
export type MapId = Brand<'MapId'>;
/** Id of a stage (a column of the map). */
export type StageId = Brand<'StageId'>;
/** Id of a lane (a row of the map). */
export type LaneId = Brand<'LaneId'>;
/** Id of a card (a note in one lane x stage cell). */
export type CardId = Brand<'CardId'>;
/** Id of a persona. */
export type PersonaId = Brand<'PersonaId'>;

/** URL-safe alphabet of exactly 64 symbols, so `byte & 63` picks one without bias. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Length of generated ids: 21 symbols of 6 bits = 126 random bits, like nanoid. */
export const ID_LENGTH = 21;

/** Shape every id must have: URL-safe, no `:` or `/` (they delimit document names). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A fresh random id. Uses `crypto.getRandomValues`, which exists in browsers (also in
 * insecure contexts, unlike `crypto.randomUUID`) and in Node.
 */
export function newId(): string {
  const bytes = new Uint8Array(ID_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}

/** True when `value` is a well-formed id of any record. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function parseId(value: string, what: string): string {
  if (!isId(value)) {
    throw new MapOperationError(
      'invalid-input',
      `Invalid ${what} id ${JSON.stringify(value)}: expected 1-64 characters of A-Z a-z 0-9 _ -`,
    );
  }
  return value;
}

/** A new random map id. */
export function newMapId(): MapId {
  return newId() as MapId;
}
/** A new random stage id. */
export function newStageId(): StageId {
  return newId() as StageId;
}
/** A new random lane id. */
export function newLaneId(): LaneId {
  return newId() as LaneId;
}
/** A new random card id. */
export function newCardId(): CardId {
  return newId() as CardId;
}
/** A new random persona id. */
export function newPersonaId(): PersonaId {
  return newId() as PersonaId;
}

/** Parses a map id from untrusted text; throws MapOperationError when malformed. */
export function asMapId(value: string): MapId {
  return parseId(value, 'map') as MapId;
}
/** Parses a stage id from untrusted text; throws MapOperationError when malformed. */
export function asStageId(value: string): StageId {
  return parseId(value, 'stage') as StageId;
}
/** Parses a lane id from untrusted text; throws MapOperationError when malformed. */
export function asLaneId(value: string): LaneId {
  return parseId(value, 'lane') as LaneId;
}
/** Parses a card id from untrusted text; throws MapOperationError when malformed. */
export function asCardId(value: string): CardId {
  return parseId(value, 'card') as CardId;
}
/** Parses a persona id from untrusted text; throws MapOperationError when malformed. */
export function asPersonaId(value: string): PersonaId {
  return parseId(value, 'persona') as PersonaId;
}

const idString = z.string().regex(ID_PATTERN, 'must be 1-64 characters of A-Z a-z 0-9 _ -');

/** Zod validator for a map id. */
export const MapIdSchema = idString.transform((s) => s as MapId);
/** Zod validator for a stage id. */
export const StageIdSchema = idString.transform((s) => s as StageId);
/** Zod validator for a lane id. */
export const LaneIdSchema = idString.transform((s) => s as LaneId);
/** Zod validator for a card id. */
export const CardIdSchema = idString.transform((s) => s as CardId);
/** Zod validator for a persona id. */
export const PersonaIdSchema = idString.transform((s) => s as PersonaId);
