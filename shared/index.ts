// Public API of shared/: the journey-map domain model. Client and server import from here and
// never touch raw Yjs keys.
export * from './ids.ts';
export * from './errors.ts';
export * from './locale.ts';
export * from './lane-kinds.ts';
export * from './channels.ts';
export * from './departments.ts';
export * from './scoring.ts';
export * from './origins.ts';
export * from './ordering.ts';
export * from './doc-names.ts';
export * from './json-value.ts';
export * from './schema-version.ts';
export * from './records/stage.ts';
export * from './records/lane.ts';
export * from './records/card.ts';
export * from './records/persona.ts';
export * from './records/meta.ts';
export { fragmentText, fragmentToJson, textToParagraphs } from './card-body.ts';
export type { BodyElement, BodyNode, BodyText } from './card-body.ts';
export * from './read-map.ts';
export * from './operations/meta.ts';
export * from './operations/stages.ts';
export * from './operations/lanes.ts';
export * from './operations/cards.ts';
export * from './operations/personas.ts';
export * from './interchange.ts';
export {
  TEMPLATE_IDS,
  templateJson,
  templateTitle,
  blankMapJson,
  isTemplateId,
} from './templates/index.ts';
export type { TemplateId } from './templates/index.ts';
export { mapInvariantViolations } from './invariants.ts';
export {
  MAP_MIGRATIONS,
  MAP_MIGRATION_NAMESPACE,
  MIGRATION_ID_PATTERN,
  checkClientSchema,
  latestVersion,
  migrateDoc,
  schemaMajorOf,
  validateMigrations,
} from './migrations.ts';
export type { ClientSchemaCheck, Migration, MigrationResult } from './migrations.ts';
