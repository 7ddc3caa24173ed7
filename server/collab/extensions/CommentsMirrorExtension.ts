import type { Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import { parseDocName } from '../../../shared/index.ts';
import { rebuildCommentsMirror } from '../../comments/commentsMirror.ts';
import type { ThreadStore } from '../../storage/storage.ts';

/** Settings of the comments mirror. */
export interface CommentsMirrorConfiguration {
  threads: Pick<ThreadStore, 'list'>;
}

/**
 * Fills `map:<id>/comments` from the stored threads when it loads: the threads in storage are the
 * source of truth and the mirror is never stored itself (PersistenceExtension skips it). Clients
 * only ever read it (AuthenticationExtension makes every connection to it read-only); the
 * server's commands update it through CommentsMirror.
 */
export class CommentsMirrorExtension implements Extension {
  readonly extensionName = 'comments-mirror';
  readonly priority = 48;
  readonly #config: CommentsMirrorConfiguration;

  constructor(config: CommentsMirrorConfiguration) {
    this.#config = config;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'comments') return;
    await rebuildCommentsMirror(document, this.#config.threads, target.mapId);
  }
}
