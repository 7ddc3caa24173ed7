import type { Extension, beforeHandleMessagePayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import {
  DOCUMENT_TOO_DEEP,
  MISSING_ANCESTORS,
  type CloseEvent,
} from '../../../shared/close-codes.ts';
import { readFrameUpdate } from '../guards/frameProtocol.ts';
import type { Rejections } from '../guards/rejections.ts';
import { deepestInsertedType } from '../guards/updateDepth.ts';

/** Settings of the nesting depth limit. */
export interface NestingDepthConfiguration {
  /** Deepest nesting of shared types an update may create (root types are at depth 0). */
  maxNestingDepth: number;
  rejections: Rejections;
}

/** The error Hocuspocus turns into a close of that document connection with its reason. */
class RefusedUpdateError extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(close: CloseEvent) {
    super();
    this.code = close.code;
    this.reason = close.reason;
    // Hocuspocus prints the error it closes a connection for: one line, not a stack trace.
    this.stack = `RefusedUpdateError: ${close.reason} (already logged as collab_rejected)`;
  }
}

/**
 * Refuses, before it is applied, stored or broadcast, any update that would nest shared types
 * deeper than maxNestingDepth (e.g. 20,000 XML elements inside one card body, which would make
 * the map unreadable for everyone: browsers, exports and Yjs's own garbage collection recurse per
 * level). The depth is computed from the decoded update against the live document (see
 * deepestInsertedType), so the offender alone is closed with `nesting-too-deep` and the map is
 * unchanged. Types hung from items the document does not hold are refused with
 * `missing-ancestors` (kept pending, shallow pieces sent in reverse order would assemble any
 * depth); the client reconnects and its sync reply carries everything. Updates that insert no type
 * (typing, deleting) cost one decode.
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
    if (verdict.kind === 'unresolved') {
      this.#config.rejections.report(
        'missing_ancestors',
        { documentName, socketId },
        'refused update: it inserts shared types under items the document does not hold',
      );
      throw new RefusedUpdateError(MISSING_ANCESTORS);
    }
    this.#config.rejections.report(
      'nesting_too_deep',
      { documentName, socketId, depth: verdict.depth, limit },
      'refused update: it nests shared types beyond the depth limit',
    );
    // Hocuspocus closes this document connection with the error's code and reason.
    throw new RefusedUpdateError(DOCUMENT_TOO_DEEP);
  }
}
