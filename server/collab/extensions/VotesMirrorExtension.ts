import type { Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import { parseDocName } from '../../../shared/index.ts';
import { rebuildVotesMirror, type VotesMirrorStore } from '../../votes/votesMirror.ts';

/** Settings of the votes mirror. */
export interface VotesMirrorConfiguration {
  votes: VotesMirrorStore;
}

/**
 * Fills `map:<id>/votes` from the stored vote rounds when it loads: storage is the source of
 * truth and the mirror is never stored itself (PersistenceExtension stores maps only). Clients
 * only read it; the vote routes update it through VotesMirror. It never holds anyone's votes.
 */
export class VotesMirrorExtension implements Extension {
  readonly extensionName = 'votes-mirror';
  readonly priority = 48;
  readonly #config: VotesMirrorConfiguration;

  constructor(config: VotesMirrorConfiguration) {
    this.#config = config;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const target = parseDocName(documentName);
    if (target?.kind !== 'votes') return;
    await rebuildVotesMirror(document, this.#config.votes, target.mapId);
  }
}
