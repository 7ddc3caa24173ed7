/**
 * Version of the map document schema this code writes. Stored in `meta.schemaVersion`; bumped
 * by a migration (see migrations.ts). Version 1 is the contract in docs/architecture.md;
 * version 2 made the persona's prose fields rich text (`com.recorrido.map/2.persona-rich-text`).
 */
export const SCHEMA_VERSION = 2;

/**
 * Major version of the schema: clients whose schema major is older than this are refused at
 * connect time (they would write shapes this version no longer reads). 2 since the breaking
 * migration to schema version 2 (a v1 client would write strings over persona fragments).
 */
export const SCHEMA_MAJOR = 2;
