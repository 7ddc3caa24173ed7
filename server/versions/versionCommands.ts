import type { DirectConnection, Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import {
  mapDocName,
  mapToJson,
  serverOrigin,
  type MapId,
  type MapJson,
} from '../../shared/index.ts';
import { replaceMapContent } from '../../shared/replace-map.ts';
import type { VersionRow } from '../storage/rows.ts';
import type { Storage } from '../storage/storage.ts';
import { packState, unpackState } from './versionState.ts';

/** What the version commands need. */
export interface VersionCommandDeps {
  storage: Pick<Storage, 'versions'>;
  hocuspocus: Hocuspocus;
}

/**
 * Runs fn on the live map document through a direct connection of this instance: the document
 * every client is connected to, loaded from storage (snapshot + log) when nobody has it open.
 * `writes`: fn changes the document, so closing the connection stores it at once (resolving once
 * it is compacted into storage); a read leaves it to the usual debounced store instead (on the
 * 2,400-card map an immediate store costs about a second for nothing).
 */
async function withLiveMap<T>(
  hocuspocus: Hocuspocus,
  mapId: MapId,
  writes: boolean,
  fn: (doc: Y.Doc, connection: DirectConnection) => Promise<T>,
): Promise<T> {
  const connection = await hocuspocus.openDirectConnection(mapDocName(mapId), {});
  try {
    const doc = connection.document;
    if (!doc) throw new Error(`the direct connection to map ${mapId} has no document`);
    return await fn(doc, connection);
  } finally {
    await connection.disconnect({ unloadImmediately: writes });
  }
}

/** A named version of the map as it is now, asked for by `authorId`. */
export function createNamedVersion(
  deps: VersionCommandDeps,
  mapId: MapId,
  name: string,
  authorId: string,
): Promise<VersionRow> {
  return withLiveMap(deps.hocuspocus, mapId, false, async (doc) =>
    deps.storage.versions.add({
      mapId,
      name,
      authorId,
      auto: false,
      // Taken synchronously here; only the compression waits.
      state: await packState(Y.encodeStateAsUpdate(doc)),
    }),
  );
}

/** The interchange JSON of a stored version state (versionState.ts). */
export async function stateToMapJson(stored: Uint8Array): Promise<MapJson> {
  const update = await unpackState(stored);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return mapToJson(doc);
  } finally {
    doc.destroy();
  }
}

/** A version of a map with its content as interchange JSON, or null when it has no such version. */
export async function readVersion(
  deps: VersionCommandDeps,
  mapId: MapId,
  versionId: string,
): Promise<{ version: VersionRow; map: MapJson } | null> {
  const found = await deps.storage.versions.get(mapId, versionId);
  if (!found) return null;
  const { state, ...version } = found;
  return { version, map: await stateToMapJson(state) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/**
 * Brings a version back for everyone: the live document's content becomes the version's in ONE
 * transaction (every connected client receives it as an ordinary change), after the state from
 * just before was saved as an auto version, so the restore can itself be undone by restoring that
 * one. Resolves to that auto version, or null when the map has no such version.
 *
 * The state before is stored before the document changes; edits that arrived while it was being
 * written are caught by a second snapshot, taken in the same synchronous step as the restore and
 * stored right after it (and then returned), so nothing anyone typed is lost.
 */
export async function restoreVersion(
  deps: VersionCommandDeps,
  mapId: MapId,
  versionId: string,
  authorId: string,
): Promise<VersionRow | null> {
  const target = await deps.storage.versions.get(mapId, versionId);
  if (!target) return null;
  const json = await stateToMapJson(target.state);
  const { versions } = deps.storage;
  return withLiveMap(deps.hocuspocus, mapId, true, async (doc, connection) => {
    const saveBefore = async (update: Uint8Array) =>
      versions.add({ mapId, name: null, authorId, auto: true, state: await packState(update) });
    const vector = Y.encodeStateVector(doc);
    let before = await saveBefore(Y.encodeStateAsUpdate(doc));
    const late = sameBytes(Y.encodeStateVector(doc), vector) ? null : Y.encodeStateAsUpdate(doc);
    // transact applies synchronously when called: nothing can arrive between `late` and it.
    await connection.transact((live) => replaceMapContent(live, json, serverOrigin('restore')));
    if (late) before = await saveBefore(late);
    return before;
  });
}
