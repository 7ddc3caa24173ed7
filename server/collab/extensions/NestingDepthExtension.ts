import type { Extension, beforeHandleMessagePayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { DOCUMENT_TOO_DEEP } from '../../../shared/close-codes.ts';
import { readFrameUpdate } from '../guards/frameProtocol.ts';
import type { Rejections } from '../guards/rejections.ts';
import { deepestInsertedType } from '../guards/updateDepth.ts';

/** Settings of the nesting depth limit. */
export interface NestingDepthConfiguration {
  /** Deepest nesting of shared types an update may create (root types are at depth 0). */
  maxNestingDepth: number;
  rejections: Rejections;
}

/** The error Hocuspocus turns into a close of that document connection with this reason. */
class NestingTooDeepError extends Error {
  readonly code = DOCUMENT_TOO_DEEP.code;
  readonly reason = DOCUMENT_TOO_DEEP.reason;

  constructor() {
    super();
    // Hocuspocus prints the error it closes a connection for: one line, not a stack trace.
    this.stack = `NestingTooDeepError: ${DOCUMENT_TOO_DEEP.reason} (already logged as collab_rejected)`;
  }
}

/**
 * Refuses, before it is applied, stored or broadcast, any update that would nest shared types
 * deeper than maxNestingDepth (e.g. 20,000 XML elements inside one card body, which would make
 * the map unreadable for everyone: browsers, exports and Yjs's own garbage collection recurse per
 * level). The depth is computed from the decoded update against the live document (see
 * deepestInsertedType), so the offender alone is closed with `nesting-too-deep` and the map is
 * unchanged. Updates that insert no type (typing, deleting) cost one decode.
 */
export class NestingDepthExtension implements Extension {
  readonly extensionName = 'nesting-depth';
  readonly priority = 160;
  readonly #config: NestingDepthConfiguration;

  constructor(config: NestingDepthConfiguration) {
    this.#config = config;
  }

  async beforeHandleMessage({
    documentName,
    update,
    socketId,
    document,
  }: beforeHandleMessagePayload): Promise<void> {
    const yUpdate = readFrameUpdate(update);
    if (!yUpdate || yUpdate.length === 0) return;
    // The socket guard already decoded this update once, so this cannot throw on client input.
    const { structs } = Y.decodeUpdate(yUpdate);
    if (!structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentType)) return;
    const verdict = deepestInsertedType(structs, document);
    const limit = this.#config.maxNestingDepth;
    if (verdict.kind === 'depth' && verdict.depth <= limit) return;
    this.#config.rejections.report(
      'nesting_too_deep',
      {
        documentName,
        socketId,
        depth: verdict.kind === 'depth' ? verdict.depth : 'unresolved',
        limit,
      },
      verdict.kind === 'depth'
        ? 'refused update: it nests shared types beyond the depth limit'
        : 'refused update: it inserts shared types under ancestors the document does not hold',
    );
    // Hocuspocus closes this document connection with the error's code and reason.
    throw new NestingTooDeepError();
  }
}
