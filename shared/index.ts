// Public API of shared/: the journey-map domain model. Client and server import from here and
// never touch raw Yjs keys.
export * from './ids.ts';
export * from './errors.ts';
export * from './locale.ts';
export * from './lane-kinds.ts';
export * from './channels.ts';
export * from './departments.ts';
export { mapRootTypes, observeCardIds } from './doc-schema.ts';
export * from './scoring.ts';
export * from './origins.ts';
export { compareOrdered, isValidOrderKey, OrderKeySchema, sortOrdered } from './ordering.ts';
export type { Ordered, OrderKey } from './ordering.ts';
export * from './doc-names.ts';
export * from './json-value.ts';
export * from './schema-version.ts';
export * from './plain-text.ts';
// Records: types, validators and defaults. Their Yjs key names and readers stay private.
export {
  DEFAULT_STAGE_NAME,
  STAGE_NAME_MAX,
  StageNameSchema,
  StageSchema,
} from './records/stage.ts';
export type { StageView } from './records/stage.ts';
export {
  FALLBACK_LANE_KIND,
  LANE_TITLE_MAX,
  LaneKindSchema,
  LaneSchema,
  LaneTitleSchema,
} from './records/lane.ts';
export type { LaneView } from './records/lane.ts';
export {
  CARD_PERSONAS_MAX,
  CARD_TEXT_MAX,
  CardFieldsPatchSchema,
  CardFieldsSchema,
  CardPersonaIdsSchema,
  CardSchema,
  CardTextSchema,
  ChannelSchema,
  DEFAULT_CARD_TEXT,
  DEPARTMENT_MAX,
  DepartmentSchema,
  EMOTION_MAX,
  EMOTION_MIN,
  EmotionSchema,
  PRIORITY_KEYS,
  PriorityFactorSchema,
  PriorityFactorsSchema,
} from './records/card.ts';
export type { CardFields, CardFieldsPatch, CardView, PriorityView } from './records/card.ts';
export {
  DEFAULT_PERSONA,
  isPersonaRichField,
  PERSONA_LIST_FIELDS,
  PERSONA_RICH_FIELDS,
  PersonaInputSchema,
  PersonaPatchSchema,
  PersonaSchema,
} from './records/persona.ts';
export type {
  PersonaInput,
  PersonaListField,
  PersonaPatch,
  PersonaRichField,
  PersonaView,
} from './records/persona.ts';
export {
  DEFAULT_MAP_META,
  LocaleSchema,
  MAP_STATES,
  MAP_TITLE_MAX,
  MapMetaSchema,
  MapStateSchema,
  MapTitleSchema,
  PRIORITY_WEIGHTS_KEY,
  PriorityWeightSchema,
  PriorityWeightsPatchSchema,
  readPriorityWeights,
} from './records/meta.ts';
export type { MapMeta, MapState } from './records/meta.ts';
export {
  BODY_MAX_DEPTH,
  HARD_BREAK,
  fragmentText,
  fragmentToJson,
  textToParagraphs,
} from './card-body.ts';
export type { BodyElement, BodyNode, BodyText } from './card-body.ts';
export * from './read-map.ts';
export { cellKey, IncrementalMap } from './incremental-map.ts';
export type { MapChanges } from './incremental-map.ts';
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
export { bodyInvariantViolations, mapInvariantViolations } from './invariants.ts';
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
export {
  CUSTOMER_SCHEMA,
  CustomerProjector,
  customerBody,
  customerProjection,
  customerVisibleIds,
  readCustomerProjection,
  reconcileCustomerDoc,
} from './customer-projection.ts';
export type {
  CustomerCard,
  CustomerFields,
  CustomerIdFn,
  CustomerProjection,
  CustomerProjectionOptions,
  CustomerScalar,
  CustomerVisibleIds,
} from './customer-projection.ts';
export {
  EDITING_FIELD,
  EDITING_KINDS,
  EditingTargetSchema,
  PRESENCE_FIELD,
  departmentPresence,
  PresenceUserSchema,
  editingKey,
  editorsByTarget,
  presenceColor,
  presentUsers,
} from './presence.ts';
export type {
  DepartmentHere,
  DepartmentPresence,
  EditingTarget,
  PresenceUser,
} from './presence.ts';
export * from './map-diff.ts';
export * from './silo-lens.ts';
