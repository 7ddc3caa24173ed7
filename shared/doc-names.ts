import { isId } from './ids.ts';
import type { MapId } from './ids.ts';

/** Prefix of every map-related collaboration document name. */
export const MAP_DOC_PREFIX = 'map:';

/** What a collaboration document name refers to. */
export type ParsedDocName =
  | { readonly kind: 'map'; readonly mapId: MapId }
  | { readonly kind: 'comments'; readonly mapId: MapId }
  | { readonly kind: 'customer'; readonly mapId: MapId }
  | { readonly kind: 'validation'; readonly mapId: MapId }
  | { readonly kind: 'actions'; readonly mapId: MapId }
  | { readonly kind: 'votes'; readonly mapId: MapId };

/** The editable map document: `map:<id>`. */
export function mapDocName(id: MapId): string {
  return `${MAP_DOC_PREFIX}${id}`;
}

/** The server-owned, read-only comments document: `map:<id>/comments`. */
export function commentsDocName(id: MapId): string {
  return `${MAP_DOC_PREFIX}${id}/comments`;
}

/** The server-owned customer projection: `map:<id>/customer`. */
export function customerDocName(id: MapId): string {
  return `${MAP_DOC_PREFIX}${id}/customer`;
}

/** The server-owned, read-only validation of a map (internal roles only): `map:<id>/validation`. */
export function validationDocName(id: MapId): string {
  return `${MAP_DOC_PREFIX}${id}/validation`;
}

/** The server-owned, read-only actions of a map (internal roles only): `map:<id>/actions`. */
export function actionsDocName(id: MapId): string {
  return `${MAP_DOC_PREFIX}${id}/actions`;
}

/**
 * The server-owned, read-only dot-voting rounds of a map (internal roles only): `map:<id>/votes`.
 * While a round is open it holds no per-card count and nobody's votes: only who is voting how much.
 */
export function votesDocName(id: MapId): string {
  return `${MAP_DOC_PREFIX}${id}/votes`;
}

/** Parses a document name once into typed context; null for anything that is not ours. */
export function parseDocName(name: string): ParsedDocName | null {
  if (!name.startsWith(MAP_DOC_PREFIX)) return null;
  const rest = name.slice(MAP_DOC_PREFIX.length);
  const slash = rest.indexOf('/');
  const id = slash === -1 ? rest : rest.slice(0, slash);
  if (!isId(id)) return null;
  const mapId = id as MapId;
  if (slash === -1) return { kind: 'map', mapId };
  const suffix = rest.slice(slash + 1);
  if (suffix === 'comments') return { kind: 'comments', mapId };
  if (suffix === 'customer') return { kind: 'customer', mapId };
  if (suffix === 'validation') return { kind: 'validation', mapId };
  if (suffix === 'actions') return { kind: 'actions', mapId };
  if (suffix === 'votes') return { kind: 'votes', mapId };
  return null;
}
