import type { Hocuspocus } from '@hocuspocus/server';
import { StoredMirror } from '../collab/storedMirror.ts';
import type * as Y from 'yjs';
import { syncCommentThreads } from '../../shared/comments.ts';
import { commentsDocName, type MapId } from '../../shared/index.ts';
import { serverOrigin } from '../../shared/origins.ts';
import type { ThreadStore } from '../storage/storage.ts';
import { threadJson } from './threadJson.ts';

/** Makes a loaded comments document hold exactly the stored threads of its map. */
export async function rebuildCommentsMirror(
  doc: Y.Doc,
  threads: Pick<ThreadStore, 'list'>,
  mapId: MapId,
): Promise<void> {
  const rows = await threads.list(mapId);
  doc.transact(() => syncCommentThreads(doc, rows.map(threadJson)), COMMENTS_MIRROR_ORIGIN);
}

/** Origin of the server's writes to a comments mirror (labelled for hooks and logs). */
export const COMMENTS_MIRROR_ORIGIN = Object.freeze(serverOrigin('comments-mirror'));

/** Keeps `map:<id>/comments` equal to the stored threads (see StoredMirror). */
export class CommentsMirror extends StoredMirror {
  constructor(hocuspocus: Hocuspocus, threads: Pick<ThreadStore, 'list'>) {
    super(hocuspocus, commentsDocName, async (mapId) => {
      const rows = await threads.list(mapId);
      const json = rows.map(threadJson);
      return (doc) => syncCommentThreads(doc, json);
    });
  }
}
