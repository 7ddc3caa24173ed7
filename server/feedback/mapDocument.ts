import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { mapDocName, type MapId } from '../../shared/index.ts';

/**
 * Runs fn on the map's document as every client sees it now, through a direct Hocuspocus
 * connection (loading it when no one has it open), as the comment commands check anchors; the
 * connection is closed afterwards without unloading the document at once.
 */
export async function withMapDocument<T>(
  hocuspocus: Hocuspocus,
  mapId: MapId,
  fn: (doc: Y.Doc) => T | Promise<T>,
): Promise<T> {
  const connection = await hocuspocus.openDirectConnection(mapDocName(mapId), {});
  try {
    const doc = connection.document;
    if (!doc) throw new Error(`the document of map ${mapId} is not loaded`);
    return await fn(doc);
  } finally {
    await connection.disconnect({ unloadImmediately: false });
  }
}
