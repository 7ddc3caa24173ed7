import type * as Y from 'yjs';
import { mapRoots } from './doc-schema.ts';
import { applyMapJson, parseMapJson } from './interchange.ts';
import { serverOrigin } from './origins.ts';
import type { MapOrigin } from './origins.ts';
import { META_KEYS } from './records/meta.ts';

/**
 * Makes a map document's content equal to `json` (a version being restored, issue 13) in ONE
 * transaction: every stage, lane, card and persona is deleted and the JSON's are written back
 * with their ids, and the meta (title, state, locale, unknown keys) becomes the JSON's. Connected
 * clients receive it as one ordinary change, which later versions can undo in turn. The schema
 * version stays as it is. Validates first (MapOperationError 'invalid-input') and writes nothing
 * when the JSON is not a map.
 */
export function replaceMapContent(
  doc: Y.Doc,
  json: unknown,
  origin: MapOrigin = serverOrigin('restore'),
): void {
  const data = parseMapJson(json);
  const roots = mapRoots(doc);
  doc.transact(() => {
    for (const key of [...roots.meta.keys()]) {
      if (key !== META_KEYS.schemaVersion) roots.meta.delete(key);
    }
    for (const root of [roots.stages, roots.lanes, roots.cards, roots.personas]) {
      for (const id of [...root.keys()]) root.delete(id);
    }
    // Nested: applyMapJson's transaction joins this one, and finds the roots empty.
    applyMapJson(doc, data, origin);
  }, origin);
}
