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
import type { DocumentStore } from '../db/documents.ts';
import type { MapRepository, MapRow } from '../db/maps.ts';

/** What the map commands need. */
export interface MapCommandDeps {
  maps: MapRepository;
  documents: DocumentStore;
  hocuspocus: Hocuspocus;
}

/** Input of createMap. */
export interface CreateMapInput {
  title: string;
  template?: TemplateId | undefined;
  locale: Locale;
}

/** Creates a map from a template (or blank): catalogue row + initial document snapshot. */
export function createMap(deps: MapCommandDeps, input: CreateMapInput): MapRow {
  const json = input.template
    ? templateJson(input.template, input.locale)
    : blankMapJson(input.locale);
  return createMapFromJson(
    deps,
    { ...json, meta: { ...json.meta, title: input.title } },
    input.template ?? null,
  );
}

/** Creates a map whose document is the given interchange JSON (seed, import, templates). */
export function createMapFromJson(
  deps: MapCommandDeps,
  json: MapJson,
  template: string | null,
): MapRow {
  const doc = new Y.Doc();
  applyMapJson(doc, json, { source: 'seed' });
  const id = newMapId();
  deps.documents.writeInitial(mapDocName(id), Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return deps.maps.create({ id, title: json.meta.title, template });
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
  deps.maps.setTitle(id, title);
}

/** Deletes a map: closes its connections, then removes its documents and catalogue row. */
export function deleteMap(deps: MapCommandDeps, id: MapId): void {
  deps.maps.delete(id);
  for (const name of [mapDocName(id), commentsDocName(id), customerDocName(id)]) {
    deps.hocuspocus.closeConnections(name);
    deps.documents.remove(name);
  }
}
