import * as Y from 'yjs';
import { recordMap, setIfChanged } from '../doc-schema.ts';
import { newPersonaId, PersonaIdSchema } from '../ids.ts';
import type { PersonaId } from '../ids.ts';
import { placeAt } from '../ordering.ts';
import type { MapOrigin } from '../origins.ts';
import {
  DEFAULT_PERSONA,
  PERSONA_KEYS,
  PersonaInputSchema,
  PersonaPatchSchema,
} from '../records/persona.ts';
import type { PersonaInput, PersonaPatch } from '../records/persona.ts';
import { applyRekeys, orderedEntries, parseInput, requireRecord, runOp } from './transact.ts';

const FIELDS = [
  'name',
  'role',
  'quote',
  'goals',
  'needs',
  'pains',
  'jobs',
  'channels',
  'context',
] as const;

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
    for (const field of FIELDS) map.set(PERSONA_KEYS[field], full[field]);
    return id;
  });
}

/** Changes some fields of a persona; fields not named are left alone. */
export function updatePersona(
  doc: Y.Doc,
  id: PersonaId,
  patch: PersonaPatch,
  origin?: MapOrigin,
): void {
  const data = parseInput(PersonaPatchSchema, patch, 'persona');
  runOp(doc, origin, ({ personas }) => {
    const map = requireRecord(personas, id, 'Persona');
    for (const field of FIELDS) {
      const value = data[field];
      if (value !== undefined) setIfChanged(map, PERSONA_KEYS[field], value);
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
