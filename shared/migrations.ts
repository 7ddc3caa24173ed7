import * as Y from 'yjs';
import { replaceWithParagraphs, textToParagraphs } from './card-body.ts';
import { mapRoots, readString, readStringArray, recordEntries } from './doc-schema.ts';
import { migrationOrigin } from './origins.ts';
import { META_KEYS } from './records/meta.ts';
import { PERSONA_KEYS } from './records/persona.ts';
import { replaceWithBulletList } from './rich-text.ts';
export { SCHEMA_MAJOR, SCHEMA_VERSION } from './schema-version.ts';

/** Shape of a migration id: `<reverse-dns namespace>/<toVersion>.<slug>`. */
export const MIGRATION_ID_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)+\/([0-9]+)\.[a-z0-9-]+$/;

/** Namespace of this product's map-document migrations. */
export const MAP_MIGRATION_NAMESPACE = 'com.recorrido.map';

/**
 * One step of the document schema, from `toVersion - 1` to `toVersion`. `up` runs inside a
 * transaction labelled `{ source: 'migration', id }` that also stamps `meta.schemaVersion`.
 * Sync: two replicas may run the same migration concurrently (e.g. two server instances), so
 * `up` must be deterministic and idempotent: write the same values, never append, never
 * create a nested shared type under a key that another replica might also create.
 */
export interface Migration {
  /** Namespaced id, e.g. `com.recorrido.map/2.notes-lane-kind`; the number is `toVersion`. */
  readonly id: string;
  /** Schema version after this migration. */
  readonly toVersion: number;
  /**
   * True when clients of the previous version can no longer edit safely (they would write a
   * shape this version no longer reads): the schema major bumps and the server refuses them.
   */
  readonly breaking: boolean;
  /** What the migration changes, for people. */
  readonly description: string;
  /** The change; called inside the migration's transaction. */
  readonly up: (doc: Y.Doc) => void;
}

/**
 * v1 -> v2: the persona's prose fields become Y.XmlFragments in Tiptap's shape, so two people
 * can write one persona at once. `quote` (a string) becomes one paragraph per line; `goals`,
 * `needs`, `pains` and `jobs` (string arrays) each become one `bulletList` whose `listItem`s
 * hold one paragraph with the item's text (line breaks as `hardBreak`s; empty items dropped;
 * no items: one empty paragraph, as Tiptap's document needs a block). A missing or malformed
 * value migrates as empty, so every persona ends with all five fragments. Its own shape
 * helpers, not the current persona writer, so it keeps writing exactly this shape.
 *
 * Breaking: a v1 client reads a fragment as an absent string and its persona form saves every
 * field, so it would write strings over the fragments (and their text) that v2 editors are
 * bound to. SCHEMA_MAJOR becomes 2 and the server refuses v1 clients at connect time.
 *
 * Nested types under shared keys: every persona key that holds no fragment gets a new one, and
 * two replicas running this concurrently (two server instances loading the same v1 document at
 * once) both create one under the same key. Acceptable here because the content is a pure
 * function of the v1 value both replicas read: Y.Map keeps one of the two fragments on every
 * replica and both are identical, so readers see the same text once, never twice (inserting
 * into one shared fragment instead WOULD duplicate it). What remains is edits typed into the
 * losing fragment between the two runs and their sync; no client can reach that window in a
 * single instance (migration runs in onLoadDocument, before any client syncs), and with
 * several instances only for the moment between two simultaneous loads and their first Redis
 * exchange. A fixed migration client id making both runs write the SAME items was rejected:
 * if the two replicas' v1 states differed, equal ids with different content would leave them
 * diverged for good. A fragment already there is kept as is (idempotent).
 */
const PERSONA_RICH_TEXT: Migration = {
  id: 'com.recorrido.map/2.persona-rich-text',
  toVersion: 2,
  breaking: true,
  description:
    'Persona quote, goals, needs, pains and jobs become Tiptap rich-text fragments ' +
    '(quote: paragraphs; lists: one bullet list).',
  up(doc) {
    const lists = [PERSONA_KEYS.goals, PERSONA_KEYS.needs, PERSONA_KEYS.pains, PERSONA_KEYS.jobs];
    for (const [, persona] of recordEntries(mapRoots(doc).personas)) {
      // Read the v1 value first: setting the fragment replaces it.
      const newFragment = (key: string): Y.XmlFragment => {
        const fragment = new Y.XmlFragment();
        persona.set(key, fragment);
        return fragment;
      };
      if (!(persona.get(PERSONA_KEYS.quote) instanceof Y.XmlFragment)) {
        const text = readString(persona, PERSONA_KEYS.quote) ?? '';
        replaceWithParagraphs(newFragment(PERSONA_KEYS.quote), textToParagraphs(text));
      }
      for (const key of lists) {
        if (persona.get(key) instanceof Y.XmlFragment) continue;
        const items = readStringArray(persona, key)
          .map((item) => textToParagraphs(item).join('\n'))
          .filter((item) => item.length > 0);
        replaceWithBulletList(newFragment(key), items);
      }
    }
  },
};

/**
 * The map document's migrations, in order (version 1 is the first schema). Adding one means:
 * append it here, bump SCHEMA_VERSION (and SCHEMA_MAJOR if breaking) in schema-version.ts, and
 * describe the change in shared/README.md.
 */
export const MAP_MIGRATIONS: readonly Migration[] = [PERSONA_RICH_TEXT];

/** Throws when migrations are not well-formed: namespaced unique ids, versions 2, 3, ... */
export function validateMigrations(migrations: readonly Migration[]): void {
  const ids = new Set<string>();
  migrations.forEach((m, i) => {
    const match = MIGRATION_ID_PATTERN.exec(m.id);
    if (!match)
      throw new Error(
        `Migration id ${JSON.stringify(m.id)} is not namespaced like "${MAP_MIGRATION_NAMESPACE}/2.slug"`,
      );
    if (ids.has(m.id)) throw new Error(`Duplicate migration id ${m.id}`);
    ids.add(m.id);
    if (m.toVersion !== i + 2)
      throw new Error(`Migration ${m.id} must go to version ${i + 2}, not ${m.toVersion}`);
    if (Number(match[2]) !== m.toVersion)
      throw new Error(`Migration ${m.id}: the number in the id must be ${m.toVersion}`);
  });
}

/** Latest schema version a list of migrations leads to. */
export function latestVersion(migrations: readonly Migration[] = MAP_MIGRATIONS): number {
  return migrations.at(-1)?.toVersion ?? 1;
}

/** Schema major of `version`: 1 plus the number of breaking migrations up to it. */
export function schemaMajorOf(
  version: number,
  migrations: readonly Migration[] = MAP_MIGRATIONS,
): number {
  return 1 + migrations.filter((m) => m.breaking && m.toVersion <= version).length;
}

/** What migrateDoc did. */
export interface MigrationResult {
  /** Version found in the document (1 when it had none). */
  readonly from: number;
  /** Version of the document afterwards. */
  readonly to: number;
  /** Ids of the migrations applied, in order. */
  readonly applied: readonly string[];
  /** True when the document is newer than this code: left untouched. */
  readonly newerThanCode: boolean;
}

function storedVersion(doc: Y.Doc): number | undefined {
  const value = mapRoots(doc).meta.get(META_KEYS.schemaVersion);
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

function isEmpty(doc: Y.Doc): boolean {
  const r = mapRoots(doc);
  return r.meta.size + r.stages.size + r.lanes.size + r.cards.size + r.personas.size === 0;
}

/**
 * Brings a map document up to the latest schema, one migration per transaction. A document
 * without a version but with content is version 1 (the first schema); an empty one is left
 * alone (the first operation stamps it). A document newer than this code is left untouched;
 * its unknown fields are preserved by every operation anyway.
 */
export function migrateDoc(
  doc: Y.Doc,
  migrations: readonly Migration[] = MAP_MIGRATIONS,
): MigrationResult {
  validateMigrations(migrations);
  const target = latestVersion(migrations);
  if (isEmpty(doc)) return { from: target, to: target, applied: [], newerThanCode: false };
  const from = storedVersion(doc) ?? 1;
  if (from > target) return { from, to: from, applied: [], newerThanCode: true };
  const applied: string[] = [];
  for (const m of migrations) {
    if (m.toVersion <= (storedVersion(doc) ?? 1)) continue;
    doc.transact(() => {
      m.up(doc);
      mapRoots(doc).meta.set(META_KEYS.schemaVersion, m.toVersion);
    }, migrationOrigin(m.id));
    applied.push(m.id);
  }
  if (storedVersion(doc) === undefined) {
    doc.transact(
      () => mapRoots(doc).meta.set(META_KEYS.schemaVersion, 1),
      migrationOrigin(`${MAP_MIGRATION_NAMESPACE}/1.stamp`),
    );
  }
  return { from, to: storedVersion(doc) ?? from, applied, newerThanCode: false };
}

/** Whether a client's schema may connect; on refusal a reason the client can show. */
export type ClientSchemaCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Server-side gate at connect time: refuses a client whose schema major is older than this
 * code's (it would write shapes no longer read). A newer client is accepted: this code
 * preserves the fields it does not know.
 */
export function checkClientSchema(
  clientSchemaVersion: number,
  migrations: readonly Migration[] = MAP_MIGRATIONS,
): ClientSchemaCheck {
  if (!Number.isInteger(clientSchemaVersion) || clientSchemaVersion < 1) {
    return {
      ok: false,
      reason: `Invalid schema version ${String(clientSchemaVersion)}; please reload the page.`,
    };
  }
  const serverVersion = latestVersion(migrations);
  const serverMajor = schemaMajorOf(serverVersion, migrations);
  const clientMajor = schemaMajorOf(Math.min(clientSchemaVersion, serverVersion), migrations);
  if (clientMajor < serverMajor) {
    return {
      ok: false,
      reason: `This app is out of date (map schema ${clientSchemaVersion}, server ${serverVersion}); please reload the page.`,
    };
  }
  return { ok: true };
}
