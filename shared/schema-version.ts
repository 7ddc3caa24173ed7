/**
 * Version of the map document schema this code writes. Stored in `meta.schemaVersion`; bumped
 * by a migration (see migrations.ts). Version 1 is the contract in docs/architecture.md.
 */
export const SCHEMA_VERSION = 1;

/**
 * Major version of the schema: clients whose schema major is older than this are refused at
 * connect time (they would write shapes this version no longer reads).
 */
export const SCHEMA_MAJOR = 1;
