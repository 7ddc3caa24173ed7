import * as Y from 'yjs';
import { mapRoots, recordMap, setIfChanged } from '../doc-schema.ts';
import { newPersonaId, PersonaIdSchema } from '../ids.ts';
import type { PersonaId } from '../ids.ts';
import { placeAt } from '../ordering.ts';
import type { MapOrigin } from '../origins.ts';
import {
  DEFAULT_PERSONA,
  PERSONA_KEYS,
  PERSONA_RICH_FIELDS,
  PersonaInputSchema,
  PersonaPatchSchema,
  personaTextEquals,
  readPersonaFragment,
  writePersonaText,
} from '../records/persona.ts';
import type {
  PersonaInput,
  PersonaPatch,
  PersonaRichField,
  PersonaRichValue,
} from '../records/persona.ts';
import { applyRekeys, orderedEntries, parseInput, requireRecord, runOp } from './transact.ts';

/** The persona fields stored as plain values (last writer wins). */
const PLAIN_FIELDS = ['name', 'role', 'channels', 'context'] as const;

/**
 * Makes a rich field read as `value`. Unchanged text writes nothing (an editor's formatting
 * stays); otherwise the fragment's content is replaced in place, so an open editor stays bound.
 * A key without a fragment (a v1 value written by a stale offline copy) gets a new one.
 */
function setRichText(map: Y.Map<unknown>, field: PersonaRichField, value: PersonaRichValue): void {
  let fragment = readPersonaFragment(map, field);
  if (fragment === undefined) {
    fragment = new Y.XmlFragment();
    map.set(PERSONA_KEYS[field], fragment);
  } else if (personaTextEquals(fragment, value)) {
    return;
  }
  writePersonaText(fragment, value);
}

/** Adds a persona (after the existing ones) and returns its id. */
export function addPersona(doc: Y.Doc, input: PersonaInput, origin?: MapOrigin): PersonaId {
  const data = parseInput(PersonaInputSchema, input, 'persona');
  return runOp(doc, origin, ({ personas }) => {
    const siblings = orderedEntries(personas, PERSONA_KEYS.order);
    const { key, rekeyed } = placeAt(siblings, siblings.length);
    applyRekeys(personas, PERSONA_KEYS.order, rekeyed);
    const id = newPersonaId();
    const map = new Y.Map<unknown>();
    personas.set(id, map);
    map.set(PERSONA_KEYS.order, key);
    const full = { ...DEFAULT_PERSONA, ...data };
    for (const field of PLAIN_FIELDS) map.set(PERSONA_KEYS[field], full[field]);
    // Every rich field gets its fragment now, even empty, so an editor can bind at once.
    for (const field of PERSONA_RICH_FIELDS) setRichText(map, field, full[field]);
    return id;
  });
}

/**
 * Changes some fields of a persona; fields not named are left alone. Rich fields take plain
 * text (for forms, imports, tests and bots; the editor edits `personaField` directly): a field
 * whose text is unchanged is not written, so formatting survives a form that saves every field.
 * Sync: two replicas replacing one rich field concurrently both keep their text (Yjs merges,
 * nothing is lost; someone tidies up), like `setCardText`.
 */
export function updatePersona(
  doc: Y.Doc,
  id: PersonaId,
  patch: PersonaPatch,
  origin?: MapOrigin,
): void {
  const data = parseInput(PersonaPatchSchema, patch, 'persona');
  runOp(doc, origin, ({ personas }) => {
    const map = requireRecord(personas, id, 'Persona');
    for (const field of PLAIN_FIELDS) {
      const value = data[field];
      if (value !== undefined) setIfChanged(map, PERSONA_KEYS[field], value);
    }
    for (const field of PERSONA_RICH_FIELDS) {
      const value = data[field];
      if (value !== undefined) setRichText(map, field, value);
    }
  });
}

/** Deletes a persona. Deleting one that no longer exists is a no-op. */
export function deletePersona(doc: Y.Doc, id: PersonaId, origin?: MapOrigin): void {
  const personaId = parseInput(PersonaIdSchema, id, 'persona id');
  runOp(doc, origin, ({ personas }) => {
    if (recordMap(personas, personaId) !== undefined) personas.delete(personaId);
  });
}

/**
 * The live rich-text fragment of one persona field, for Tiptap's Collaboration extension
 * (`Collaboration.configure({ fragment })`), like `cardBody`. Undefined when the persona does
 * not exist, or when the field holds no fragment (only a stale pre-v2 replica can cause that:
 * `updatePersona(doc, id, { [field]: view[field] })` gives it one with the same text).
 */
export function personaField(
  doc: Y.Doc,
  id: PersonaId,
  field: PersonaRichField,
): Y.XmlFragment | undefined {
  const map = recordMap(mapRoots(doc).personas, id);
  return map ? readPersonaFragment(map, field) : undefined;
}
