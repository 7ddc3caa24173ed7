/**
 * Who made a change to a map document. Every operation in shared/ runs in ONE
 * `doc.transact(fn, origin)` with one of these, so server hooks, undo managers and metrics can
 * tell local edits, server writes, migrations and seeding apart.
 */
export type MapOrigin =
  | { readonly source: 'user' }
  | { readonly source: 'server'; readonly reason: string }
  | { readonly source: 'migration'; readonly id: string }
  | { readonly source: 'seed' }
  | { readonly source: 'import' };

/** The possible values of `MapOrigin['source']`. */
export type MapOriginSource = MapOrigin['source'];

/**
 * The default origin of operations: a local user edit. It is one frozen object, so a Yjs
 * `UndoManager({ trackedOrigins: new Set([LOCAL_USER_ORIGIN]) })` matches it by identity.
 */
export const LOCAL_USER_ORIGIN: MapOrigin = Object.freeze({ source: 'user' });

/** Origin for documents filled from a template or the demo seed. */
export const SEED_ORIGIN: MapOrigin = Object.freeze({ source: 'seed' });

/** Origin for documents filled from an imported JSON file. */
export const IMPORT_ORIGIN: MapOrigin = Object.freeze({ source: 'import' });

/** Origin of a server-side write, with a short reason for logs. */
export function serverOrigin(reason: string): MapOrigin {
  return { source: 'server', reason };
}

/** Origin of a schema migration, carrying the migration's namespaced id. */
export function migrationOrigin(id: string): MapOrigin {
  return { source: 'migration', id };
}

/** True when a transaction origin (which Yjs types as `any`) is a MapOrigin. */
export function isMapOrigin(value: unknown): value is MapOrigin {
  if (typeof value !== 'object' || value === null || !('source' in value)) return false;
  switch (value.source) {
    case 'user':
    case 'seed':
    case 'import':
      return true;
    case 'server':
      return 'reason' in value && typeof value.reason === 'string';
    case 'migration':
      return 'id' in value && typeof value.id === 'string';
    default:
      return false;
  }
}
