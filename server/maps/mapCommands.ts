import * as Y from 'yjs';
import type { Hocuspocus } from '@hocuspocus/server';
import {
  applyMapJson,
  commentsDocName,
  customerDocName,
  blankMapJson,
  mapDocName,
  newMapId,
  setMapTitle,
  templateJson,
  type Locale,
  type MapId,
  type MapJson,
  type TemplateId,
} from '../../shared/index.ts';
import type { CollabAccessControl } from '../collab/access.ts';
import type { MapRow } from '../storage/rows.ts';
import type { Storage, StorageStores } from '../storage/storage.ts';

/** What the map commands need. */
export interface MapCommandDeps {
  storage: Storage;
  hocuspocus: Hocuspocus;
  /** Closes a deleted map's connections on this instance and, with REDIS_URL, on every other. */
  collabAccess: Pick<CollabAccessControl, 'closeMap'>;
}

/** Input of createMap. */
export interface CreateMapInput {
  title: string;
  template?: TemplateId | undefined;
  locale: Locale;
}

/**
 * Creates a map from a template (or blank): catalogue row + initial document snapshot. Give it a
 * transaction's stores (`storage.transaction`) to make it atomic with what else the caller writes.
 */
export function createMap(stores: StorageStores, input: CreateMapInput): Promise<MapRow> {
  const json = input.template
    ? templateJson(input.template, input.locale)
    : blankMapJson(input.locale);
  return createMapFromJson(
    stores,
    { ...json, meta: { ...json.meta, title: input.title } },
    input.template ?? null,
  );
}

/**
 * Creates a map whose document is the given interchange JSON (seed, import, templates, copies);
 * `link` names the map a copy comes from.
 */
export async function createMapFromJson(
  stores: StorageStores,
  json: MapJson,
  template: string | null,
  link: { sourceMapId?: MapId | null } = {},
): Promise<MapRow> {
  const doc = new Y.Doc();
  applyMapJson(doc, json, { source: 'seed' });
  const id = newMapId();
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await stores.documents.writeInitial(mapDocName(id), state);
  return stores.maps.create({
    id,
    title: json.meta.title,
    template,
    sourceMapId: link.sourceMapId ?? null,
    state: json.meta.state,
  });
}

/** Renames a map in its live document (so open editors see it) and in the catalogue. */
export async function renameMap(deps: MapCommandDeps, id: MapId, title: string): Promise<void> {
  const connection = await deps.hocuspocus.openDirectConnection(mapDocName(id), {});
  try {
    await connection.transact((doc) =>
      setMapTitle(doc, title, { source: 'server', reason: 'rename' }),
    );
  } finally {
    await connection.disconnect();
  }
  await deps.storage.maps.setTitle(id, title);
}

/**
 * Deletes a map: removes its catalogue row and documents in one transaction, then closes its
 * connections on every instance (their last store finds no map: it writes nothing and removes
 * what late updates appended meanwhile, see PersistenceExtension).
 */
export async function deleteMap(deps: MapCommandDeps, id: MapId): Promise<void> {
  await deps.storage.transaction(async (tx) => {
    await tx.maps.delete(id);
    for (const name of [mapDocName(id), commentsDocName(id), customerDocName(id)]) {
      await tx.documents.remove(name);
    }
  });
  deps.collabAccess.closeMap(id);
}
